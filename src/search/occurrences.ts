/**
 * Finding the query's strings in a body without scanning the whole body once per string.
 *
 * A snippet needs the first few occurrences of each of the user's words in a body of 3.5 k characters on average
 * (12 k at most), for each of the ten hits of a page, then every occurrence of the query's terms inside the 200
 * characters shown. `indexOf` is fast per character, but a word that occurs once or not at all costs a scan of the
 * whole body: ~2 µs a hit in those scans alone on the archive's bench queries, the largest part of a query's time.
 *
 * A {@link TextIndex} lists where words start in a body, by key (a CJK character pair, or a whole Latin word), so a
 * word's occurrences are read from one short list, ascending (the part inside a snippet's window is found by binary
 * search). It is built when a body is first shown and kept with the body in the engine's cache, not stored in the
 * index file (at 50× the archive it would add some 30 MB to the file and to the load time, for bodies most of which
 * are never shown). A query's strings are {@link Keyed} once, for all its hits.
 *
 * Both searches give exactly what an indexOf scan gives (test/search/occurrences.test.ts compares them).
 *
 * Measured (instructions per snippet on the bench queries, callgrind): a pass over the window's 200 positions with a
 * per-position tag instead of one lookup per string cost 20 k against 14 k, and was no faster on the clock.
 */

/** a-z or 0-9 (text here is folded: no capitals). */
export function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const LOWER_V = 118;
const DIGIT_9 = 57;
/** The key of positions where no needle served by a key can start (see {@link keyAt}). */
const NONE = -1;

/**
 * Whether a needle may start at `p` without its first character being glued to the word before: Latin needles start
 * a word, except that a version (1.29) may follow a "v" (v1.29). `lo` is where the text is cut (a boundary).
 */
function freeStart(text: string, p: number, lo: number, first: number): boolean {
  if (p <= lo || !isAlnum(first)) return true;
  const prev = text.charCodeAt(p - 1);
  return !isAlnum(prev) || (first <= DIGIT_9 && prev === LOWER_V);
}

/** Whether a needle ending at `end` is not glued to the word after it (Latin needles end a word; `hi` is a cut). */
function freeEnd(text: string, end: number, hi: number, last: number): boolean {
  return end >= hi || !isAlnum(last) || !isAlnum(text.charCodeAt(end));
}

/**
 * The key under which position `p` of a folded text is listed: for a character outside ASCII, the pair it starts
 * (CJK needles are words of two characters or more); for a letter or digit that starts a Latin word (or a version
 * after "v"), the whole run of letters and digits from there, because a Latin needle ends its word too, or goes on
 * with the same punctuation as the text (registry.k8s.io: the run is "registry"). NONE for spaces, other ASCII and
 * letters inside a word: no needle served by a key starts there. Keys are 31-bit hashes: callers compare the text.
 */
function keyAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c >= 0x80) return p + 1 < text.length ? pairKey(c, text.charCodeAt(p + 1)) : NONE;
  if (!isAlnum(c) || !freeStart(text, p, 0, c)) return NONE;
  return runKey(text, p);
}

function pairKey(c0: number, c1: number): number {
  return Math.imul((c0 << 16) | c1, 0x9e3779b1) >>> 1;
}

/** FNV-1a over the letters and digits from `p` on, mixed. */
function runKey(text: string, p: number): number {
  let h = 0x811c9dc5;
  for (let c = text.charCodeAt(p); isAlnum(c); c = text.charCodeAt(++p)) h = Math.imul(h ^ c, 0x01000193);
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> 1;
}

/**
 * A string to look for, with its key (NONE when keys cannot find it: one character outside ASCII, or punctuation
 * first), and the coverage bits of the query terms a document holds wherever the string is in its text (`mask`: a
 * text whose document lacks one of them is not searched for it; 0 searches every text). A class, so that every one
 * has the same shape: the hot loops read them by the dozen per query.
 */
export class Keyed {
  readonly key: number;

  constructor(
    readonly text: string,
    readonly mask = 0,
  ) {
    const c = text.charCodeAt(0);
    let key = NONE;
    if (c >= 0x80 && text.length >= 2) key = pairKey(c, text.charCodeAt(1));
    else if (isAlnum(c)) key = runKey(text, 0);
    this.key = key;
  }
}

/** A string to look for in every text (callable as `array.map(keyed)`). */
export function keyed(text: string): Keyed {
  return new Keyed(text);
}

/** Occurrences as start, end and needle number, in flat arrays reused from one call to the next. */
export class Occurrences {
  start = new Int32Array(64);
  end = new Int32Array(64);
  needle = new Int32Array(64);
  length = 0;

  push(start: number, end: number, needle: number): void {
    if (this.length === this.start.length) this.grow();
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.needle[this.length] = needle;
    this.length++;
  }

  /** By start, longer first at the same start (insertion sort: a few dozen entries, partly in order already). */
  sort(): void {
    const { start, end, needle } = this;
    for (let i = 1; i < this.length; i++) {
      const s = start[i];
      const e = end[i];
      const n = needle[i];
      let j = i - 1;
      while (j >= 0 && (start[j] > s || (start[j] === s && end[j] < e))) {
        start[j + 1] = start[j];
        end[j + 1] = end[j];
        needle[j + 1] = needle[j];
        j--;
      }
      start[j + 1] = s;
      end[j + 1] = e;
      needle[j + 1] = n;
    }
  }

  private grow(): void {
    const size = this.start.length * 2;
    for (const key of ['start', 'end', 'needle'] as const) {
      const bigger = new Int32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}

/**
 * Where needles can start in a (folded) text, grouped in buckets by key (see {@link keyAt}), ascending within a
 * bucket. About half the positions of a text are listed (none inside Latin words or on spaces), at two bytes each
 * for texts under 64 k characters, plus a bucket table of about as many.
 */
export class TextIndex {
  private readonly shift: number;
  /** Bucket b holds positions[starts[b] .. starts[b + 1]). */
  private readonly starts: Uint16Array | Uint32Array;
  private readonly positions: Uint16Array | Uint32Array;

  constructor(private readonly text: string) {
    const n = text.length;
    const keys = new Int32Array(n);
    let count = 0;
    for (let p = 0; p < n; p++) if ((keys[p] = keyAt(text, p)) !== NONE) count++;
    let bits = 4;
    while (1 << bits < count) bits++;
    const shift = (this.shift = 31 - bits);
    const wide = n > 0xffff;
    const starts = (this.starts = wide ? new Uint32Array((1 << bits) + 1) : new Uint16Array((1 << bits) + 1));
    for (let p = 0; p < n; p++) if (keys[p] !== NONE) starts[keys[p] >>> shift]++;
    // Counts become the end of each bucket, then filling from the last position down leaves each bucket ascending
    // and each starts[b] at the beginning of bucket b.
    for (let b = 0, sum = 0; b < starts.length; b++) starts[b] = sum += starts[b];
    const positions = (this.positions = wide ? new Uint32Array(count) : new Uint16Array(count));
    for (let p = n - 1; p >= 0; p--) if (keys[p] !== NONE) positions[--starts[keys[p] >>> shift]] = p;
  }

  /**
   * Appends to `out` the first `limit` occurrences of `needle` (as needle number `n`) in the text, in order, Latin
   * needles on word boundaries.
   */
  find(needle: Keyed, n: number, limit: number, out: Occurrences): void {
    this.findIn(needle, n, 0, this.text.length, false, limit, out);
  }

  /**
   * Appends to `out` every occurrence of every needle (as its index in `needles`) within [lo, hi), Latin ones on word
   * boundaries (the edges of [lo, hi) count as boundaries, as for a text cut there), in no set order. Needles whose
   * mask `covered` lacks a bit of are not looked for (the text's document lacks a term they hold).
   */
  findAll(needles: readonly Keyed[], lo: number, hi: number, out: Occurrences, covered = -1): void {
    const cut = cutsWord(this.text, lo) || cutsWord(this.text, hi);
    for (let n = 0; n < needles.length; n++) {
      const needle = needles[n];
      if ((needle.mask & covered) === needle.mask) this.findIn(needle, n, lo, hi, cut, Infinity, out);
    }
  }

  /** `cut`: [lo, hi) cuts a Latin word, where a Latin needle may start or end but which the index keys whole. */
  private findIn(
    needle: Keyed,
    n: number,
    lo: number,
    hi: number,
    cut: boolean,
    limit: number,
    out: Occurrences,
  ): void {
    const { text, positions, starts } = this;
    const chars = needle.text;
    const key = needle.key;
    if (!chars) return;
    if (key === NONE || (cut && isAlnum(chars.charCodeAt(0)))) {
      findByScan(text, chars, n, lo, hi, limit, out);
      return;
    }
    const len = chars.length;
    const first = chars.charCodeAt(0);
    const last = chars.charCodeAt(len - 1);
    const bucket = key >>> this.shift;
    const end = starts[bucket + 1];
    let found = 0;
    for (
      let k = lo > 0 ? lowerBound(positions, starts[bucket], end, lo) : starts[bucket];
      k < end && found < limit;
      k++
    ) {
      const p = positions[k];
      if (p + len > hi) break;
      if (!startsAt(text, chars, p) || !freeStart(text, p, lo, first) || !freeEnd(text, p + len, hi, last)) continue;
      out.push(p, p + len, n);
      found++;
    }
  }
}

/** `text.startsWith(needle, p)` for the short needles of a query, without a call into the runtime. */
function startsAt(text: string, needle: string, p: number): boolean {
  for (let i = 0; i < needle.length; i++) if (text.charCodeAt(p + i) !== needle.charCodeAt(i)) return false;
  return true;
}

/** Whether a cut at `edge` falls inside a Latin word. */
function cutsWord(text: string, edge: number): boolean {
  return edge > 0 && edge < text.length && isAlnum(text.charCodeAt(edge - 1)) && isAlnum(text.charCodeAt(edge));
}

/** First index in [from, to) of the ascending `values` whose value is at least `min`. */
function lowerBound(values: Uint16Array | Uint32Array, from: number, to: number, min: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (values[mid] < min) from = mid + 1;
    else to = mid;
  }
  return from;
}

/**
 * Finds `needle` by indexOf over [lo, hi) (over a copy of that range when it is short, so that a needle missing from
 * a snippet's window does not cost a scan of the rest of the body). The reference the keyed searches agree with.
 */
function findByScan(
  text: string,
  needle: string,
  n: number,
  lo: number,
  hi: number,
  limit: number,
  out: Occurrences,
): void {
  const first = needle.charCodeAt(0);
  const last = needle.charCodeAt(needle.length - 1);
  const whole = lo === 0 && hi === text.length;
  const view = whole ? text : text.slice(lo, hi);
  const offset = whole ? 0 : lo;
  let found = 0;
  for (let i = view.indexOf(needle); i >= 0 && found < limit; i = view.indexOf(needle, i + 1)) {
    const p = i + offset;
    if (!freeStart(text, p, lo, first) || !freeEnd(text, p + needle.length, hi, last)) continue;
    out.push(p, p + needle.length, n);
    found++;
  }
}
