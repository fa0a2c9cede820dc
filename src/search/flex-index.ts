/**
 * flexsearch holds the index: one Document with a field index per article field (term → score slots → ids) and
 * tags for year, author and translator. The score slot of a posting is the term's frequency bucket in that field
 * (fields.ts), so the ranking can read BM25's term frequency back from the index instead of keeping a copy.
 *
 * Two ways in: `add` (one article at a time, through flexsearch's own add with our encoder and score function) and
 * `bulkLoad` (a whole archive: the same structures, id lists as typed-array views (see `frozen`), built in one pass
 * by field-postings.ts and handed to flexsearch's import, about 4 times faster than add for 10,000 articles). Tests
 * check that both give identical exports.
 */
import FlexSearch, { type Document, type DocumentOptions } from 'flexsearch';
import type { Article } from '../archive/article.js';
import { analyse, analyseInto } from './analyser.js';
import { FieldPostings } from './field-postings.js';
import { FIELDS, type FieldName, personKeys, RESOLUTION, slotFor } from './fields.js';
import { fold } from './text.js';

/** A posting list as flexsearch keeps it: index = score slot, value = ids (holes and nulls for empty slots). */
export type Slots = ReadonlyArray<ArrayLike<number> | null | undefined>;

/** Posting lists of one term in every field (FIELDS order; undefined where the field lacks the term). */
export type TermFields = ReadonlyArray<Slots | undefined>;
/** Tag values and their ids, per tag, as flexsearch exports them. */
export type TagTable = Array<[TagName, Array<[string, number[]]>]>;

export type TagName = 'year' | 'author' | 'translator';
const TAGS: readonly TagName[] = ['year', 'author', 'translator'];

interface FlexDoc {
  id: number;
  [field: string]: string | number | string[];
}

interface FieldIndexInternals {
  map: Map<string, Slots>;
}
interface DocumentInternals {
  index: Map<string, FieldIndexInternals>;
  tag: Map<string, Map<string, number[]>> | null;
}

function tagValues(article: Article): Record<TagName, string[]> {
  return {
    year: [article.date.slice(0, 4)],
    author: [...new Set(article.authors.flatMap(personKeys))],
    translator: [...new Set(article.translators.flatMap(personKeys))],
  };
}

export class FlexIndex {
  private readonly doc: Document;
  private readonly fieldMaps = new Map<FieldName, Map<string, Slots>>();
  /**
   * Each term's posting lists in every field (FIELDS order), so that a query term is looked up once rather than once
   * per field: six lookups, five in maps that rarely hold the term, were half the ranking's time on long queries.
   * Made when first needed; kept up to date as articles are added, dropped when one is removed or on import.
   */
  private byTerm: Map<string, TermFields> | undefined;
  /**
   * Posting lists read from an index file are typed-array views into it (nothing to parse or copy at load), and so are
   * those of a bulk load (views into one array per field: making 8.5 M ids into 60,000 plain arrays was a sixth of a
   * 10,000-article build). flexsearch appends to and splices its lists in place, so a list is made a plain array
   * before flexsearch writes to it: the lists of an added article's terms in its encoder (below), every list before a
   * remove or an export.
   */
  private frozen = false;
  /** Term counts of the content array flexsearch is adding, so the score function counts each document once. */
  private readonly counts = new WeakMap<string[], Map<string, number>>();
  /** The number of terms each field produced for the article being added (BM25 length normalisation). */
  private readonly lastLength = new Map<FieldName, number>();
  /** The distinct terms of the article being added. */
  private readonly lastTerms = new Set<string>();

  constructor() {
    const score = (content: string[], term: string): number => {
      let c = this.counts.get(content);
      if (!c) {
        c = new Map();
        for (const t of content) c.set(t, (c.get(t) ?? 0) + 1);
        this.counts.set(content, c);
      }
      return slotFor(c.get(term) ?? 1);
    };
    const index = FIELDS.map((spec) => ({
      field: spec.name,
      tokenize: 'strict' as const,
      resolution: RESOLUTION,
      encode: (text: string) => {
        const terms = analyse(text, { words: spec.words });
        if (this.frozen) {
          const map = this.fieldMaps.get(spec.name)!;
          for (const t of terms) {
            const slots = map.get(t);
            if (slots) thaw(slots);
          }
        }
        this.lastLength.set(spec.name, terms.length);
        for (const t of terms) this.lastTerms.add(t);
        return terms;
      },
      score,
    }));
    const tag = TAGS.map((name) => ({ field: name, custom: (d: FlexDoc) => d[`tag_${name}`] as string[] }));
    this.doc = new FlexSearch.Document({ document: { id: 'id', index, tag } } as unknown as DocumentOptions);
    this.refreshMaps();
  }

  /** flexsearch replaces a field's Map on import; keep direct references for the hot lookup path. */
  private refreshMaps(): void {
    const internals = this.doc as unknown as DocumentInternals;
    for (const spec of FIELDS) this.fieldMaps.set(spec.name, internals.index.get(spec.name)!.map);
    this.byTerm = undefined;
  }

  /** Adds one article through flexsearch's add; returns the number of terms per field and the distinct terms. */
  add(id: number, article: Article): { lengths: number[]; terms: Set<string> } {
    const flexDoc: FlexDoc = { id };
    for (const spec of FIELDS) flexDoc[spec.name] = spec.text(article);
    const tags = tagValues(article);
    for (const name of TAGS) flexDoc[`tag_${name}`] = tags[name];
    this.lastLength.clear();
    this.lastTerms.clear();
    this.doc.add(flexDoc as never);
    if (this.byTerm)
      for (const term of this.lastTerms)
        this.byTerm.set(
          term,
          FIELDS.map((spec) => this.fieldMaps.get(spec.name)!.get(term)),
        );
    return { lengths: FIELDS.map((spec) => this.lastLength.get(spec.name) ?? 0), terms: new Set(this.lastTerms) };
  }

  remove(id: number): void {
    this.thawAll();
    this.doc.remove(id);
    // flexsearch may drop or empty the removed article's postings: read them all again when next needed.
    this.byTerm = undefined;
  }

  /**
   * Indexes many articles into an empty index in one pass, building flexsearch's structures (the same ones `add`
   * builds, in the form its export writes) and importing them. Returns the number of terms per field and article.
   */
  bulkLoad(entries: ReadonlyArray<{ id: number; article: Article }>): number[][] {
    const fields = FIELDS.map(() => new FieldPostings());
    const tags = new Map<TagName, Map<string, number[]>>(TAGS.map((t) => [t, new Map()]));
    const lengths: number[][] = [];
    for (const { id, article } of entries) {
      const lens: number[] = [];
      for (let f = 0; f < FIELDS.length; f++) {
        const spec = FIELDS[f];
        const text = spec.text(article);
        if (!text) {
          lens.push(0);
          continue;
        }
        const postings = fields[f];
        postings.begin(id);
        analyseInto(fold(text), postings, spec.words);
        postings.end();
        lens.push(postings.length);
      }
      lengths.push(lens);
      const values = tagValues(article);
      for (const name of TAGS) {
        const byValue = tags.get(name)!;
        for (const v of values[name]) {
          const ids = byValue.get(v);
          if (ids) ids.push(id);
          else byValue.set(v, [id]);
        }
      }
    }
    this.doc.import('1.reg', entries.map((e) => e.id) as never);
    FIELDS.forEach((spec, f) => {
      this.doc.import(`${spec.name}.1.map`, fields[f].finish() as never);
    });
    this.doc.import('1.tag', [...tags].map(([name, byValue]) => [name, [...byValue]]) as never);
    this.refreshMaps();
    this.frozen = true;
    return lengths;
  }

  /** Every term with its posting lists per field, and the tags: what an index file stores (persist.ts). */
  postingsByTerm(): { terms: Map<string, TermFields>; tags: TagTable } {
    const tags: TagTable = [];
    const table = (this.doc as unknown as DocumentInternals).tag;
    for (const name of TAGS) tags.push([name, [...(table?.get(name) ?? new Map<string, number[]>())]]);
    return { terms: (this.byTerm ??= this.collectByTerm()), tags };
  }

  /**
   * Fills an empty index with postings read from an index file: the same structures flexsearch's import makes,
   * handed to it directly, with posting lists left as the typed-array views they were read as (see `frozen`).
   */
  importPostings(ids: readonly number[], terms: Map<string, TermFields>, tags: TagTable): void {
    const perField: Array<Array<[string, Slots]>> = FIELDS.map(() => []);
    for (const [term, fields] of terms)
      for (let f = 0; f < fields.length; f++) {
        const slots = fields[f];
        if (slots) perField[f].push([term, slots]);
      }
    this.doc.import('1.reg', ids as never);
    FIELDS.forEach((spec, f) => {
      this.doc.import(`${spec.name}.1.map`, perField[f] as never);
    });
    this.doc.import('1.tag', tags as never);
    this.refreshMaps();
    this.byTerm = terms;
    this.frozen = true;
  }

  /** Each term of the index with the number of documents holding it (the largest count over the fields). */
  *documentFrequencies(): Generator<[string, number]> {
    const best = new Map<string, number>();
    for (const map of this.fieldMaps.values()) {
      for (const [term, slots] of map) {
        let n = 0;
        for (const ids of slots) if (ids) n += ids.length;
        if (n > (best.get(term) ?? 0)) best.set(term, n);
      }
    }
    yield* best;
  }

  /** The posting list of one exact term in one field. */
  postings(field: FieldName, term: string): Slots | undefined {
    return this.fieldMaps.get(field)!.get(term);
  }

  /** The posting lists of one exact term in every field (FIELDS order), or undefined when no field has it. */
  termPostings(term: string): TermFields | undefined {
    return (this.byTerm ??= this.collectByTerm()).get(term);
  }

  private collectByTerm(): Map<string, TermFields> {
    const byTerm = new Map<string, Array<Slots | undefined>>();
    FIELDS.forEach((spec, f) => {
      for (const [term, slots] of this.fieldMaps.get(spec.name)!) {
        let fields = byTerm.get(term);
        if (!fields) byTerm.set(term, (fields = new Array<Slots | undefined>(FIELDS.length).fill(undefined)));
        fields[f] = slots;
      }
    });
    return byTerm;
  }

  /** Ids carrying a tag value (exact), through flexsearch's tag search. */
  tagged(tag: TagName, value: string): number[] {
    const res = this.doc.search({ tag: { [tag]: value }, limit: 1_000_000 } as never) as unknown as Array<{
      result: number[];
    }>;
    return res.length ? res[0].result : [];
  }

  /** flexsearch's export, as (key, JSON) pairs in order. */
  export(): Array<[string, string]> {
    // JSON would write a typed array as an object.
    this.thawAll();
    const chunks: Array<[string, string]> = [];
    this.doc.export((key: string, data: string) => {
      chunks.push([key, data]);
    });
    return chunks;
  }

  private thawAll(): void {
    if (!this.frozen) return;
    for (const map of this.fieldMaps.values()) for (const slots of map.values()) thaw(slots);
    this.frozen = false;
  }

  import(chunks: Iterable<[string, string]>): void {
    for (const [key, data] of chunks) this.doc.import(key, data);
    this.refreshMaps();
  }
}

/** Makes every list of `slots` a plain array that flexsearch can push to and splice (see FlexIndex.frozen). */
function thaw(slots: Slots): void {
  const lists = slots as Array<ArrayLike<number> | null | undefined>;
  for (let i = 0; i < lists.length; i++) {
    const ids = lists[i];
    if (ids && !Array.isArray(ids)) lists[i] = Array.from(ids);
  }
}
