/**
 * The postings of one field for a whole archive, gathered in one pass for FlexIndex.bulkLoad: the analyser's terms go
 * in document by document, flexsearch's map (term → score slot → ids, terms in order of first occurrence) comes out.
 *
 * Built for the 12.7 M term occurrences and 8.5 M postings of a 10,000-article body field: a term is a number from
 * its first occurrence on, its counts live in typed arrays indexed by that number, a bigram of ideographs is looked up
 * by its two character codes in a table of its own (no string made for it until the end), and each document's
 * postings are appended to one flat list, sorted by term and score slot once all documents are in: the id lists are
 * views into the sorted ids.
 */
import type { TermSink } from './analyser.js';
import { RESOLUTION, slotFor } from './fields.js';
import type { Slots } from './flex-index.js';

/** First and last character (exclusive) of the block whose bigrams are keyed by number: CJK punctuation to Yi. */
const CODED_FROM = 0x3000;
const CODED_TO = 0xa000;
/** Postings per chunk of the flat posting list. */
const POSTING_CHUNK = 1 << 16;

export class FieldPostings implements TermSink {
  private readonly byString = new Map<string, number>();
  /** Open addressing: bigram code + 1 (0 marks a free cell) and its term number. */
  private bigramKeys = new Int32Array(1 << 12);
  private bigramTerms = new Int32Array(1 << 12);
  private bigramCount = 0;
  /** 32 - log2(table size): a cell is the top bits of a Fibonacci hash (its low bits would be the second character's). */
  private bigramShift = 20;
  /** Per term number: the term ('' for a bigram until `finish`), and the bigram code (-1 for other terms). */
  private readonly terms: string[] = [];
  private readonly codes: number[] = [];
  /** Per term number: the last document that held it, and how often it held it. */
  private lastDoc = new Int32Array(1 << 12).fill(-1);
  private tf = new Int32Array(1 << 12);
  /** Term numbers of the current document, each once. */
  private seen = new Int32Array(1 << 10);
  private seenCount = 0;
  private doc = -1;
  /** Terms counted in the current document, repeats included (BM25 length normalisation). */
  length = 0;
  /**
   * Every posting so far, in document order: term number × RESOLUTION + score slot, and the document. Kept in chunks
   * (a flat array grown by doubling spent 5% of a big build copying itself); all but the last are full.
   */
  private readonly keyChunks: Int32Array[] = [];
  private readonly docChunks: Int32Array[] = [];
  private keys = new Int32Array(0);
  private docs = new Int32Array(0);
  private filled = 0;

  /** Starts counting the terms of document `doc` (documents in increasing order). */
  begin(doc: number): void {
    this.doc = doc;
    this.seenCount = 0;
    this.length = 0;
  }

  add(term: string): void {
    let t = this.byString.get(term);
    if (t === undefined) {
      t = this.newTerm(term, -1);
      this.byString.set(term, t);
    }
    this.count(t);
  }

  bigram(run: string, at: number): void {
    const a = run.charCodeAt(at);
    if (a < CODED_FROM || a >= CODED_TO) {
      this.add(run.slice(at, at + 2));
      return;
    }
    // Below 2^31, so it fits the table's Int32Array and V8 keeps it unboxed.
    const code = (a - CODED_FROM) * 0x10000 + run.charCodeAt(at + 1);
    const mask = this.bigramKeys.length - 1;
    let cell = Math.imul(code, 0x9e3779b1) >>> this.bigramShift;
    for (;;) {
      const key = this.bigramKeys[cell];
      if (key === code + 1) {
        this.count(this.bigramTerms[cell]);
        return;
      }
      if (key === 0) break;
      cell = (cell + 1) & mask;
    }
    const t = this.newTerm('', code);
    this.bigramKeys[cell] = code + 1;
    this.bigramTerms[cell] = t;
    if (++this.bigramCount * 2 > this.bigramKeys.length) this.growBigrams();
    this.count(t);
  }

  /** Files the current document under each of its terms, in the score slot of the term's frequency. */
  end(): void {
    for (let i = 0; i < this.seenCount; i++) {
      if (this.filled === this.keys.length) {
        this.keys = new Int32Array(POSTING_CHUNK);
        this.docs = new Int32Array(POSTING_CHUNK);
        this.keyChunks.push(this.keys);
        this.docChunks.push(this.docs);
        this.filled = 0;
      }
      const t = this.seen[i];
      this.keys[this.filled] = t * RESOLUTION + slotFor(this.tf[t]);
      this.docs[this.filled++] = this.doc;
    }
  }

  /**
   * Each term with its ids per score slot (holes for empty slots), terms in order of first occurrence: what
   * flexsearch's add would have built, in the form its import takes, except that each id list is a view into one
   * array of all the field's ids (FlexIndex makes a list a plain array before flexsearch writes to it).
   */
  finish(): Array<[string, Slots]> {
    const keys = this.terms.length * RESOLUTION;
    // A counting sort of the postings by key, stable, so each list keeps its ids in document order.
    const start = new Int32Array(keys + 1);
    const chunks = this.keyChunks.length;
    const length = (c: number) => (c === chunks - 1 ? this.filled : POSTING_CHUNK);
    for (let c = 0; c < chunks; c++) {
      const chunk = this.keyChunks[c];
      for (let p = 0; p < length(c); p++) start[chunk[p] + 1]++;
    }
    for (let k = 0; k < keys; k++) start[k + 1] += start[k];
    const next = start.slice(0, keys);
    const sorted = new Int32Array(start[keys]);
    for (let c = 0; c < chunks; c++) {
      const chunk = this.keyChunks[c];
      const docs = this.docChunks[c];
      const n = length(c);
      for (let p = 0; p < n; p++) sorted[next[chunk[p]]++] = docs[p];
    }
    const out: Array<[string, Slots]> = [];
    for (let t = 0; t < this.terms.length; t++) {
      const slots: Int32Array[] = [];
      for (let s = 0; s < RESOLUTION; s++) {
        const from = start[t * RESOLUTION + s];
        const to = start[t * RESOLUTION + s + 1];
        if (from < to) slots[s] = sorted.subarray(from, to);
      }
      const code = this.codes[t];
      const term =
        code < 0 ? this.terms[t] : String.fromCharCode(Math.floor(code / 0x10000) + CODED_FROM, code % 0x10000);
      out.push([term, slots]);
    }
    return out;
  }

  private count(t: number): void {
    if (this.lastDoc[t] !== this.doc) {
      this.lastDoc[t] = this.doc;
      this.tf[t] = 0;
      if (this.seenCount === this.seen.length) this.seen = grown(this.seen, this.seen.length * 2);
      this.seen[this.seenCount++] = t;
    }
    this.tf[t]++;
    this.length++;
  }

  private newTerm(term: string, code: number): number {
    const t = this.terms.length;
    this.terms.push(term);
    this.codes.push(code);
    if (t === this.tf.length) {
      this.tf = grown(this.tf, t * 2);
      const lastDoc = grown(this.lastDoc, t * 2);
      lastDoc.fill(-1, t);
      this.lastDoc = lastDoc;
    }
    return t;
  }

  private growBigrams(): void {
    const keys = this.bigramKeys;
    const terms = this.bigramTerms;
    this.bigramKeys = new Int32Array(keys.length * 2);
    this.bigramTerms = new Int32Array(keys.length * 2);
    this.bigramShift--;
    const mask = this.bigramKeys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let cell = Math.imul(keys[i] - 1, 0x9e3779b1) >>> this.bigramShift;
      while (this.bigramKeys[cell] !== 0) cell = (cell + 1) & mask;
      this.bigramKeys[cell] = keys[i];
      this.bigramTerms[cell] = terms[i];
    }
  }
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}
