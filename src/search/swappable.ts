/**
 * The search index the bot's parts hold: one engine at a time, replaced whole when the archive is reloaded. Each
 * call goes to the engine in place at that moment, so a reload never answers half from the old index and half from
 * the new one, and nobody who holds this object has to be told about the swap.
 */
import type { Article } from '../archive/article.js';
import type { SearchEngine } from './engine.js';
import type { Searcher, SearchOptions, SearchResult } from './types.js';

export class SwappableSearcher implements Searcher {
  private loadedAt: Date;

  constructor(
    private engine: SearchEngine,
    loadedAt = new Date(),
  ) {
    this.loadedAt = loadedAt;
  }

  /** Puts a new engine in place; returns the old one. */
  swap(engine: SearchEngine, loadedAt = new Date()): SearchEngine {
    const old = this.engine;
    this.engine = engine;
    this.loadedAt = loadedAt;
    return old;
  }

  get current(): SearchEngine {
    return this.engine;
  }

  /** When the engine in place was loaded (for /healthz). */
  get indexLoadedAt(): Date {
    return this.loadedAt;
  }

  search(query: string, options?: SearchOptions): SearchResult {
    return this.engine.search(query, options);
  }

  add(article: Article): void {
    this.engine.add(article);
  }

  get(id: string): Article | undefined {
    return this.engine.get(id);
  }

  byUrl(url: string): Article | undefined {
    return this.engine.byUrl(url);
  }

  latest(n: number): Article[] {
    return this.engine.latest(n);
  }

  get size(): number {
    return this.engine.size;
  }
}
