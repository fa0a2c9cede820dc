import { setImmediate } from 'node:timers/promises';
import type { Article } from '../archive/article.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { FeedArticle, Store } from '../store/types.js';
import { capArticle } from './article-caps.js';
import { nextAttemptAt } from './backoff.js';
import { FeedError } from './feed-error.js';
import { fetchFeed } from './fetch-feed.js';
import { DEFAULT_BLOG_HOSTS } from './limits.js';
import { readFeed } from './read-feed.js';
import type { ReadFeed, ReadItem } from './read-feed-core.js';

/** The part of the search engine the poller needs (the Searcher of src/search/types.ts fits). */
export interface LiveIndex {
  add(article: Article): void;
  byUrl(url: string): Article | undefined;
}

export interface PollOptions {
  store: Store;
  feedUrl: string;
  /** The live search index: new articles join it, and an article it already has (from content/) is never new. */
  index?: LiveIndex;
  now?: () => Date;
  /** Poll even while backing off after failures (the `poll` command does). */
  force?: boolean;
  timeoutMs?: number;
  /** Bytes of the feed document read at most (FEED_MAX_BYTES). */
  maxBytes?: number;
  /** Hosts whose items are accepted (BLOG_HOSTS); default kubernetes.io. */
  blogHosts?: readonly string[];
  log?: Logger;
}

export type PollResult =
  | { status: 'baseline'; items: number; stored: FeedArticle[] }
  | { status: 'updated'; items: number; stored: FeedArticle[]; announced: FeedArticle[] }
  | { status: 'not-modified' }
  | { status: 'failed'; reason: string; consecutiveFailures: number; nextAttemptAt?: Date }
  | { status: 'backing-off'; reason?: string; until: Date };

/**
 * One poll of the feed. Everything it learns (seen items, new articles, validators) is written in one transaction
 * after the whole feed has been read and parsed; a failure anywhere before that changes nothing but the failure
 * count, so the next poll starts from the same place.
 */
export async function pollFeed(options: PollOptions): Promise<PollResult> {
  const { store, feedUrl, index } = options;
  const log = options.log ?? defaultLog;
  const now = options.now ?? (() => new Date());
  const state = await store.getFeedState(feedUrl);

  const retryAt = nextAttemptAt(state);
  if (!options.force && retryAt && retryAt > now()) {
    log.debug('feed: backing off after failures', {
      feedUrl,
      until: retryAt.toISOString(),
      failures: state?.consecutiveFailures,
    });
    return { status: 'backing-off', reason: state?.lastFailureReason, until: retryAt };
  }

  // The first poll is unconditional: validators only mean something once its items are recorded as seen.
  const baseline = !state?.baselineAt;
  try {
    const fetched = await fetchFeed({
      url: feedUrl,
      etag: baseline ? undefined : state?.etag,
      lastModified: baseline ? undefined : state?.lastModified,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
    });
    if (fetched.kind === 'not-modified') {
      await store.recordPollUnchanged(feedUrl, now().toISOString());
      log.debug('feed: not modified', { feedUrl });
      return { status: 'not-modified' };
    }
    const parsed = await readFeed(fetched.bytes, fetched.contentType);
    for (const s of parsed.skipped) log.warn('feed: item skipped', { feedUrl, title: s.title, reason: s.reason });
    logCaps(parsed, feedUrl, log);
    const feed = onBlogHosts(parsed.items, options.blogHosts ?? DEFAULT_BLOG_HOSTS);
    if (feed.offHost.length) {
      // A feed that points elsewhere is suspicious but may be long: one line per poll, not one per item.
      log.warn('feed: items linking to other hosts than the blog skipped', {
        feedUrl,
        skipped: feed.offHost.length,
        hosts: [...new Set(feed.offHost.map((i) => new URL(i.url).hostname))].slice(0, 10),
      });
    }

    const urls = feed.items.map((i) => i.url);
    const seen = await store.seenAmong(urls);
    const fresh: Array<{ article: Article; announce: boolean }> = [];
    for (const item of feed.items) {
      if (seen.has(item.url)) continue;
      // A post the archive already holds (content/) is marked seen, never announced, and its archive copy stays.
      if (index?.byUrl(item.url)) continue;
      fresh.push({ article: item.article, announce: !baseline });
    }
    const stored = await store.commitPoll({
      feedUrl,
      now: now().toISOString(),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      seenUrls: urls,
      articles: fresh,
      itemCount: feed.items.length,
      // An empty feed (a broken site build) is no baseline: recorded as one, the next full feed would all be new.
      baseline: baseline && feed.items.length > 0,
    });
    for (const fa of stored) {
      addToIndex(index, fa.article, log);
      // Indexing an article of up to ITEM_MAX_TEXT_CHARS is tens of ms; /healthz gets its turn between them.
      await setImmediate();
    }

    if (baseline) {
      log.info('feed: first poll; every item marked as seen, nothing will be announced', {
        feedUrl,
        items: feed.items.length,
        storedForSearch: stored.length,
      });
      return { status: 'baseline', items: feed.items.length, stored };
    }
    const announced = stored.filter((s) => s.announce);
    if (announced.length) log.info('feed: new articles', { feedUrl, articles: announced.map((a) => a.article.url) });
    else log.debug('feed: nothing new', { feedUrl, items: feed.items.length });
    return { status: 'updated', items: feed.items.length, stored, announced };
  } catch (err) {
    const reason =
      err instanceof FeedError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    const after = await store.recordPollFailure(feedUrl, reason, now().toISOString());
    const next = nextAttemptAt(after);
    log.warn('feed: poll failed; nothing recorded but the failure, retrying later', {
      feedUrl,
      reason,
      consecutiveFailures: after.consecutiveFailures,
      nextAttemptAt: next?.toISOString(),
    });
    return { status: 'failed', reason, consecutiveFailures: after.consecutiveFailures, nextAttemptAt: next };
  }
}

/** What the caps cut from this feed, in a few lines (one per truncated item, at most FEED_MAX_ITEMS). */
function logCaps(feed: ReadFeed, feedUrl: string, log: Logger): void {
  if (feed.cutChars.length) {
    log.warn('feed: oversize elements truncated before parsing', {
      feedUrl,
      elements: feed.cutChars.length,
      largestChars: Math.max(...feed.cutChars),
    });
  }
  for (const item of feed.items) {
    if (item.truncation) log.warn('feed: item truncated to the per-item caps', { url: item.url, ...item.truncation });
  }
  if (feed.dropped) log.warn('feed: items past FEED_MAX_ITEMS left out', { feedUrl, dropped: feed.dropped });
}

/** Items whose permalink is on one of the blog's hosts, and the others (an injected or hijacked feed's). */
function onBlogHosts(items: ReadItem[], hosts: readonly string[]): { items: ReadItem[]; offHost: ReadItem[] } {
  const allowed = new Set(hosts.map((h) => h.toLowerCase().replace(/^www\./, '')));
  const accepted: ReadItem[] = [];
  const offHost: ReadItem[] = [];
  // item.url is normalised (lower case, no www.), so its host compares as is.
  for (const item of items) (allowed.has(new URL(item.url).hostname) ? accepted : offHost).push(item);
  return { items: accepted, offHost };
}

function addToIndex(index: LiveIndex | undefined, article: Article, log: Logger): void {
  if (!index) return;
  try {
    index.add(article);
  } catch (err) {
    // The article is stored; the next start-up adds it again (restoreFeedArticles), so search is only late.
    log.error('feed: could not add an article to the search index', {
      id: article.id,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

/**
 * Puts the articles that came from the feed back into a freshly loaded search index at start-up. An article the
 * index already has by URL (content/ caught up with the blog) keeps the archive's copy. Returns how many were added.
 */
export async function restoreFeedArticles(store: Store, index: LiveIndex, log: Logger = defaultLog): Promise<number> {
  return new FeedIndexSync(store, index, log).sync();
}

/**
 * Keeps one instance's search index in step with the feed articles in the store, including those another instance
 * (or the `poll` command) stored: each sync adds what arrived since the last one.
 */
export class FeedIndexSync {
  private lastSeq = 0;

  constructor(
    private readonly store: Store,
    private readonly index: LiveIndex,
    private readonly log: Logger = defaultLog,
  ) {}

  /**
   * Returns how many articles it added. What an older version stored without the per-item caps is cut to them
   * here, so one oversize row cannot make every start-up slow or large; the event loop gets a turn between articles.
   */
  async sync(): Promise<number> {
    let added = 0;
    for (const fa of await this.store.feedArticles(this.lastSeq)) {
      this.lastSeq = Math.max(this.lastSeq, fa.seq);
      if (this.index.byUrl(fa.article.url)) continue;
      const { article, truncation } = capArticle(fa.article);
      if (truncation)
        this.log.warn('feed: stored article truncated to the per-item caps', { url: article.url, ...truncation });
      this.index.add(article);
      added++;
      await setImmediate();
    }
    return added;
  }
}
