/**
 * What the index knows about an article, field by field, and how much each field counts. The weights and length
 * normalisations are BM25F parameters; bench/eval.ts measures them (see the README's search section).
 */
import type { Article } from '../archive/article.js';

export const FIELD_NAMES = ['title', 'headings', 'body', 'authors', 'translators', 'original'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface FieldSpec {
  name: FieldName;
  /** Word terms from the segmenter as well as bigrams (short fields, where a whole-word match means most). */
  words: boolean;
  /** BM25F weight of a term occurrence in this field relative to the body. */
  weight: number;
  /** BM25 length normalisation (0: none, 1: full). */
  b: number;
  text(article: Article): string;
}

export const FIELDS: readonly FieldSpec[] = [
  { name: 'title', words: true, weight: 5, b: 0.3, text: (a) => a.title },
  { name: 'headings', words: true, weight: 1.5, b: 0.5, text: (a) => a.headings.join('\n') },
  { name: 'body', words: false, weight: 1, b: 0.75, text: (a) => a.body },
  { name: 'authors', words: false, weight: 6, b: 0, text: (a) => a.authors.join('\n') },
  { name: 'translators', words: false, weight: 2, b: 0, text: (a) => a.translators.join('\n') },
  { name: 'original', words: false, weight: 0.3, b: 0.75, text: (a) => a.original ?? '' },
];

/**
 * Term frequency is kept in flexsearch's score slots: slot k holds the documents in which the term occurs
 * {@link SLOT_TF}[k] times (roughly, above 8). Slot 0 is the most common case, a single occurrence, so the exported
 * arrays stay short.
 */
export const RESOLUTION = 16;
const SLOT_UPPER = [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 17, 23, 31, 43, 59, Infinity];
export const SLOT_TF = [1, 2, 3, 4, 5, 6, 7, 8, 9.5, 12, 15.5, 20.5, 27.5, 37.5, 51.5, 70];

export function slotFor(tf: number): number {
  if (tf <= 8) return tf - 1;
  let k = 8;
  while (tf > SLOT_UPPER[k]) k++;
  return k;
}

/** Author names as filters match them: the name without its affiliation, whole, joined and word by word. */
export function personKeys(name: string): string[] {
  const bare = name
    .replace(/[(（][^)）]*[)）]/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (!bare) return [];
  const words = bare.split(/[\s,，、]+/).filter(Boolean);
  const keys = new Set([bare, words.join('')]);
  for (const w of words) keys.add(w);
  return [...keys];
}
