/**
 * When a new article matches a follow (or a filtered digest): the search engine is asked the follow's query over the
 * whole index, and an article matches when its score is at least {@link MATCH_RATIO} of the best score any article of
 * the index gets for that query. Scores are the search's own (BM25F with coverage and title bonus), so a follow finds
 * what a search would rank near the top: `kubeadm` matches an article with kubeadm in its title, or named several
 * times in its text, and not one that mentions it once in passing (docs/follows.md has the measurements). A query of
 * filters only (`author:"Paco Xu"`, `year:2024`) matches every article its filters let through.
 */
import type { Article } from '../archive/article.js';
import { parseQuery } from '../search/query-parser.js';
import type { Searcher, SearchHit } from '../search/types.js';

/** Share of the best score for the query that an article needs to match it. */
export const MATCH_RATIO = 0.4;
/** Archive matches counted at most for a confirmation ("how many it would have matched"). */
const MAX_COUNTED = 1000;
const PAGE = 100;

export interface ArchiveMatches {
  /** Articles of the index the query matches (at most MAX_COUNTED; `more` when there were more). */
  count: number;
  more: boolean;
  /** The best of them, best first. */
  examples: SearchHit[];
}

export class FollowMatcher {
  constructor(private readonly searcher: Pick<Searcher, 'search' | 'get'>) {}

  /** The ids, among `articleIds`, of the articles the query matches. */
  matching(query: string, articleIds: readonly string[]): Set<string> {
    if (!articleIds.length) return new Set();
    const only = new Set(articleIds);
    const threshold = this.threshold(query);
    if (threshold === undefined) return new Set();
    const matched = new Set<string>();
    for (let offset = 0; offset < only.size; offset += PAGE) {
      const page = this.searcher.search(query, { only, limit: PAGE, offset, snippets: false });
      for (const h of page.results) if (h.score >= threshold) matched.add(h.id);
      if (offset + PAGE >= page.total) break;
    }
    return matched;
  }

  knows(articleId: string): boolean {
    return this.searcher.get(articleId) !== undefined;
  }

  /** Whether one article matches the query (the article must be in the index). */
  matches(query: string, article: Article): boolean {
    return this.matching(query, [article.id]).has(article.id);
  }

  /** What the query matches in the whole index: for confirmations and `follows --dry-run`. */
  archive(query: string, examples = 3): ArchiveMatches {
    const threshold = this.threshold(query);
    if (threshold === undefined) return { count: 0, more: false, examples: [] };
    let count = 0;
    let first: SearchHit[] = [];
    for (let offset = 0; offset < MAX_COUNTED; offset += PAGE) {
      const page = this.searcher.search(query, { limit: PAGE, offset, snippets: false });
      const above = page.results.filter((h) => h.score >= threshold);
      if (offset === 0) first = above.slice(0, examples);
      count += above.length;
      if (above.length < page.results.length || offset + PAGE >= page.total)
        return { count, more: false, examples: first };
    }
    return { count, more: true, examples: first };
  }

  /** The score an article needs, or undefined when nothing in the index matches the query at all. */
  private threshold(query: string): number | undefined {
    const best = this.searcher.search(query, { limit: 1, snippets: false });
    if (!best.results.length) return undefined;
    const parsed = parseQuery(query);
    // Filters alone rank by date, not by relevance: whatever they let through matches.
    if (!parsed.words.trim() && !parsed.phrases.length) return 0;
    return best.results[0].score * MATCH_RATIO;
  }
}
