/**
 * What `/k8sblog follow | following | unfollow` do, as plain data: the Slack layer parses the command, calls one of
 * these with the team and user ids, and renders the answer.
 */
import { parseQuery } from '../search/query-parser.js';
import { MAX_FOLLOWS_PER_USER, type Store } from '../store/types.js';
import type { ArchiveMatches, FollowMatcher } from './match.js';

export type FollowResult =
  | { kind: 'added' | 'exists'; query: string; archive: ArchiveMatches; resumed: number }
  | { kind: 'limit'; max: number };

export interface UnfollowResult {
  query: string;
  removed: boolean;
}

export interface FollowView {
  query: string;
  createdAt: string;
  pausedReason?: string;
}

export interface FollowServiceDeps {
  store: Store;
  matcher: Pick<FollowMatcher, 'archive'>;
  now?: () => Date;
}

export class FollowService {
  constructor(private readonly deps: FollowServiceDeps) {}

  async follow(input: { workspace: string; user: string; query: string }): Promise<FollowResult> {
    const result = await this.deps.store.addFollow({ ...input, now: this.now().toISOString() });
    if (result.kind === 'limit') return { kind: 'limit', max: MAX_FOLLOWS_PER_USER };
    return {
      kind: result.kind,
      query: result.follow.query,
      archive: this.deps.matcher.archive(result.follow.query),
      resumed: result.resumed,
    };
  }

  async unfollow(input: { workspace: string; user: string; query: string }): Promise<UnfollowResult> {
    const query = input.query.replace(/\s+/g, ' ').trim();
    return { query, removed: await this.deps.store.removeFollow(input.workspace, input.user, query) };
  }

  async following(input: { workspace: string; user: string }): Promise<FollowView[]> {
    return (await this.deps.store.followsOf(input.workspace, input.user)).map((f) => ({
      query: f.query,
      createdAt: f.createdAt,
      ...(f.pausedReason ? { pausedReason: f.pausedReason } : {}),
    }));
  }

  /** What a query matches in the archive (a filtered subscription's confirmation). */
  preview(query: string): ArchiveMatches {
    return this.deps.matcher.archive(query);
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}

export const MAX_FOLLOW_QUERY_LENGTH = 200;

/** Why a text cannot be followed; the Slack layer words it in the reader's language. */
export type FollowQueryProblem = 'empty' | 'nothing-to-search' | 'too-long';

/** Why a text cannot be followed, or undefined when the search understands it (words, phrases or filters). */
export function followQueryProblem(query: string): FollowQueryProblem | undefined {
  if (!query.trim()) return 'empty';
  if (parseQuery(query).empty || (!parseQuery(query).words.trim() && !hasFilterOrPhrase(query)))
    return 'nothing-to-search';
  if (query.length > MAX_FOLLOW_QUERY_LENGTH) return 'too-long';
  return undefined;
}

function hasFilterOrPhrase(query: string): boolean {
  const p = parseQuery(query);
  const f = p.filters;
  return p.phrases.length > 0 || f.authors.length > 0 || f.years.length > 0 || Boolean(f.before || f.after);
}
