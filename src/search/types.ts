import type { Article } from '../archive/article.js';

/** The search engine's public contract: what the Slack layer, the digest and the CLI may rely on. */
export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Cut snippets for the hits (default true); without them `snippet` is '' and `highlights` empty. */
  snippets?: boolean;
  /**
   * Only these articles (by id) are results. They are ranked exactly as in a search of the whole index (the same
   * scores), then the others are left out: follows score new articles against a query this way.
   */
  only?: ReadonlySet<string>;
}

export interface SearchHit {
  id: string;
  title: string;
  url: string;
  date: string;
  authors: string[];
  score: number;
  /** Plain text around the best passage, at most 200 characters, never a split surrogate pair. */
  snippet: string;
  /** Ranges `[start, end)` (UTF-16 offsets into `snippet`) that match the query's terms, sorted, not overlapping. */
  highlights: Array<[number, number]>;
}

export interface SearchResult {
  query: string;
  total: number;
  tookMs: number;
  results: SearchHit[];
  /**
   * A query to offer as "Did you mean …?" when this one found little (fewer than three results): a corrected
   * spelling the engine did not search, or, when nothing matched, the query without its filters or quotes.
   */
  suggestion?: string;
  /**
   * The query as the engine read it after correcting words that neither the index nor the field's vocabulary knows
   * (results are for this query too). Real words and quoted phrases are never corrected.
   */
  corrected?: string;
  /** Set when the query was empty: how to search, for the caller to show instead of results. */
  help?: string;
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchResult;
  /** Adds (or replaces, by id) an article in the live index without a rebuild. */
  add(article: Article): void;
  get(id: string): Article | undefined;
  /** Finds an article by any spelling of its URL (see normaliseBlogUrl). */
  byUrl(url: string): Article | undefined;
  /** The newest articles, newest first. */
  latest(n: number): Article[];
  readonly size: number;
}
