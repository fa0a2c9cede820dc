/**
 * The field's vocabulary: Latin words known to be real even when no article holds them (common English words,
 * cloud-native project and tool names, the glossary's Latin forms). The spelling corrector never silently rewrites
 * one of them, and a correction it proposes must be one of them or a word of an article's title or headings.
 */
import cloudNative from './data/cloud-native-terms.json' with { type: 'json' };
import english from './data/english-words.json' with { type: 'json' };
import { GLOSSARY } from './glossary.js';
import { fold } from './text.js';

let words: Set<string> | undefined;

function load(): Set<string> {
  const set = new Set<string>(english.words.split(' '));
  for (const w of cloudNative.words) set.add(w);
  for (const forms of GLOSSARY)
    for (const form of forms) for (const w of fold(form).split(/[^a-z0-9]+/)) if (/^[a-z]/.test(w)) set.add(w);
  return set;
}

/** Reads the vocabulary into memory (engines call it when they open, so no query waits for it). */
export function loadVocabulary(): void {
  words ??= load();
}

/** Whether `word` (folded) is a known word of the field. */
export function isKnownWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
