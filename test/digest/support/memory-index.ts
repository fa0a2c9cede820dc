/** The part of the search engine that the feed and the digest use (add, byUrl, size), kept in memory for tests. */
import type { Article } from '../../../src/archive/article.js';
import { normaliseBlogUrl } from '../../../src/archive/url.js';
import type { LiveIndex } from '../../../src/feed/poller.js';

export class MemoryIndex implements LiveIndex {
  readonly byId = new Map<string, Article>();
  readonly added: Article[] = [];

  constructor(archive: Article[] = []) {
    for (const a of archive) this.byId.set(a.id, a);
  }

  add(article: Article): void {
    this.byId.set(article.id, article);
    this.added.push(article);
  }

  byUrl(url: string): Article | undefined {
    const key = normaliseBlogUrl(url);
    for (const a of this.byId.values()) if (a.url === key) return a;
    return undefined;
  }

  get size(): number {
    return this.byId.size;
  }
}
