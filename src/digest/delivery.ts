import type { Article } from '../archive/article.js';
import type { ArticleMatcher } from '../follow/alerts.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Cadence, Delivery, DeliveryKey, FeedArticle, Store, Subscription } from '../store/types.js';
import { periodFor } from './period.js';
import { type DigestMessage, type DigestPoster, deliveryMarker, type LookupResult } from './port.js';

/** The named lock under which one instance at a time claims and posts digests. */
export const DIGEST_LOCK = 'digest';
/** Articles in one digest at most; more wait for the next period (a message stays far inside Block Kit's limits). */
export const MAX_ARTICLES_PER_DIGEST = 20;
/** How far before its claim to look for a message that a killed run may have posted (clock skew between hosts). */
const LOOKBACK_MS = 10 * 60_000;

export type DeliveryStep = 'claimed' | 'posted';

export interface DigestDeps {
  store: Store;
  poster: DigestPoster;
  timeZone: string;
  /** Who claims and who sends: written into each claim and each attempt, so a row says which instance it was. */
  instanceId: string;
  /** Applies filtered subscriptions' queries; a filtered subscription is not delivered without it. */
  matcher?: ArticleMatcher;
  now?: () => Date;
  log?: Logger;
  /**
   * Called after each durable step, before the next one. For tests that stop a process at an exact point (a real
   * SIGKILL between claim and post, or between post and completion); production leaves it unset.
   */
  onStep?: (step: DeliveryStep, key: DeliveryKey) => Promise<void> | void;
}

export type ChannelOutcome =
  | { outcome: 'posted'; ts: string; articles: number; recovered: boolean }
  | { outcome: 'found-posted'; ts: string; articles: number }
  | { outcome: 'already-delivered'; ts?: string }
  | { outcome: 'nothing-new' }
  | { outcome: 'paused'; reason: string }
  | { outcome: 'released'; reason: string }
  | { outcome: 'in-doubt'; reason: string }
  | { outcome: 'error'; reason: string };

export interface ChannelReport extends DeliveryKey {
  result: ChannelOutcome;
}

export interface DigestRunReport {
  /** False when another instance held the digest lock, so this one did nothing. */
  ran: boolean;
  recovered: ChannelReport[];
  channels: ChannelReport[];
}

export interface RunOptions {
  /** The instant whose period the digests belong to (the cron's scheduled time). */
  at?: Date;
  /** Only subscriptions of these cadences (the weekly cron and the daily cron each take theirs). */
  cadences?: Cadence[];
  /** Only this channel (the `digest --now --channel` command). */
  channel?: string;
  /** Finish interrupted deliveries only, claim nothing new (start-up). */
  recoverOnly?: boolean;
}

/**
 * One digest run: under the digest lock, first finish every delivery an earlier run left claimed, then claim, post
 * and complete one digest per subscribed channel for the current period. Each channel's failure is its own; the
 * others go on.
 */
export async function runDigests(deps: DigestDeps, options: RunOptions = {}): Promise<DigestRunReport> {
  const log = deps.log ?? defaultLog;
  const lock = await deps.store.tryLock(DIGEST_LOCK, deps.instanceId);
  if (!lock) {
    log.info('digest: another instance holds the digest lock; this one skips the run');
    return { ran: false, recovered: [], channels: [] };
  }
  // Once the lock is gone another instance may be running these digests too; the run stops before its next channel.
  const stillHeld = (): void => {
    if (lock.lost)
      throw new Error('digest: lost the digest lock during the run; stopped (the instance now holding it carries on)');
  };
  try {
    const recovered: ChannelReport[] = [];
    for (const delivery of await deps.store.unfinishedDeliveries()) {
      if (options.channel && delivery.channel !== options.channel) continue;
      stillHeld();
      recovered.push({ ...keyOf(delivery), result: await guard(log, delivery, () => recover(deps, delivery)) });
    }
    const channels: ChannelReport[] = [];
    if (!options.recoverOnly) {
      const at = options.at ?? now(deps);
      const cadences = options.cadences ?? ['weekly', 'daily'];
      for (const cadence of cadences) {
        for (const sub of await deps.store.activeSubscriptions(cadence)) {
          if (options.channel && sub.channel !== options.channel) continue;
          stillHeld();
          const key = { workspace: sub.workspace, channel: sub.channel, period: periodFor(cadence, at, deps.timeZone) };
          channels.push({ ...key, result: await guard(log, key, () => deliverOne(deps, sub, key.period)) });
        }
      }
    }
    return { ran: true, recovered, channels };
  } finally {
    await lock
      .release()
      .catch((err: unknown) => log.warn('digest: could not release the lock', { error: String(err) }));
  }
}

/** Claims this period's digest for one channel and posts it. */
async function deliverOne(deps: DigestDeps, sub: Subscription, period: string): Promise<ChannelOutcome> {
  let onlySeqs: number[] | undefined;
  if (sub.filter) {
    const filtered = await applyFilter(deps, sub, sub.filter);
    if ('outcome' in filtered) return filtered;
    onlySeqs = filtered.seqs;
    if (!onlySeqs.length) return { outcome: 'nothing-new' };
  }
  const claim = await deps.store.claimDelivery({
    ...(onlySeqs ? { onlySeqs } : {}),
    workspace: sub.workspace,
    channel: sub.channel,
    period,
    cadence: sub.cadence,
    claimedBy: deps.instanceId,
    now: now(deps).toISOString(),
    maxArticles: MAX_ARTICLES_PER_DIGEST,
  });
  switch (claim.kind) {
    case 'not-subscribed':
      return { outcome: 'released', reason: 'no longer subscribed' };
    case 'nothing-new':
      return { outcome: 'nothing-new' };
    case 'exists':
      // Posted already this period, or claimed and unfinished (recovery, which ran first, left it in doubt).
      return claim.delivery.status === 'posted'
        ? { outcome: 'already-delivered', ts: claim.delivery.messageTs }
        : { outcome: 'in-doubt', reason: 'an earlier attempt of this period is still unresolved' };
    case 'claimed':
      (deps.log ?? defaultLog).info('digest: claimed', {
        channel: sub.channel,
        period,
        articles: claim.articles.length,
      });
      await deps.onStep?.('claimed', keyOf(claim.delivery));
      return post(deps, claim.delivery, claim.articles, false);
  }
}

/**
 * A filtered subscription's pending articles: those its query matches may go into the digest, the others are skipped
 * for good. An article the search index does not hold yet (another instance stored it a moment ago) waits.
 */
async function applyFilter(
  deps: DigestDeps,
  sub: Subscription,
  filter: string,
): Promise<{ seqs: number[] } | ChannelOutcome> {
  if (!deps.matcher)
    return { outcome: 'error', reason: 'the subscription has a filter, and this run has no search index to apply it' };
  const pending = await deps.store.pendingArticles(sub.workspace, sub.channel, 1000);
  const missing = pending.findIndex((p) => !deps.matcher?.knows(p.article.id));
  const known = missing < 0 ? pending : pending.slice(0, missing);
  const matched = deps.matcher.matching(
    filter,
    known.map((p) => p.article.id),
  );
  await deps.store.skipArticles(
    sub.workspace,
    sub.channel,
    known.filter((p) => !matched.has(p.article.id)).map((p) => p.seq),
  );
  return { seqs: known.filter((p) => matched.has(p.article.id)).map((p) => p.seq) };
}

/**
 * Finishes a delivery that an earlier run claimed and did not complete. Never sent: send it now. Maybe sent (the
 * process stopped after starting the post): look for the message first, and post only if it is not there.
 */
async function recover(deps: DigestDeps, delivery: Delivery): Promise<ChannelOutcome> {
  const log = deps.log ?? defaultLog;
  const key = keyOf(delivery);
  const articles = await deps.store.deliveryArticles(key);
  const sub = await deps.store.getSubscription(delivery.workspace, delivery.channel);
  const active = sub?.status === 'active';
  log.info('digest: finishing an interrupted delivery', {
    channel: key.channel,
    period: key.period,
    postStarted: Boolean(delivery.postStartedAt),
  });

  if (delivery.postStartedAt) {
    const found = await deps.poster.findPosted({
      workspace: key.workspace,
      channel: key.channel,
      marker: deliveryMarker(key),
      since: new Date(Date.parse(delivery.claimedAt) - LOOKBACK_MS),
    });
    const decided = await settleLookup(deps, key, found, articles.length, active);
    if (decided) return decided;
  }
  if (!active) {
    await deps.store.releaseDelivery(key);
    return { outcome: 'released', reason: 'the channel unsubscribed or was paused before the digest went out' };
  }
  return post(deps, delivery, articles, true);
}

/** What a history lookup settles; undefined means "not there: post it". */
async function settleLookup(
  deps: DigestDeps,
  key: DeliveryKey,
  found: LookupResult,
  articleCount: number,
  active: boolean,
): Promise<ChannelOutcome | undefined> {
  const log = deps.log ?? defaultLog;
  switch (found.kind) {
    case 'found':
      await deps.store.completeDelivery(key, found.ts, now(deps).toISOString());
      log.info('digest: the interrupted delivery had been posted; recorded it without posting again', {
        channel: key.channel,
        period: key.period,
        ts: found.ts,
      });
      return { outcome: 'found-posted', ts: found.ts, articles: articleCount };
    case 'absent':
      return undefined;
    case 'channel-unavailable':
      return pauseAndRelease(deps, key, found.reason);
    case 'unknown':
      if (!found.permanent) {
        log.warn('digest: cannot tell whether an interrupted delivery was posted; leaving it for the next run', {
          channel: key.channel,
          period: key.period,
          reason: found.reason,
        });
        return { outcome: 'in-doubt', reason: found.reason };
      }
      if (!active) return undefined;
      // Looking can never work here (no history scope): of a possible duplicate and a certain loss, post.
      log.warn('digest: cannot search the channel for an interrupted delivery; posting it again', {
        channel: key.channel,
        period: key.period,
        reason: found.reason,
      });
      return undefined;
  }
}

async function post(
  deps: DigestDeps,
  delivery: Delivery,
  feedArticles: FeedArticle[],
  recovered: boolean,
): Promise<ChannelOutcome> {
  const log = deps.log ?? defaultLog;
  const key = keyOf(delivery);
  const articles = newestFirst(feedArticles.map((fa) => fa.article));
  if (articles.length === 0) {
    // The articles of a claim are kept with it; none means the rows were removed by hand.
    await deps.store.releaseDelivery(key);
    return { outcome: 'released', reason: 'the claimed articles are gone' };
  }
  const message: DigestMessage = { ...key, cadence: delivery.cadence, articles, marker: deliveryMarker(key) };
  if (
    !(await deps.store.markPostStarted(
      key,
      { attempts: delivery.attempts, by: deps.instanceId },
      now(deps).toISOString(),
    ))
  ) {
    log.warn('digest: another run started sending this digest first; leaving it to that run', {
      channel: key.channel,
      period: key.period,
    });
    return { outcome: 'in-doubt', reason: 'another run is sending this digest' };
  }
  const result = await deps.poster.post(message);
  switch (result.kind) {
    case 'posted':
      await deps.onStep?.('posted', key);
      await deps.store.completeDelivery(key, result.ts, now(deps).toISOString());
      log.info('digest: posted', {
        channel: key.channel,
        period: key.period,
        ts: result.ts,
        articles: articles.length,
        recovered,
      });
      return { outcome: 'posted', ts: result.ts, articles: articles.length, recovered };
    case 'channel-unavailable':
      return pauseAndRelease(deps, key, result.reason);
    case 'rejected':
      await deps.store.releaseDelivery(key);
      log.error('digest: Slack did not post the digest; its articles wait for the next run', {
        channel: key.channel,
        period: key.period,
        reason: result.reason,
      });
      return { outcome: 'released', reason: result.reason };
    case 'unknown':
      log.warn('digest: no answer to the post; the next run looks for the message before posting again', {
        channel: key.channel,
        period: key.period,
        reason: result.reason,
      });
      return { outcome: 'in-doubt', reason: result.reason };
  }
}

async function pauseAndRelease(deps: DigestDeps, key: DeliveryKey, reason: string): Promise<ChannelOutcome> {
  await deps.store.pauseSubscription(key.workspace, key.channel, reason, now(deps).toISOString());
  await deps.store.releaseDelivery(key);
  (deps.log ?? defaultLog).warn(
    'digest: Slack refused the channel; subscription paused until someone subscribes again',
    { channel: key.channel, reason },
  );
  return { outcome: 'paused', reason };
}

/** A failure of one channel (a database hiccup, a bug) is reported and logged; the run goes on to the next. */
async function guard(log: Logger, key: DeliveryKey, fn: () => Promise<ChannelOutcome>): Promise<ChannelOutcome> {
  try {
    return await fn();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    log.error('digest: delivery failed', { channel: key.channel, period: key.period, error: err });
    return { outcome: 'error', reason };
  }
}

function keyOf(d: DeliveryKey): DeliveryKey {
  return { workspace: d.workspace, channel: d.channel, period: d.period };
}

function now(deps: DigestDeps): Date {
  return deps.now ? deps.now() : new Date();
}

export function newestFirst(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));
}
