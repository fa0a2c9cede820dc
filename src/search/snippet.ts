/**
 * The snippet of a hit: at most {@link SNIPPET_MAX} characters of the body around the passage where the query's
 * words cluster, with the ranges that match marked. Offsets are UTF-16 code units into the snippet; cuts never split
 * a surrogate pair; runs of whitespace become one space.
 */
import { foldKeepingOffsets, safeBoundary } from './text.js';

export const SNIPPET_MAX = 200;
const ELLIPSIS = '…';
/** Width of the stretch in which matches are counted together when choosing the passage. */
const CLUSTER = 120;
/** How much of the snippet goes before the first match of the chosen passage. */
const LEAD = 40;
/** Occurrences of one needle considered when choosing the passage. */
const MAX_OCCURRENCES = 8;

export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

/**
 * `original` is the text to cut from (whitespace already collapsed: see {@link snippetSource}), `folded` the same
 * text folded with offsets kept (text.ts). The passage is
 * chosen by `choosers`, in order of preference: the first group of them found in the text decides (what the user
 * typed, then its terms). `markers` are marked wherever they appear in the snippet.
 */
export function makeSnippet(original: string, folded: string, choosers: readonly (readonly string[])[], markers: readonly string[]): Snippet {
  if (!original) return { text: '', highlights: [] };
  let from = 0;
  for (const group of choosers) {
    const found = findOccurrences(folded, group, 0, folded.length, MAX_OCCURRENCES);
    if (!found.length) continue;
    const best = bestCluster(found, group.length);
    // A passage near the start is shown from the start.
    from = best < SNIPPET_MAX / 2 ? 0 : niceStart(original, Math.max(0, best - LEAD), best);
    break;
  }
  from = safeBoundary(original, from);
  const lead = from > 0 ? ELLIPSIS : '';
  let to = Math.min(original.length, from + SNIPPET_MAX - lead.length);
  if (to < original.length) to = safeBoundary(original, from + SNIPPET_MAX - lead.length - ELLIPSIS.length);
  const tail = to < original.length ? ELLIPSIS : '';

  let text = original.slice(from, to);
  let ftext = folded.slice(from, to);
  if (lead && text.startsWith(' ')) {
    text = text.slice(1);
    ftext = ftext.slice(1);
  }
  const highlights: Array<[number, number]> = [];
  for (const o of findOccurrences(ftext, markers, 0, ftext.length, Infinity)) highlights.push([o[0] + lead.length, o[1] + lead.length]);
  return { text: lead + text + tail, highlights: mergeRanges(highlights) };
}

/**
 * A text as {@link makeSnippet} reads it: whitespace runs made one space (so snippets need no clean-up), and its
 * folded copy with the same offsets.
 */
export function snippetSource(text: string): { text: string; folded: string } {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return { text: collapsed, folded: foldKeepingOffsets(collapsed) };
}

/** Occurrences [start, end, needle] of `needles` starting in [from, to), Latin ones at word boundaries, in order. */
export function findOccurrences(
  text: string,
  needles: readonly string[],
  from: number,
  to: number,
  perNeedle: number,
): Array<[number, number, number]> {
  const found: Array<[number, number, number]> = [];
  for (let n = 0; n < needles.length; n++) {
    const needle = needles[n];
    if (!needle) continue;
    const latinStart = isAlnum(needle.charCodeAt(0));
    const latinEnd = isAlnum(needle.charCodeAt(needle.length - 1));
    const digitStart = latinStart && needle.charCodeAt(0) <= 57;
    let count = 0;
    for (let i = text.indexOf(needle, from); i >= 0 && i < to && count < perNeedle; i = text.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      // A version needle (1.29) may follow a "v" (v1.29).
      if (latinStart && i > 0 && isAlnum(text.charCodeAt(i - 1)) && !(digitStart && text.charCodeAt(i - 1) === 118)) continue;
      if (latinEnd && end < text.length && isAlnum(text.charCodeAt(end))) continue;
      found.push([i, end, n]);
      count++;
    }
  }
  if (found.length > 1) found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return found;
}

/** a-z or 0-9 (text here is folded: no capitals). */
function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Start of the stretch of {@link CLUSTER} characters holding the most distinct needles (earlier needles weigh more). */
function bestCluster(found: Array<[number, number, number]>, needleCount: number): number {
  let bestScore = -1;
  let bestStart = found[0][0];
  const inWindow = new Int32Array(needleCount + 1);
  let score = 0;
  let j = 0;
  const weight = (n: number) => needleCount - n + 1;
  for (let i = 0; i < found.length; i++) {
    while (j < found.length && found[j][0] < found[i][0] + CLUSTER) {
      const n = found[j][2];
      // A needle counts fully once, and a little more for repeats (up to three).
      if (inWindow[n] === 0) score += weight(n) * 2;
      else if (inWindow[n] < 3) score += 1;
      inWindow[n]++;
      j++;
    }
    if (score > bestScore) {
      bestScore = score;
      bestStart = found[i][0];
    }
    const n = found[i][2];
    inWindow[n]--;
    if (inWindow[n] === 0) score -= weight(n) * 2;
    else if (inWindow[n] < 3) score -= 1;
  }
  return bestStart;
}

const SENTENCE_END = /[\n。！？；!?;]|\.\s/g;

/** Starts the snippet after a sentence or line break when one is close before the match, else not inside a word. */
function niceStart(text: string, from: number, match: number): number {
  const before = text.slice(from, match);
  let cut = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(before); m; m = SENTENCE_END.exec(before)) cut = from + m.index + 1;
  if (cut >= 0) {
    while (cut < match && /\s/.test(text[cut])) cut++;
    return cut;
  }
  let i = from;
  while (i > 0 && i < match && /[A-Za-z0-9]/.test(text[i - 1]) && /[A-Za-z0-9]/.test(text[i])) i++;
  return i;
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  if (ranges.length < 2) return ranges.filter(([s, e]) => e > s);
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
