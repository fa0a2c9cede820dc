/**
 * The engines compared in `npm run eval` and `npm run bench`, behind one interface: ours, and three peers at their
 * defaults (flexsearch Document, MiniSearch, Orama with its mandarin tokenizer). Peers index the same fields ours
 * does (title, headings, body, authors, translators, original) and see the query exactly as typed.
 */
import { create, insertMultiple, load as oramaLoad, save as oramaSave, search as oramaSearch } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Article } from '../../src/archive/article.js';
import { SearchEngine } from '../../src/search/engine.js';

export interface Contender {
  name: string;
  build(articles: readonly Article[]): Promise<void>;
  /** Ids of the best `limit` articles, best first. */
  search(query: string, limit: number): string[] | Promise<string[]>;
  /** The index as a string or bytes (for its size and for load). */
  serialize(): Promise<string | Buffer>;
  /** Replaces the index with one read from `data`; returns the milliseconds the load itself took. */
  load(data: string | Buffer): Promise<number>;
}

interface FlatDoc {
  [key: string]: string;
  id: string;
  title: string;
  headings: string;
  body: string;
  authors: string;
  translators: string;
  original: string;
}

const PEER_FIELDS = ['title', 'headings', 'body', 'authors', 'translators', 'original'] as const;

function flat(a: Article): FlatDoc {
  return {
    id: a.id,
    title: a.title,
    headings: a.headings.join('\n'),
    body: a.body,
    authors: a.authors.join(', '),
    translators: a.translators.join(', '),
    original: a.original ?? '',
  };
}

export class OurEngine implements Contender {
  name = 'k8sblog';
  engine!: SearchEngine;
  /** With snippets (the default for callers) or ranked hits only, like the peers return. */
  constructor(private readonly snippets = true) {
    if (!snippets) this.name = 'k8sblog (no snippets)';
  }
  async build(articles: readonly Article[]): Promise<void> {
    this.engine = SearchEngine.build(articles);
  }
  search(query: string, limit: number): string[] {
    return this.engine.search(query, { limit, snippets: this.snippets }).results.map((h) => h.id);
  }
  async serialize(): Promise<Buffer> {
    const { writeIndexFile } = await import('../../src/search/persist.js');
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'k8sblog-bench-'));
    try {
      const file = path.join(dir, 'index.bin');
      await writeIndexFile(file, this.engine.state(), 'bench');
      return await readFile(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  /** Start-up as the bot does it: read the index file from disk and restore the engine. */
  async load(data: string | Buffer): Promise<number> {
    const { readIndexFile } = await import('../../src/search/persist.js');
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'k8sblog-bench-'));
    try {
      const file = path.join(dir, 'index.bin');
      await writeFile(file, data);
      const started = performance.now();
      this.engine = SearchEngine.restore((await readIndexFile(file)).state);
      return performance.now() - started;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * A flexsearch 0.8 Document over the peer fields, "strict" tokenizer, its own search (every term of the query in one
 * field) merged across fields. `encode` undefined: flexsearch's default encoder ("flexsearch (defaults)").
 *
 * With `bigramTerms` or `icuBigramTerms`, the plain flexsearch lookups, the speed baselines our engine is measured
 * against: an encoder that does the Chinese work ours must do (NFKC and lower case; runs of ideographs as overlapping
 * character bigrams, the lone character of a one-character run kept; other words whole), limit 10, no ranking beyond
 * flexsearch's, no snippets. "ICU + bigrams" also indexes and looks up the words ICU's segmenter (Intl.Segmenter)
 * finds in each run of ideographs, besides the bigrams: the lookup the speed target names.
 */
export class FlexsearchDocument implements Contender {
  private doc: ReturnType<typeof flexDocument>;

  constructor(
    readonly name: string,
    private readonly encode?: (text: string) => string[],
  ) {
    this.doc = flexDocument(encode);
  }

  async build(articles: readonly Article[]): Promise<void> {
    this.doc = flexDocument(this.encode);
    for (const a of articles) this.doc.add(flat(a) as never);
  }
  search(query: string, limit: number): string[] {
    const res = this.doc.search(query, { limit, merge: true } as never) as unknown as Array<{ id: string }>;
    return res.slice(0, limit).map((r) => String(r.id));
  }
  async serialize(): Promise<string> {
    const chunks: Array<[string, string]> = [];
    this.doc.export((k: string, d: string) => {
      chunks.push([k, d]);
    });
    return JSON.stringify(chunks);
  }
  async load(data: string | Buffer): Promise<number> {
    const started = performance.now();
    this.doc = flexDocument(this.encode);
    for (const [k, d] of JSON.parse(String(data)) as Array<[string, string]>) this.doc.import(k, d);
    return performance.now() - started;
  }
}

function flexDocument(encode?: (text: string) => string[]) {
  const index = encode ? PEER_FIELDS.map((field) => ({ field, tokenize: 'strict', encode })) : [...PEER_FIELDS];
  return new FlexSearch.Document({ document: { id: 'id', index } } as never);
}

const PEER_RUN = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;

const peerSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Bigrams of ideographs, other words whole; with `words`, also ICU's words (flexsearch passes encoders more arguments). */
function peerTerms(text: string, words: boolean): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(PEER_RUN)) {
    const run = m[1];
    if (run === undefined) out.push(m[2]);
    else if (run.length === 1) out.push(run);
    else {
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
      // Words other than bigrams (one character, three or more), in pieces the segmenter handles in linear time.
      if (words)
        for (let at = 0; at < run.length; at += 120)
          for (const { segment } of peerSegmenter.segment(run.slice(at, at + 120)))
            if (segment.length !== 2) out.push(segment);
    }
  }
  return out;
}

function bigramTerms(text: string): string[] {
  return peerTerms(text, false);
}

function icuBigramTerms(text: string): string[] {
  return peerTerms(text, true);
}

/** MiniSearch 7 with default options (its own tokenizer, OR of terms, BM25+). */
export class MiniSearchDefaults implements Contender {
  name = 'MiniSearch (defaults)';
  private mini = MiniSearchDefaults.fresh();
  private static fresh() {
    return new MiniSearch<FlatDoc>({ fields: [...PEER_FIELDS] });
  }
  async build(articles: readonly Article[]): Promise<void> {
    this.mini = MiniSearchDefaults.fresh();
    this.mini.addAll(articles.map(flat));
  }
  search(query: string, limit: number): string[] {
    return this.mini
      .search(query)
      .slice(0, limit)
      .map((r) => String(r.id));
  }
  async serialize(): Promise<string> {
    return JSON.stringify(this.mini);
  }
  async load(data: string | Buffer): Promise<number> {
    const started = performance.now();
    this.mini = MiniSearch.loadJSON<FlatDoc>(String(data), { fields: [...PEER_FIELDS] });
    return performance.now() - started;
  }
}

/** Orama 3 with the mandarin tokenizer from @orama/tokenizers (ICU words), default BM25. */
export class OramaMandarin implements Contender {
  name = 'Orama (mandarin)';
  private db = OramaMandarin.fresh();
  private static fresh() {
    return create({
      schema: {
        title: 'string',
        headings: 'string',
        body: 'string',
        authors: 'string',
        translators: 'string',
        original: 'string',
      } as const,
      components: { tokenizer: createTokenizer() },
    });
  }
  async build(articles: readonly Article[]): Promise<void> {
    this.db = OramaMandarin.fresh();
    await insertMultiple(this.db, articles.map(flat) as never);
  }
  async search(query: string, limit: number): Promise<string[]> {
    const res = await oramaSearch(this.db, { term: query, limit } as never);
    return res.hits.map((h) => String(h.id));
  }
  async serialize(): Promise<string> {
    return JSON.stringify(oramaSave(this.db));
  }
  async load(data: string | Buffer): Promise<number> {
    const started = performance.now();
    this.db = OramaMandarin.fresh();
    oramaLoad(this.db, JSON.parse(String(data)));
    return performance.now() - started;
  }
}

export function allContenders(): Contender[] {
  return [
    new OurEngine(),
    new OurEngine(false),
    new FlexsearchDocument('flexsearch (defaults)'),
    new FlexsearchDocument('flexsearch (bigrams)', bigramTerms),
    new FlexsearchDocument('flexsearch (ICU + bigrams)', icuBigramTerms),
    new MiniSearchDefaults(),
    new OramaMandarin(),
  ];
}
