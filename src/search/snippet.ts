/**
 * The snippet of a hit: at most {@link SNIPPET_MAX} characters of the body around the passage where the query's
 * words cluster, with the ranges that match marked. Offsets are UTF-16 code units into the snippet; cuts never split
 * a surrogate pair; runs of whitespace become one space.
 */
import { isAlnum, type Keyed, Occurrences, TextIndex } from './occurrences.js';
import { proseOf } from './prose.js';
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
 * A text as {@link makeSnippet} reads it: whitespace runs made one space (so snippets need no clean-up, and the
 * plain space is the only whitespace left), its folded copy with the same offsets, and (built when first needed:
 * phrase checks read `folded` alone) where its words start.
 */
export class SnippetText {
  readonly text: string;
  readonly folded: string;
  private words: TextIndex | undefined;

  constructor(raw: string) {
    this.text = raw.replace(/\s+/g, ' ').trim();
    this.folded = foldKeepingOffsets(this.text);
  }

  get index(): TextIndex {
    return (this.words ??= new TextIndex(this.folded));
  }
}

/**
 * A body as snippets read it: the whole of it (phrase checks read it, and a query found only in code is shown there)
 * and, made when first needed, its prose (prose.ts), where snippets look first.
 */
export class SnippetSource extends SnippetText {
  private proseText: SnippetText | undefined;

  constructor(private readonly body: string) {
    super(body);
  }

  get prose(): SnippetText {
    if (!this.proseText) {
      const prose = proseOf(this.body);
      this.proseText = prose.replace(/\s+/g, ' ').trim() === this.text ? this : new SnippetText(prose);
    }
    return this.proseText;
  }
}

/** Reused by every snippet (one query at a time: searches are synchronous). */
const found = new Occurrences();
let inWindow = new Int32Array(16);

/**
 * The passage is chosen by `choosers`, in order of preference: the first group of them found in the text decides
 * (what the user typed, then its terms). A needle whose terms the document lacks (`mask` is the document's coverage
 * mask; see {@link Keyed}) cannot be in its text and is not looked for. `markers` are marked wherever they appear in
 * the snippet.
 */
export function makeSnippet(
  source: SnippetSource,
  choosers: readonly (readonly Keyed[])[],
  mask: number,
  markers: readonly Keyed[],
): Snippet {
  // The prose first; the whole body (code, diagrams) only when the query's words are nowhere in the prose.
  const prose = source.prose;
  let from = passageStart(prose, choosers, mask);
  let shown: SnippetText = prose;
  if (from === undefined && prose !== source) {
    from = passageStart(source, choosers, mask);
    if (from !== undefined) shown = source;
  }
  if (!shown.text) shown = source;
  return cut(shown, from ?? 0, markers, mask);
}

/** Where the passage chosen by `choosers` starts in `source`, or undefined when none of them is in it. */
function passageStart(source: SnippetText, choosers: readonly (readonly Keyed[])[], mask: number): number | undefined {
  if (!source.text) return undefined;
  const index = source.index;
  for (const group of choosers) {
    found.length = 0;
    // Needles are numbered among those looked for: earlier ones weigh more in bestCluster.
    let count = 0;
    for (const needle of group)
      if ((needle.mask & mask) === needle.mask) index.find(needle, count++, MAX_OCCURRENCES, found);
    if (!found.length) continue;
    found.sort();
    const best = bestCluster(found, count);
    // A passage near the start is shown from the start.
    return best < SNIPPET_MAX / 2 ? 0 : niceStart(source.text, Math.max(0, best - LEAD), best);
  }
  return undefined;
}

/** At most {@link SNIPPET_MAX} characters of `source` from `from`, with `markers` marked (those `mask` covers). */
function cut(source: SnippetText, from: number, markers: readonly Keyed[], mask: number): Snippet {
  const original = source.text;
  if (!original) return { text: '', highlights: [] };
  const index = source.index;
  from = safeBoundary(original, from);
  const lead = from > 0 ? ELLIPSIS : '';
  let to = Math.min(original.length, from + SNIPPET_MAX - lead.length);
  if (to < original.length) to = safeBoundary(original, from + SNIPPET_MAX - lead.length - ELLIPSIS.length);
  const tail = to < original.length ? ELLIPSIS : '';
  // After an ellipsis the snippet does not start with a space.
  if (lead && original.charCodeAt(from) === 32) from++;

  found.length = 0;
  index.findAll(markers, from, to, found, mask);
  return { text: lead + original.slice(from, to) + tail, highlights: highlightRanges(found, lead.length - from) };
}

/** The occurrences as sorted, non-overlapping ranges (overlapping or touching ones merged), moved by `shift`. */
function highlightRanges(found: Occurrences, shift: number): Array<[number, number]> {
  found.sort();
  const { start, end } = found;
  const out: Array<[number, number]> = [];
  let last: [number, number] | undefined;
  for (let i = 0; i < found.length; i++) {
    const s = start[i] + shift;
    const e = end[i] + shift;
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else {
      out.push((last = [s, e]));
    }
  }
  return out;
}

/** Start of the stretch of {@link CLUSTER} characters holding the most distinct needles (earlier needles weigh more). */
function bestCluster(found: Occurrences, needleCount: number): number {
  const { start, needle } = found;
  let bestScore = -1;
  let bestStart = start[0];
  if (inWindow.length <= needleCount) inWindow = new Int32Array(needleCount + 1);
  inWindow.fill(0, 0, needleCount + 1);
  let score = 0;
  let j = 0;
  for (let i = 0; i < found.length; i++) {
    while (j < found.length && start[j] < start[i] + CLUSTER) {
      const n = needle[j];
      // A needle counts fully once, and a little more for repeats (up to three).
      if (inWindow[n] === 0) score += (needleCount - n + 1) * 2;
      else if (inWindow[n] < 3) score += 1;
      inWindow[n]++;
      j++;
    }
    if (score > bestScore) {
      bestScore = score;
      bestStart = start[i];
    }
    const n = needle[i];
    inWindow[n]--;
    if (inWindow[n] === 0) score -= (needleCount - n + 1) * 2;
    else if (inWindow[n] < 3) score -= 1;
  }
  return bestStart;
}

/**
 * Starts the snippet after a sentence end when one is close before the match, else not inside a word. (The text is
 * collapsed: no line breaks are left, and the only whitespace is the plain space.)
 */
function niceStart(text: string, from: number, match: number): number {
  let cut = -1;
  for (let i = match - 1; i >= from && cut < 0; i--) if (endsSentence(text, i, match)) cut = i + 1;
  if (cut >= 0) {
    while (cut < match && text.charCodeAt(cut) === 32) cut++;
    return cut;
  }
  let i = from;
  while (i > 0 && i < match && isAlnumAnyCase(text.charCodeAt(i - 1)) && isAlnumAnyCase(text.charCodeAt(i))) i++;
  return i;
}

/** 。！？； and their ASCII forms end a sentence; a full stop only before a space (not in 1.29 or k8s.io). */
function endsSentence(text: string, i: number, before: number): boolean {
  switch (text.charCodeAt(i)) {
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0xff1b: // ；
    case 33: // !
    case 63: // ?
    case 59: // ;
      return true;
    case 46: // .
      return i + 1 < before && text.charCodeAt(i + 1) === 32;
    default:
      return false;
  }
}

function isAlnumAnyCase(c: number): boolean {
  return isAlnum(c) || (c >= 65 && c <= 90);
}
