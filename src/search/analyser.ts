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
 * table of character classes: the expression was about 15% of a 10,000-article build.
 */
export function analyseInto(folded: string, sink: TermSink, words = false): void {
  const classes = charClasses();
  const runWords = words ? new RunWords(folded, classes) : undefined;
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
      const ended = ideographEnd(folded, i, classes);
      i = ended >> 1;
      cjkTermsInto(folded.slice(start, i), sink, words, (ended & 1) === 1, runWords);
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

/**
 * Where the run of ideographs that starts at `i` ends, times two, plus one when the run holds a character outside
 * the BMP (one number, so that the hot loop allocates nothing).
 */
function ideographEnd(text: string, i: number, classes: Uint8Array): number {
  const n = text.length;
  let astral = 0;
  while (i < n) {
    const cls = classes[text.charCodeAt(i)];
    if (cls === IDEOGRAPH) i++;
    else if (cls > JOINER) {
      const at = charClassAt(text, i);
      if (at.cls !== IDEOGRAPH) break;
      astral |= at.width - 1;
      i += at.width;
    } else break;
  }
  return i * 2 + astral;
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
  cjkTermsInto(run, new ArraySink(out), words, ASTRAL.test(run), undefined);
}

const ASTRAL = /[\ud800-\udfff]/;

/**
 * `astral`: the run holds characters outside the BMP. `runWords`: the segmenter's words of the text's runs, found
 * beforehand; without it the run is segmented here.
 */
function cjkTermsInto(
  run: string,
  sink: TermSink,
  words: boolean,
  astral: boolean,
  runWords: RunWords | undefined,
): void {
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
  if (runWords && run.length <= SEGMENT_CHUNK) {
    runWords.next(sink);
    return;
  }
  for (let start = 0; start < run.length; start += SEGMENT_CHUNK)
    eachSegment(run.slice(start, start + SEGMENT_CHUNK), (segment) => addWord(segment, sink));
}

/**
 * Calls `visit` with each of the segmenter's words of `text` and where it starts, by walking `containing()` from one
 * word's end to the next: the same words as iterating the segments (checked over the whole seed text and random
 * strings with lone surrogates and joiners), at about two thirds of the cost on short runs (measured: 3.8 µs against
 * 5.4 µs for a query's run).
 */
function eachSegment(text: string, visit: (segment: string, index: number) => void): void {
  const segments = segmenter.segment(text);
  for (let at = 0; at < text.length; ) {
    const { segment, index } = segments.containing(at)!;
    visit(segment, index);
    at = index + segment.length;
  }
}

/** A segmenter word is a term when bigrams do not cover it: one character (not a stop character), or three or more. */
function addWord(segment: string, sink: TermSink | string[]): void {
  if (segment.length === 1 ? STOP_CHARS.has(segment) : segment.length === 2) return;
  if (Array.isArray(sink)) sink.push(segment);
  else sink.add(segment);
}

/** Most code units of runs handed to the segmenter in one call (see RunWords; 250 to 400 measured best). */
const SEGMENT_BATCH = 300;

/**
 * The segmenter's word terms for the runs of ideographs of one text that are segmented whole (two code units up to
 * SEGMENT_CHUNK), found in a few segmenter calls over the runs joined by line breaks rather than one call per run:
 * ten typical title runs cost about 50 µs in ten calls and 30 µs in one (measured), so a call's own cost is about
 * that of segmenting a short run. A line break is a word boundary whatever surrounds it (UAX #29, WB3a and WB3b)
 * and ICU's dictionary segmentation works between such boundaries, so each run is segmented exactly as on its own
 * (the 50× archive's index is byte for byte the same). The runs are read in the order analyseInto meets them;
 * `next` gives the words of the next one.
 */
class RunWords {
  private readonly words: string[] = [];
  /** Per run, where its words end in `words`. */
  private readonly ends: number[] = [];
  private run = 0;

  constructor(folded: string, classes: Uint8Array) {
    const runs: string[] = [];
    for (let i = 0; i < folded.length; ) {
      let cls = classes[folded.charCodeAt(i)];
      let width = 1;
      if (cls > JOINER) ({ cls, width } = charClassAt(folded, i));
      if (cls !== IDEOGRAPH) {
        i += width;
        continue;
      }
      const start = i;
      i = ideographEnd(folded, i, classes) >> 1;
      if (i - start >= 2 && i - start <= SEGMENT_CHUNK) runs.push(folded.slice(start, i));
    }
    for (let first = 0; first < runs.length; ) {
      let batch = runs[first];
      let last = first + 1;
      while (last < runs.length && batch.length + 1 + runs[last].length <= SEGMENT_BATCH) batch += `\n${runs[last++]}`;
      let run = first;
      let runEnd = runs[first].length;
      eachSegment(batch, (segment, index) => {
        if (segment === '\n') return;
        // The run holding this segment starts one line break after the end of the one before it.
        while (index >= runEnd) {
          this.ends.push(this.words.length);
          runEnd += 1 + runs[++run].length;
        }
        addWord(segment, this.words);
      });
      for (; run < last; run++) this.ends.push(this.words.length);
      first = last;
    }
  }

  next(sink: TermSink): void {
    const from = this.run === 0 ? 0 : this.ends[this.run - 1];
    const to = this.ends[this.run++];
    for (let i = from; i < to; i++) sink.add(this.words[i]);
  }
}

/** The segmenter's words for a short run of ideographs (the query parser uses them to drop question words). */
export function cjkWords(run: string): string[] {
  // One character is one word; the segmenter's cost is mostly per call, whatever the length.
  if (run.length === 1) return [run];
  const words: string[] = [];
  for (let start = 0; start < run.length; start += SEGMENT_CHUNK)
    eachSegment(run.slice(start, start + SEGMENT_CHUNK), (segment) => words.push(segment));
  return words;
}
