/**
 * Personal alerts: after a poll, every person whose follows match new articles gets one DM listing them. The same
 * claim → mark → post → complete discipline as digests (src/digest/delivery.ts), keyed per (workspace, person,
 * article): an article is in one alert of a person at most, and a run first finishes what an earlier run left.
 */
import type { Article } from '../archive/article.js';
import { newestFirst } from '../digest/delivery.js';
import type { LookupResult } from '../digest/port.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Alert, AlertArticle, AlertKey, FeedArticle, Follow, Store } from '../store/types.js';
import { type AlertMessage, type AlertPoster, alertMarker } from './port.js';

/** The named lock under which one instance at a time sends alerts. */
export const ALERT_LOCK = 'alerts';
/** Articles one alert claims at most (a first poll after a long outage); the rest go in the next poll's alert. */
export const MAX_ARTICLES_PER_ALERT = 100;
/** Between two people's DMs: chat.postMessage is rate limited per workspace, so many followers are paced. */
export const DEFAULT_PACE_MS = 500;
const LOOKBACK_MS = 10 * 60_000;

export type AlertStep = 'claimed' | 'posted';

/** Which of a set of articles a query matches (FollowMatcher over the live search index). */
export interface ArticleMatcher {
  matching(query: string, articleIds: readonly string[]): Set<string>;
  /** Whether the index has this article (one it lacks cannot be matched yet, so it is not counted as checked). */
  knows(articleId: string): boolean;
}

export interface AlertDeps {
  store: Store;
  poster: AlertPoster;
  matcher: ArticleMatcher;
  instanceId: string;
  now?: () => Date;
  log?: Logger;
  paceMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** For tests that stop a process at an exact point (see DigestDeps.onStep). */
  onStep?: (step: AlertStep, key: AlertKey) => Promise<void> | void;
}

export type AlertOutcome =
  | { outcome: 'posted'; ts: string; articles: number; recovered: boolean }
  | { outcome: 'found-posted'; ts: string; articles: number }
  /** Maybe sent, and the DM's history cannot be read to tell: not sent again (docs/follows.md). */
  | { outcome: 'not-resent'; reason: string }
  | { outcome: 'already-alerted' }
  | { outcome: 'nothing-new' }
  | { outcome: 'paused'; reason: string }
  | { outcome: 'released'; reason: string }
  | { outcome: 'in-doubt'; reason: string }
  | { outcome: 'error'; reason: string };

export interface AlertReport {
  workspace: string;
  user: string;
  alertId?: string;
  result: AlertOutcome;
}

export interface AlertRunReport {
  /** False when another instance held the alert lock. */
  ran: boolean;
  recovered: AlertReport[];
  users: AlertReport[];
}

/** What a run would send, without claiming anything (`k8sblog follows --dry-run`). */
export interface AlertPreview {
  workspace: string;
  user: string;
  articles: Array<{ article: Article; follows: string[] }>;
}

export async function runAlerts(deps: AlertDeps, options: { recoverOnly?: boolean } = {}): Promise<AlertRunReport> {
  const log = deps.log ?? defaultLog;
  const lock = await deps.store.tryLock(ALERT_LOCK, deps.instanceId);
  if (!lock) {
    log.info('alerts: another instance holds the alert lock; this one skips the run');
    return { ran: false, recovered: [], users: [] };
  }
  const stillHeld = (): void => {
    if (lock.lost) throw new Error('alerts: lost the alert lock during the run; stopped');
  };
  try {
    const recovered: AlertReport[] = [];
    for (const alert of await deps.store.unfinishedAlerts()) {
      stillHeld();
      recovered.push(await guard(log, alert, () => recover(deps, alert)));
    }
    const users: AlertReport[] = [];
    if (!options.recoverOnly) {
      let first = true;
      for (const follows of byPerson(await deps.store.activeFollows())) {
        stillHeld();
        const { workspace, user } = follows[0];
        const planned = await plan(deps, follows);
        if (!planned.matches.length) {
          if (planned.checkedTo !== undefined) await deps.store.markFollowsChecked(workspace, user, planned.checkedTo);
          continue;
        }
        if (!first) await pause(deps);
        first = false;
        const report = await guard(log, { workspace, user }, () => deliverOne(deps, follows[0], planned.matches));
        users.push(report);
        // Released, failed or paused: the articles stay the person's (tried again next run, or when they follow
        // again), so their follows are not marked checked.
        if (planned.checkedTo !== undefined && !['released', 'error', 'paused'].includes(report.result.outcome))
          await deps.store.markFollowsChecked(workspace, user, planned.checkedTo);
      }
    }
    return { ran: true, recovered, users };
  } finally {
    await lock
      .release()
      .catch((err: unknown) => log.warn('alerts: could not release the lock', { error: String(err) }));
  }
}

/** Who would get what now: the matches of every active follow, nothing claimed. */
export async function previewAlerts(deps: Pick<AlertDeps, 'store' | 'matcher'>): Promise<AlertPreview[]> {
  const out: AlertPreview[] = [];
  for (const follows of byPerson(await deps.store.activeFollows())) {
    const { matches, candidates } = await plan(deps, follows);
    if (!matches.length) continue;
    const bySeq = new Map(candidates.map((c) => [c.seq, c.article]));
    out.push({
      workspace: follows[0].workspace,
      user: follows[0].user,
      articles: newestFirstWith(matches.map((m) => ({ article: bySeq.get(m.seq)!, follows: m.follows }))),
    });
  }
  return out;
}

interface Plan {
  matches: Array<{ seq: number; follows: string[] }>;
  candidates: FeedArticle[];
  /** The seq up to which this person's follows have now been checked (undefined: nothing new to check). */
  checkedTo?: number;
}

/** The new articles this person's follows match, each with the follows that matched it. */
async function plan(deps: Pick<AlertDeps, 'store' | 'matcher'>, follows: Follow[]): Promise<Plan> {
  const { workspace, user } = follows[0];
  const after = Math.min(...follows.map((f) => Math.max(f.sinceSeq, f.checkedSeq)));
  const all = await deps.store.alertCandidates(workspace, user, after);
  if (!all.length) return { matches: [], candidates: [] };
  // An article the index does not hold yet (another instance stored it a moment ago) waits for the next run.
  const missing = all.find((c) => !deps.matcher.knows(c.article.id));
  const candidates = missing ? all.filter((c) => c.seq < missing.seq) : all;
  const checkedTo = candidates.length ? candidates[candidates.length - 1].seq : undefined;
  const matched = new Map<number, string[]>();
  for (const follow of follows) {
    const mine = candidates.filter((c) => c.seq > follow.sinceSeq);
    const ids = deps.matcher.matching(
      follow.query,
      mine.map((c) => c.article.id),
    );
    for (const c of mine) if (ids.has(c.article.id)) matched.set(c.seq, [...(matched.get(c.seq) ?? []), follow.query]);
  }
  const matches = [...matched]
    .map(([seq, qs]) => ({ seq, follows: qs }))
    .sort((a, b) => a.seq - b.seq)
    .slice(0, MAX_ARTICLES_PER_ALERT);
  // Articles past the cap are left for the next run: checked only up to the last one claimed.
  const capped = matched.size > matches.length ? matches[matches.length - 1].seq : checkedTo;
  return { matches, candidates, checkedTo: capped };
}

async function deliverOne(
  deps: AlertDeps,
  person: { workspace: string; user: string },
  matches: Array<{ seq: number; follows: string[] }>,
): Promise<AlertOutcome> {
  const claim = await deps.store.claimAlert({
    workspace: person.workspace,
    user: person.user,
    matches,
    claimedBy: deps.instanceId,
    now: now(deps).toISOString(),
  });
  switch (claim.kind) {
    case 'not-following':
      return { outcome: 'released', reason: 'no longer following' };
    case 'nothing-new':
      return { outcome: 'nothing-new' };
    case 'exists':
      return claim.alert.status === 'posted'
        ? { outcome: 'already-alerted' }
        : { outcome: 'in-doubt', reason: 'an earlier alert with these articles is still unresolved' };
    case 'claimed':
      (deps.log ?? defaultLog).info('alerts: claimed', {
        user: person.user,
        alert: claim.alert.alertId,
        articles: claim.articles.length,
      });
      await deps.onStep?.('claimed', keyOf(claim.alert));
      return send(deps, claim.alert, claim.articles, false);
  }
}

/** Finishes an alert an earlier run claimed and did not complete (see recover() in src/digest/delivery.ts). */
async function recover(deps: AlertDeps, alert: Alert): Promise<AlertOutcome> {
  const log = deps.log ?? defaultLog;
  const key = keyOf(alert);
  const articles = await deps.store.alertArticles(key);
  const following = (await deps.store.followsOf(key.workspace, key.user)).some((f) => !f.pausedAt);
  log.info('alerts: finishing an interrupted alert', {
    user: key.user,
    alert: key.alertId,
    postStarted: Boolean(alert.postStartedAt),
  });
  if (alert.postStartedAt && alert.dmChannel) {
    const found = await deps.poster.findPosted({
      workspace: key.workspace,
      channel: alert.dmChannel,
      marker: alertMarker(key),
      since: new Date(Date.parse(alert.claimedAt) - LOOKBACK_MS),
    });
    const decided = await settleLookup(deps, key, found, articles.length);
    if (decided) return decided;
  }
  if (!following) {
    await deps.store.releaseAlert(key);
    return { outcome: 'released', reason: 'the person unfollowed or was paused before the alert went out' };
  }
  return send(deps, alert, articles, true);
}

async function settleLookup(
  deps: AlertDeps,
  key: AlertKey,
  found: LookupResult,
  articleCount: number,
): Promise<AlertOutcome | undefined> {
  const log = deps.log ?? defaultLog;
  switch (found.kind) {
    case 'found':
      await deps.store.completeAlert(key, found.ts, now(deps).toISOString());
      log.info('alerts: the interrupted alert had been sent; recorded it without sending again', {
        user: key.user,
        alert: key.alertId,
      });
      return { outcome: 'found-posted', ts: found.ts, articles: articleCount };
    case 'absent':
      return undefined;
    case 'channel-unavailable':
      return pauseAndRelease(deps, key, found.reason);
    case 'unknown':
      if (!found.permanent) return { outcome: 'in-doubt', reason: found.reason };
      // The DM's history cannot be read (no im:history): of a possible duplicate and a possible loss of one alert,
      // a person is spared the duplicate (a channel digest makes the other choice; see docs/follows.md).
      await deps.store.completeAlert(key, undefined, now(deps).toISOString());
      log.warn('alerts: cannot look in the DM for an interrupted alert; not sending it again', {
        user: key.user,
        alert: key.alertId,
        reason: found.reason,
      });
      return { outcome: 'not-resent', reason: found.reason };
  }
}

async function send(deps: AlertDeps, alert: Alert, stored: AlertArticle[], recovered: boolean): Promise<AlertOutcome> {
  const log = deps.log ?? defaultLog;
  const key = keyOf(alert);
  if (!stored.length) {
    await deps.store.releaseAlert(key);
    return { outcome: 'released', reason: 'the claimed articles are gone' };
  }
  const dm = await deps.poster.openDm(key.user);
  if (dm.kind === 'user-unavailable') return pauseAndRelease(deps, key, dm.reason);
  if (dm.kind === 'rejected') {
    // Opening a DM has no visible effect: giving the alert back is safe, the next run tries again.
    await deps.store.releaseAlert(key);
    log.error('alerts: Slack did not open the DM; the articles wait for the next run', {
      user: key.user,
      reason: dm.reason,
    });
    return { outcome: 'released', reason: dm.reason };
  }
  const message: AlertMessage = {
    workspace: key.workspace,
    user: key.user,
    articles: newestFirstWith(stored.map((s) => ({ article: s.feed.article, follows: s.follows }))),
    marker: alertMarker(key),
  };
  const marked = await deps.store.markAlertPostStarted(
    key,
    { attempts: alert.attempts, by: deps.instanceId, dmChannel: dm.channel },
    now(deps).toISOString(),
  );
  if (!marked) return { outcome: 'in-doubt', reason: 'another run is sending this alert' };
  const result = await deps.poster.post(dm.channel, message);
  switch (result.kind) {
    case 'posted':
      await deps.onStep?.('posted', key);
      await deps.store.completeAlert(key, result.ts, now(deps).toISOString());
      log.info('alerts: sent', { user: key.user, alert: key.alertId, articles: stored.length, recovered });
      return { outcome: 'posted', ts: result.ts, articles: stored.length, recovered };
    case 'user-unavailable':
      return pauseAndRelease(deps, key, result.reason);
    case 'rejected':
      await deps.store.releaseAlert(key);
      log.error('alerts: Slack did not send the alert; its articles wait for the next run', {
        user: key.user,
        reason: result.reason,
      });
      return { outcome: 'released', reason: result.reason };
    case 'unknown':
      log.warn('alerts: no answer to the DM; the next run looks for it before sending again', {
        user: key.user,
        reason: result.reason,
      });
      return { outcome: 'in-doubt', reason: result.reason };
  }
}

async function pauseAndRelease(deps: AlertDeps, key: AlertKey, reason: string): Promise<AlertOutcome> {
  await deps.store.pauseFollows(key.workspace, key.user, reason, now(deps).toISOString());
  await deps.store.releaseAlert(key);
  (deps.log ?? defaultLog).warn('alerts: Slack will not let the bot message this person; their follows are paused', {
    user: key.user,
    reason,
  });
  return { outcome: 'paused', reason };
}

async function guard(
  log: Logger,
  who: { workspace: string; user: string; alertId?: string },
  fn: () => Promise<AlertOutcome>,
): Promise<AlertReport> {
  const report = { workspace: who.workspace, user: who.user, ...(who.alertId ? { alertId: who.alertId } : {}) };
  try {
    return { ...report, result: await fn() };
  } catch (err) {
    log.error('alerts: alert failed', { user: who.user, error: err });
    return { ...report, result: { outcome: 'error', reason: err instanceof Error ? err.message : String(err) } };
  }
}

/** Follows grouped by person (activeFollows() orders them so). */
function byPerson(follows: Follow[]): Follow[][] {
  const groups: Follow[][] = [];
  for (const f of follows) {
    const last = groups[groups.length - 1];
    if (last && last[0].workspace === f.workspace && last[0].user === f.user) last.push(f);
    else groups.push([f]);
  }
  return groups;
}

function newestFirstWith<T extends { article: Article }>(items: T[]): T[] {
  const order = new Map(newestFirst(items.map((i) => i.article)).map((a, i) => [a.id, i]));
  return [...items].sort((a, b) => (order.get(a.article.id) ?? 0) - (order.get(b.article.id) ?? 0));
}

function keyOf(a: AlertKey): AlertKey {
  return { workspace: a.workspace, user: a.user, alertId: a.alertId };
}

function now(deps: Pick<AlertDeps, 'now'>): Date {
  return deps.now ? deps.now() : new Date();
}

function pause(deps: AlertDeps): Promise<void> {
  const ms = deps.paceMs ?? DEFAULT_PACE_MS;
  if (ms <= 0) return Promise.resolve();
  return (deps.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t))))(ms);
}
