import cron from 'node-cron';
import type { Config } from '../config.js';
import { nextAttemptAt } from '../feed/backoff.js';
import type { ArchiveMatches } from '../follow/match.js';
import { redactUrl, redactUrlsIn } from '../redact.js';
import type { Cadence, Delivery, FeedState, Store, Subscription } from '../store/types.js';
import { MAX_ARTICLES_PER_DIGEST, newestFirst } from './delivery.js';
import { periodFor } from './period.js';
import { type DigestMessage, deliveryMarker } from './port.js';
import { dailyCronOf } from './schedule.js';

export interface ChannelRef {
  /** The Slack team (workspace) id. */
  workspace: string;
  channel: string;
}

export interface SubscribeResult {
  subscription: Subscription;
  /** What changed: a first subscription, a paused one resumed, a cadence or filter changed, or nothing. */
  change: 'subscribed' | 'resumed' | 'cadence-changed' | 'filter-changed' | 'unchanged';
  previousCadence?: Cadence;
  /** The filter before this subscribe, when it had one and it changed. */
  previousFilter?: string;
  /** What the filter matches in the archive (count and a few examples), when the subscription has one. */
  filterMatches?: ArchiveMatches;
  nextDigestAt?: Date;
}

export interface FeedHealth {
  url: string;
  /** `ok` after a successful last poll, `failing` after a failed one, `never-polled` before the first. */
  health: 'ok' | 'failing' | 'never-polled';
  lastPollAt?: Date;
  lastSuccessAt?: Date;
  lastFailureAt?: Date;
  lastFailureReason?: string;
  consecutiveFailures: number;
  /** While failing: when the scheduled poll will try again. */
  retryAt?: Date;
  /** When the first poll marked the feed's items as seen. */
  baselineAt?: Date;
  itemsInFeed?: number;
}

export interface ChannelStatus {
  feed: FeedHealth;
  articles: {
    /** Articles in the live search index (archive plus feed), when the caller passed the index. */
    searchable?: number;
    /** Articles that arrived from the feed and are stored. */
    fromFeed: number;
  };
  subscription?: Subscription;
  lastDigest?: { period: string; postedAt?: Date; ts?: string; articles: number };
  /** A digest of this channel claimed and not yet completed (an interrupted run; the next run finishes it). */
  unfinishedDigest?: { period: string; claimedAt: Date; postStarted: boolean };
  /** Articles waiting for this channel's next digest. */
  pendingArticles: number;
  nextDigestAt?: Date;
  /** Where the state lives: `sqlite` (one instance) or `postgres`. */
  storage: Store['kind'];
}

export interface DigestServiceDeps {
  store: Store;
  config: Pick<Config, 'feedUrl' | 'digestCron' | 'digestTz'>;
  /** The live search index, for the article count in `status`. */
  searcher?: { readonly size: number };
  /** For filtered subscriptions: what a filter matches in the archive, and which pending articles it matches. */
  matcher?: {
    archive(query: string): ArchiveMatches;
    matching(query: string, ids: readonly string[]): Set<string>;
  };
  now?: () => Date;
}

/**
 * What the `/k8sblog subscribe | unsubscribe | status` verbs do, as plain data: the Slack layer parses the command,
 * calls one of these with the team and channel ids, and renders the answer.
 */
export class DigestService {
  constructor(private readonly deps: DigestServiceDeps) {}

  async subscribe(
    input: ChannelRef & { userId: string; cadence?: Cadence; filter?: string },
  ): Promise<SubscribeResult> {
    const cadence = input.cadence ?? 'weekly';
    const filter = input.filter?.replace(/\s+/g, ' ').trim() || undefined;
    const before = await this.deps.store.getSubscription(input.workspace, input.channel);
    const subscription = await this.deps.store.subscribe({
      workspace: input.workspace,
      channel: input.channel,
      cadence,
      by: input.userId,
      now: this.now().toISOString(),
      filter,
    });
    const had = before && before.status !== 'unsubscribed' ? before : undefined;
    let change: SubscribeResult['change'];
    if (!had) change = 'subscribed';
    else if (had.status === 'paused') change = 'resumed';
    else if (had.filter !== filter) change = 'filter-changed';
    else change = had.cadence === cadence ? 'unchanged' : 'cadence-changed';
    return {
      subscription,
      change,
      ...(had ? { previousCadence: had.cadence } : {}),
      ...(had?.filter && had.filter !== filter ? { previousFilter: had.filter } : {}),
      ...(filter && this.deps.matcher ? { filterMatches: this.deps.matcher.archive(filter) } : {}),
      nextDigestAt: this.nextDigestAt(cadence),
    };
  }

  /** `removed: false` when the channel had no subscription to remove. */
  async unsubscribe(input: ChannelRef): Promise<{ removed: boolean }> {
    return { removed: await this.deps.store.unsubscribe(input.workspace, input.channel, this.now().toISOString()) };
  }

  async status(input: ChannelRef): Promise<ChannelStatus> {
    const { store, config } = this.deps;
    const [state, subscription, fromFeed, last, unfinished] = await Promise.all([
      store.getFeedState(config.feedUrl),
      store.getSubscription(input.workspace, input.channel),
      store.countFeedArticles(),
      store.lastPostedDelivery(input.workspace, input.channel),
      store.unfinishedDeliveries(),
    ]);
    const active = subscription?.status === 'active';
    const pending =
      subscription && subscription.status !== 'unsubscribed'
        ? await store.pendingArticles(input.workspace, input.channel, 1000)
        : [];
    const open = unfinished.find((d) => d.workspace === input.workspace && d.channel === input.channel);
    return {
      feed: feedHealth(config.feedUrl, state),
      articles: { searchable: this.deps.searcher?.size, fromFeed },
      subscription: subscription && subscription.status !== 'unsubscribed' ? subscription : undefined,
      lastDigest: last ? summariseDelivery(last) : undefined,
      unfinishedDigest: open
        ? { period: open.period, claimedAt: new Date(open.claimedAt), postStarted: Boolean(open.postStartedAt) }
        : undefined,
      pendingArticles: pending.length,
      nextDigestAt: active ? this.nextDigestAt(subscription.cadence) : undefined,
      storage: store.kind,
    };
  }

  /**
   * The digest this channel would get if the digest ran now, without claiming anything (for `digest --dry-run`);
   * undefined when it is not subscribed or has nothing new.
   */
  async preview(input: ChannelRef): Promise<DigestMessage | undefined> {
    const sub = await this.deps.store.getSubscription(input.workspace, input.channel);
    if (sub?.status !== 'active') return undefined;
    let pending = await this.deps.store.pendingArticles(input.workspace, input.channel, MAX_ARTICLES_PER_DIGEST);
    if (sub.filter && this.deps.matcher) {
      const matched = this.deps.matcher.matching(
        sub.filter,
        pending.map((p) => p.article.id),
      );
      pending = pending.filter((p) => matched.has(p.article.id));
    }
    if (pending.length === 0) return undefined;
    const period = periodFor(sub.cadence, this.now(), this.deps.config.digestTz);
    const key = { workspace: sub.workspace, channel: sub.channel, period };
    return {
      ...key,
      cadence: sub.cadence,
      articles: newestFirst(pending.map((p) => p.article)),
      marker: deliveryMarker(key),
    };
  }

  /** Active subscriptions, for the CLI (which has no channel to ask about). */
  subscriptions(): Promise<Subscription[]> {
    return this.deps.store.activeSubscriptions();
  }

  /** When the cron next runs this cadence's digests (from the real clock, as the cron itself does). */
  nextDigestAt(cadence: Cadence): Date | undefined {
    const pattern = cadence === 'daily' ? dailyCronOf(this.deps.config.digestCron) : this.deps.config.digestCron;
    const task = cron.createTask(pattern, () => undefined, { timezone: this.deps.config.digestTz });
    try {
      return task.getNextRuns(1)[0];
    } catch {
      return undefined;
    } finally {
      void task.destroy();
    }
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }
}

/** What `status` shows of the feed: its URL and last failure reason without credentials (anyone may ask). */
function feedHealth(feedUrl: string, state: FeedState | undefined): FeedHealth {
  const url = redactUrl(feedUrl);
  const d = (v?: string) => (v ? new Date(v) : undefined);
  if (!state?.lastPollAt) return { url, health: 'never-polled', consecutiveFailures: 0 };
  return {
    url,
    health: state.consecutiveFailures > 0 ? 'failing' : 'ok',
    lastPollAt: d(state.lastPollAt),
    lastSuccessAt: d(state.lastSuccessAt),
    lastFailureAt: d(state.lastFailureAt),
    lastFailureReason: state.lastFailureReason && redactUrlsIn(state.lastFailureReason),
    consecutiveFailures: state.consecutiveFailures,
    retryAt: nextAttemptAt(state),
    baselineAt: d(state.baselineAt),
    itemsInFeed: state.lastItemCount,
  };
}

function summariseDelivery(d: Delivery): ChannelStatus['lastDigest'] {
  return {
    period: d.period,
    postedAt: d.postedAt ? new Date(d.postedAt) : undefined,
    ts: d.messageTs,
    articles: d.articleIds.length,
  };
}

const CADENCE_WORDS: Record<string, Cadence> = {
  weekly: 'weekly',
  week: 'weekly',
  每周: 'weekly',
  daily: 'daily',
  day: 'daily',
  每天: 'daily',
  每日: 'daily',
};

/**
 * The words after `subscribe`: nothing (weekly), `weekly` or `daily` (also 每周 / 每天), optionally followed by a
 * search query that filters the digest (`subscribe weekly kubeadm`). The cadence comes first, so that a mistyped one
 * (`subscribe monthly`) is an error rather than a filter.
 */
export function parseSubscribeArgs(rest: string): { cadence: Cadence; filter?: string } | { error: string } {
  const text = rest.trim();
  if (!text) return { cadence: 'weekly' };
  const [word] = text.split(/\s+/u, 1);
  const cadence = CADENCE_WORDS[word.toLowerCase()];
  if (!cadence) return { error: `"${word}" is not a cadence: use daily or weekly (每天 / 每周)` };
  const filter = text.slice(word.length).trim();
  return filter ? { cadence, filter } : { cadence };
}
