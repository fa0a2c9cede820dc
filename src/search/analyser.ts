/**
 * The one text analyser, for documents and queries alike.
 *
 * Text is folded (NFKC, lower case), then read as runs. A run of ideographs gives its overlapping character bigrams
 * (so 准入 is found inside 准入控制器 whatever a word segmenter makes of it) plus the words `Intl.Segmenter` finds
 * that bigrams do not already cover: one-character words (卷, 池) and words of three or more characters (控制器). A
 * Latin-script token is kept whole, never cut into letters, with identifier and version rules (latin.ts); two plain
 * words in a row also give their joined form, so `Pod Security` meets `PodSecurity` and `cgroup v2` meets
 * `cgroupv2`.
 *
 * Word terms from the segmenter are optional (`words`): the engine asks for them in titles, headings and queries,
 * not in bodies. Over the body text they cost more than the whole rest of a build (about 0.25 s per archive, 12 s
 * for a 10,000-article one) while bigrams already find every word they would. The segmenter is given short pieces
 * only: over one long string it is pathologically slow.
 */
import { kepTerm, latinTerms } from './latin.js';
import { charClassAt, charClasses, fold, IDEOGRAPH, JOINER, WORD } from './text.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Longest piece handed to the segmenter at once. */
const SEGMENT_CHUNK = 120;

/**
 * Characters too common to be worth a posting list of their own when they stand alone as a word. They still take
 * part in bigrams, so 的 is never searched alone but 目的 is found.
 */
export const STOP_CHARS = new Set([...'的了是在和与及或也都就而且并被把对从向为以之其这那个有着吗呢吧啊呀哦嘛么']);

export interface AnalyseOptions {
  /** Also emit the segmenter's one-character and long words (titles, headings, queries). */
  words?: boolean;
}

/** Where analysis puts its terms. A bigram is passed as its run and offset, so a sink may skip making a string. */
export interface TermSink {
  add(term: string): void;
  bigram(run: string, at: number): void;
}

class ArraySink implements TermSink {
  constructor(readonly out: string[]) {}
  add(term: string): void {
    this.out.push(term);
  }
  bigram(run: string, at: number): void {
    this.out.push(run.slice(at, at + 2));
  }
}

/** The terms of `text`, in order, with repeats (term frequency matters to ranking). */
export function analyse(text: string, options: AnalyseOptions = {}): string[] {
  const out: string[] = [];
  analyseInto(fold(text), new ArraySink(out), options.words ?? false);
  return out;
}

const latinScratch: string[] = [];

/**
 * Analyses already folded text into `sink`. The text is read as runs: a run of ideographs, or a Latin-script token
 * (word characters, with single joiners such as `-` or `.` between them). This is the reading of the regular
 * expression `([ideograph]+)|((?:word)+(?:[-./+#'](?:word)+)*)` (text.ts has the classes), made by hand through a
 * table of character classes: the expression was a quarter of a big build.
 */
export function analyseInto(folded: string, sink: TermSink, words = false): void {
  const classes = charClasses();
  const n = folded.length;
  let prevWord = '';
  let prevEnd = -1;
  let i = 0;
  while (i < n) {
    let cls = classes[folded.charCodeAt(i)];
    let width = 1;
    if (cls > JOINER) ({ cls, width } = charClassAt(folded, i));
    if (cls === IDEOGRAPH) {
      const start = i;
      let astral = width === 2;
      i += width;
      while (i < n) {
        const c = classes[folded.charCodeAt(i)];
        if (c === IDEOGRAPH) i++;
        else if (c > JOINER && charClassAt(folded, i).cls === IDEOGRAPH) {
          astral = true;
          i += 2;
        } else break;
      }
      cjkTermsInto(folded.slice(start, i), sink, words, astral);
      prevWord = '';
      continue;
    }
    if (cls !== WORD) {
      i += width;
      continue;
    }
    const start = i;
    i = wordEnd(folded, i + width, classes);
    // A joiner continues the token only when a word character follows it.
    while (i + 1 < n && classes[folded.charCodeAt(i)] === JOINER && classAt(folded, i + 1, classes) === WORD)
      i = wordEnd(folded, i + 1, classes);
    prevWord = latinToken(folded, start, i, sink, prevWord, prevEnd);
    prevEnd = i;
  }
}

/** The class of the code point at `i` (see text.ts). */
function classAt(text: string, i: number, classes: Uint8Array): number {
  const cls = classes[text.charCodeAt(i)];
  return cls > JOINER ? charClassAt(text, i).cls : cls;
}

/** Where the run of word characters that goes on at `i` ends. */
function wordEnd(text: string, i: number, classes: Uint8Array): number {
  const n = text.length;
  while (i < n) {
    const cls = classes[text.charCodeAt(i)];
    if (cls === WORD) i++;
    else if (cls > JOINER) {
      const at = charClassAt(text, i);
      if (at.cls !== WORD) break;
      i += at.width;
    } else break;
  }
  return i;
}

/**
 * The terms of the Latin token folded[start, end), with its joined pair or KEP number from the word before it.
 * Returns the token when it may be the first half of a joined pair, else ''.
 */
function latinToken(
  folded: string,
  start: number,
  end: number,
  sink: TermSink,
  prevWord: string,
  prevEnd: number,
): string {
  const token = folded.slice(start, end);
  latinScratch.length = 0;
  const plain = latinTerms(token, latinScratch);
  for (let i = 0; i < latinScratch.length; i++) sink.add(latinScratch[i]);
  // Joined pairs only across one or two spaces or tabs; KEP numbers also across '#', ':' or '-'.
  const gapLength = start - prevEnd;
  if (prevEnd >= 0 && gapLength <= 3) {
    const gap = folded.slice(prevEnd, start);
    if (prevWord && plain && gapLength <= 2 && /^[ \t]+$/.test(gap)) sink.add(prevWord + token);
    if (prevWord === 'kep' && /^\d{1,5}$/.test(token) && /^[ \t#:-]+$/.test(gap)) sink.add(kepTerm(token));
  }
  return plain ? token : '';
}

/** Bigrams of a run of ideographs, plus the segmenter's words that bigrams do not cover. */
export function cjkTerms(run: string, out: string[], words: boolean): void {
  cjkTermsInto(run, new ArraySink(out), words, ASTRAL.test(run));
}

const ASTRAL = /[\ud800-\udfff]/;

/** `astral`: the run holds characters outside the BMP. */
function cjkTermsInto(run: string, sink: TermSink, words: boolean, astral: boolean): void {
  if (astral) {
    // Characters outside the BMP (CJK extension B and later) are two code units: pair code points, not units.
    const chars = Array.from(run);
    if (chars.length === 1) {
      if (!STOP_CHARS.has(run)) sink.add(run);
    } else {
      for (let i = 0; i + 1 < chars.length; i++) sink.add(chars[i] + chars[i + 1]);
    }
  } else if (run.length === 1) {
    if (!STOP_CHARS.has(run)) sink.add(run);
    return;
  } else {
    for (let i = 0; i + 1 < run.length; i++) sink.bigram(run, i);
  }
  if (!words || run.length === 1) return;
  for (let start = 0; start < run.length; start += SEGMENT_CHUNK) {
    const piece = run.slice(start, start + SEGMENT_CHUNK);
    for (const { segment } of segmenter.segment(piece)) {
      if (segment.length === 1) {
        if (!STOP_CHARS.has(segment)) sink.add(segment);
      } else if (segment.length > 2) {
        sink.add(segment);
      }
    }
  }
}

/** The segmenter's words for a short run of ideographs (the query parser uses them to drop question words). */
export function cjkWords(run: string): string[] {
  const words: string[] = [];
  for (let start = 0; start < run.length; start += SEGMENT_CHUNK) {
    for (const { segment } of segmenter.segment(run.slice(start, start + SEGMENT_CHUNK))) words.push(segment);
  }
  return words;
}
