/**
 * Finding the query's strings in a body without scanning the whole body once per string.
 *
 * A snippet needs the first few occurrences of each of the user's words in a body of 3.5 k characters on average
 * (12 k at most), for each of the ten hits of a page, then every occurrence of the query's terms inside the 200
 * characters shown. `indexOf` is fast per character, but a word that occurs once or not at all costs a scan of the
 * whole body: ~2 µs a hit in those scans alone on the archive's bench queries, the largest part of a query's time.
 *
 * - {@link TextIndex} lists where words start in a body, by key (a CJK character pair, or a whole Latin word), so a
 *   word's occurrences are read from one short list. It is built when a body is first shown and kept with the body
 *   in the engine's cache, not stored in the index file (at 50× the archive it would add some 50 MB to the file and
 *   to the load time, for bodies most of which are never shown).
 * - {@link MarkerSet} finds many strings at once in a snippet's window: one pass over its 200 characters, instead of
 *   one index lookup per string (queries bring up to 48 terms, and each lookup lands somewhere else in memory).
 *
 * Both give exactly what an indexOf scan gives (test/search/occurrences.test.ts compares them).
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
 * The key of a needle starting at `p` of a folded text cut at `lo` and `hi`: for a character outside ASCII, the pair
 * it starts (CJK needles are words of two characters or more); for a letter or digit that may start a Latin needle
 * (see {@link freeStart}), the whole run of letters and digits from there up to `hi`, because a Latin needle ends
 * its word too, or goes on with the same punctuation as the text (registry.k8s.io: the run is "registry"). NONE for
 * spaces, other ASCII, and letters inside a word. Keys are 31-bit hashes: callers compare the text.
 */
function keyAt(text: string, p: number, lo: number, hi: number): number {
  const c = text.charCodeAt(p);
  if (c >= 0x80) return p + 1 < hi ? pairKey(c, text.charCodeAt(p + 1)) : NONE;
  if (!isAlnum(c) || !freeStart(text, p, lo, c)) return NONE;
  return runKey(text, p, hi);
}

/** The key a needle is looked up by, or NONE when keys cannot find it (one character outside ASCII, or punctuation first). */
function needleKey(needle: string): number {
  const c = needle.charCodeAt(0);
  if (c >= 0x80) return needle.length >= 2 ? pairKey(c, needle.charCodeAt(1)) : NONE;
  return isAlnum(c) ? runKey(needle, 0, needle.length) : NONE;
}

function pairKey(c0: number, c1: number): number {
  return Math.imul((c0 << 16) | c1, 0x9e3779b1) >>> 1;
}

/** FNV-1a over the letters and digits from `p` on (before `hi`), mixed. */
function runKey(text: string, p: number, hi: number): number {
  let h = 0x811c9dc5;
  for (; p < hi; p++) {
    const c = text.charCodeAt(p);
    if (!isAlnum(c)) break;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> 1;
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

  /** By start, longer first at the same start (insertion sort: a few dozen entries, mostly in order already). */
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

/** A 16-bit tag of a key (0 for NONE), for the per-position tags of a {@link TextIndex}. */
function tagOf(key: number): number {
  return key === NONE ? 0 : (key % 0xffff) + 1;
}

/**
 * Where needles can start in a (folded) text: the positions grouped in buckets by key (see {@link keyAt}), ascending
 * within a bucket, to find a needle anywhere; and the key's tag at every position, to find many needles in a short
 * stretch by reading the stretch's tags in order. About half the positions of a text are listed (none inside Latin
 * words or on spaces). Two bytes a position of the text for the tags, two a listed position (texts under 64 k
 * characters), about as much again for the bucket table.
 */
export class TextIndex {
  private readonly shift: number;
  /** Bucket b holds positions[starts[b] .. starts[b + 1]). */
  private readonly starts: Uint16Array | Uint32Array;
  private readonly positions: Uint16Array | Uint32Array;
  private readonly tags: Uint16Array;

  constructor(private readonly text: string) {
    const n = text.length;
    const keys = new Int32Array(n);
    const tags = (this.tags = new Uint16Array(n));
    let count = 0;
    for (let p = 0; p < n; p++) {
      const key = (keys[p] = keyAt(text, p, 0, n));
      if (key === NONE) continue;
      tags[p] = tagOf(key);
      count++;
    }
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
   * Appends to `out` the first `limit` occurrences of `needle` (as needle number `n`) in the text, in order, with
   * Latin needles on word boundaries.
   */
  find(needle: string, n: number, limit: number, out: Occurrences): void {
    const { text, positions, starts } = this;
    const key = needle ? needleKey(needle) : NONE;
    if (key === NONE) {
      if (needle) findByScan(text, needle, n, 0, text.length, limit, out);
      return;
    }
    const len = needle.length;
    const first = needle.charCodeAt(0);
    const last = needle.charCodeAt(len - 1);
    const bucket = key >>> this.shift;
    const end = starts[bucket + 1];
    let found = 0;
    for (let k = starts[bucket]; k < end && found < limit; k++) {
      const p = positions[k];
      if (!startsAt(text, needle, p)) continue;
      if (!freeStart(text, p, 0, first) || !freeEnd(text, p + len, text.length, last)) continue;
      out.push(p, p + len, n);
      found++;
    }
  }

  /**
   * Appends to `out` every occurrence of every marker of `set` (as its index in `set.markers`) within [lo, hi), Latin
   * ones on word boundaries (the edges of [lo, hi) count as boundaries, as for a text cut there), in no set order.
   */
  findAll(set: MarkerSet, lo: number, hi: number, out: Occurrences): void {
    const { text, tags } = this;
    // Where [lo, hi) cuts a word, the tags (keyed by whole words) do not say what may start there in the cut text:
    // those positions are keyed again for the cut.
    const from = cutsWord(text, lo) ? lo + 1 : lo;
    const tail = Math.max(from, cutsWord(text, hi) ? wordStart(text, hi, lo) : hi);
    if (from > lo) set.matchKey(text, lo, keyAt(text, lo, lo, hi), hi, out);
    set.matchTags(text, tags, from, tail, hi, out);
    for (let p = tail; p < hi; p++) set.matchKey(text, p, keyAt(text, p, lo, hi), hi, out);
    set.scanOthers(text, lo, hi, out);
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

/** Start of the run of letters and digits that ends at `end`, not before `lo`. */
function wordStart(text: string, end: number, lo: number): number {
  let p = end;
  while (p > lo && isAlnum(text.charCodeAt(p - 1))) p--;
  return p;
}

/** Size of the tag filter of a {@link MarkerSet}, in bits (a power of two). */
const FILTER_BITS = 4096;
/** Chains of markers by tag (modulo this, a power of two). */
const CHAINS = 256;

/** Strings to find together in short stretches of text (a snippet's window), prepared once per query. */
export class MarkerSet {
  /** The tag of each marker's key (0 when keys cannot find it). */
  private readonly tags: Uint16Array;
  /** A bit per tag (modulo FILTER_BITS), to rule most positions out at once. */
  private readonly filter = new Uint32Array(FILTER_BITS / 32);
  /** The markers of a tag: heads[tag % CHAINS], then next[marker], until -1. */
  private readonly heads = new Int16Array(CHAINS).fill(-1);
  private readonly next: Int16Array;
  /** Markers keys cannot find (see {@link needleKey}): scanned for one by one. */
  private readonly others: number[] = [];

  constructor(readonly markers: readonly string[]) {
    this.tags = new Uint16Array(markers.length);
    this.next = new Int16Array(markers.length);
    markers.forEach((marker, m) => {
      const tag = marker ? tagOf(needleKey(marker)) : 0;
      this.tags[m] = tag;
      if (tag) {
        this.filter[(tag >>> 5) & (FILTER_BITS / 32 - 1)] |= 1 << (tag & 31);
        this.next[m] = this.heads[tag & (CHAINS - 1)];
        this.heads[tag & (CHAINS - 1)] = m;
      } else if (marker) {
        this.others.push(m);
      }
    });
  }

  /**
   * Appends the markers that start at a position in [from, to) whose tag (from `tags`) is theirs, and end by `hi`,
   * in order of position.
   */
  matchTags(text: string, tags: Uint16Array, from: number, to: number, hi: number, out: Occurrences): void {
    const filter = this.filter;
    for (let p = from; p < to; p++) {
      const tag = tags[p];
      if (tag !== 0 && (filter[(tag >>> 5) & (FILTER_BITS / 32 - 1)] & (1 << (tag & 31))) !== 0) this.matchAt(text, p, tag, hi, out);
    }
  }

  /** {@link matchTags} for one position, keyed by the caller. */
  matchKey(text: string, p: number, key: number, hi: number, out: Occurrences): void {
    if (key !== NONE) this.matchAt(text, p, tagOf(key), hi, out);
  }

  /** Appends the markers with this tag that start at `p` and end by `hi`, Latin ones ending a word or at `hi`. */
  private matchAt(text: string, p: number, tag: number, hi: number, out: Occurrences): void {
    const { markers, tags, next } = this;
    for (let m = this.heads[tag & (CHAINS - 1)]; m >= 0; m = next[m]) {
      if (tags[m] !== tag) continue;
      const marker = markers[m];
      const end = p + marker.length;
      if (end <= hi && startsAt(text, marker, p) && freeEnd(text, end, hi, marker.charCodeAt(marker.length - 1))) out.push(p, end, m);
    }
  }

  /** Appends the occurrences within [lo, hi) of the markers keys cannot find. */
  scanOthers(text: string, lo: number, hi: number, out: Occurrences): void {
    for (const m of this.others) findByScan(text, this.markers[m], m, lo, hi, Infinity, out);
  }
}

/**
 * Finds `needle` by indexOf over [lo, hi) (over a copy of that range when it is short, so that a needle missing from
 * a snippet's window does not cost a scan of the rest of the body). The reference the keyed searches must agree with.
 */
function findByScan(text: string, needle: string, n: number, lo: number, hi: number, limit: number, out: Occurrences): void {
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
