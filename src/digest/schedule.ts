import { randomBytes } from 'node:crypto';
import os from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { pollUnderLock } from '../feed/locked-poll.js';
import { FeedIndexSync, type LiveIndex, type PollResult } from '../feed/poller.js';
import { type ArticleMatcher, runAlerts } from '../follow/alerts.js';
import type { AlertPoster } from '../follow/port.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Cadence, Store } from '../store/types.js';
import { type DigestRunReport, type RunOptions, runDigests } from './delivery.js';
import type { DigestPoster } from './port.js';

/** How late a cron tick may still run (node-cron caps it below the gap to the next tick). */
const LATE_TICK_TOLERANCE_MS = 30 * 60_000;

/**
 * Daily digests go out at the time of day DIGEST_CRON names, every day: `0 9 * * 1` gives `0 9 * * *`. One
 * setting for the hour keeps weekly and daily channels in step.
 */
export function dailyCronOf(digestCron: string): string {
  const fields = digestCron.trim().split(/\s+/);
  if (fields.length === 6) return `${fields[0]} ${fields[1]} ${fields[2]} * * *`;
  if (fields.length === 5) return `${fields[0]} ${fields[1]} * * *`;
  return digestCron;
}

/** Cron expressions checked at start-up, one line per problem, like the rest of the configuration. */
export function checkSchedule(config: Pick<Config, 'pollCron' | 'digestCron'>): void {
  const problems: string[] = [];
  if (!cron.validate(config.pollCron))
    problems.push(`POLL_CRON is not a cron expression: "${config.pollCron}" (default "*/30 * * * *").`);
  if (!cron.validate(config.digestCron))
    problems.push(`DIGEST_CRON is not a cron expression: "${config.digestCron}" (default "0 9 * * 1", Monday 09:00).`);
  if (problems.length) throw new ConfigError(problems);
}

/** An id for this process, written into its claims and locks. */
export function makeInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface SchedulerDeps {
  config: Pick<Config, 'feedUrl' | 'pollCron' | 'digestCron' | 'digestTz'> &
    Partial<Pick<Config, 'blogHosts' | 'feedMaxBytes'>>;
  store: Store;
  /** The live search index: new feed articles are added to it. */
  searcher?: LiveIndex;
  poster: DigestPoster;
  /** Matches follows and filtered subscriptions against new articles (over the live search index). */
  matcher?: ArticleMatcher;
  /** Sends personal alerts after each poll; without it (or a matcher) no alerts are sent. */
  alertPoster?: AlertPoster;
  log?: Logger;
  /** At start-up, poll once and finish interrupted deliveries without waiting for the first cron tick (default true). */
  runAtStart?: boolean;
}

export interface DigestScheduler {
  /** Polls now (under the poll lock; skipped while another instance polls), then sends the alerts it brings. */
  pollNow(options?: { force?: boolean }): Promise<PollResult | undefined>;
  /** Runs the digests of these cadences now, for the period of `at`. */
  digestNow(options?: { cadences?: Cadence[]; at?: Date }): Promise<DigestRunReport>;
  /** The start-up work (first poll, recovery), for callers that want to wait for it. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the feed poll (POLL_CRON) and the digests (DIGEST_CRON for weekly channels, the same time every day for
 * daily ones), all in DIGEST_TZ. Each job takes its lock first, so several instances on one PostgreSQL share the
 * work without doing it twice. Returns a handle to stop them.
 */
export function startDigestScheduler(deps: SchedulerDeps): DigestScheduler {
  checkSchedule(deps.config);
  const log = deps.log ?? defaultLog;
  const instanceId = makeInstanceId();
  const { config, store } = deps;

  const indexSync = deps.searcher ? new FeedIndexSync(store, deps.searcher, log) : undefined;

  // The jobs of this process run one after another. At 09:00 on a Monday the poll, the weekly and the daily digest
  // all fire; run side by side they would find their own instance holding the lock and skip (a cadence's digest
  // lost for the period), or a digest would go out before the poll that fetched the newest post had finished.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const poll = async (options: { force?: boolean } = {}): Promise<PollResult | undefined> => {
    const polled = await pollUnderLock({
      store,
      feedUrl: config.feedUrl,
      blogHosts: config.blogHosts,
      maxBytes: config.feedMaxBytes,
      index: deps.searcher,
      force: options.force,
      log,
      instanceId,
    });
    if (polled.status === 'busy') log.debug('poll: another instance is polling; skipped');
    const result = polled.status === 'busy' ? undefined : polled;
    // Articles that another instance (or the poll command) stored reach this instance's search index too.
    if (indexSync) {
      const added = await indexSync.sync();
      if (added) log.info('search index: added stored feed articles', { added });
    }
    return result;
  };

  const digest = (options: RunOptions) =>
    runDigests(
      { store, poster: deps.poster, matcher: deps.matcher, timeZone: config.digestTz, instanceId, log },
      options,
    );

  /**
   * Alerts follow every poll, whoever polled: articles this instance, another one or `k8sblog poll` stored are all
   * checked (each person's follows remember how far they were checked).
   */
  const alerts = async (): Promise<void> => {
    if (!deps.matcher || !deps.alertPoster) return;
    const report = await runAlerts({ store, poster: deps.alertPoster, matcher: deps.matcher, instanceId, log });
    const sent = report.users.filter((u) => u.result.outcome === 'posted').length;
    if (sent || report.recovered.length) log.info('alerts: run finished', { sent, recovered: report.recovered.length });
  };
  const alertsSafely = () => alerts().catch((err: unknown) => log.error('alerts: run failed', { error: err }));

  const recover = async (): Promise<void> => {
    const report = await digest({ recoverOnly: true });
    if (report.recovered.length)
      log.info('digest: interrupted deliveries finished', { count: report.recovered.length });
  };

  /** The poll tick also finishes deliveries left in doubt, so they wait minutes for an answer, not a period. */
  const pollTick = async (): Promise<void> => {
    await poll();
    if ((await store.unfinishedDeliveries()).length) await recover();
    await alertsSafely();
  };

  const digestRun = async (options: { cadences?: Cadence[]; at?: Date } = {}): Promise<DigestRunReport> => {
    // A digest includes what the blog published up to the minute it goes out.
    await poll().catch((err: unknown) => log.error('poll before digest failed', { error: err }));
    await alertsSafely();
    return digest(options);
  };

  const safely = (name: string, job: (at: Date) => Promise<unknown>) => async (ctx: { date: Date }) => {
    try {
      await inTurn(() => job(ctx.date));
    } catch (err) {
      log.error(`${name}: run failed`, { error: err });
    }
  };

  const options = (name: string) => ({
    name,
    timezone: config.digestTz,
    noOverlap: true,
    // node-cron drops a tick whose timer fires more than its tolerance (1 s by default) late; a busy event loop at
    // 09:00 would then lose a weekly digest for a week. Late is better: the run keeps the tick's own time (ctx.date).
    missedExecutionTolerance: LATE_TICK_TOLERANCE_MS,
  });
  const tasks: ScheduledTask[] = [
    cron.schedule(config.pollCron, safely('poll', pollTick), options('k8sblog-poll')),
    cron.schedule(
      config.digestCron,
      safely('weekly digest', (at) => digestRun({ cadences: ['weekly'], at })),
      options('k8sblog-digest-weekly'),
    ),
    cron.schedule(
      dailyCronOf(config.digestCron),
      safely('daily digest', (at) => digestRun({ cadences: ['daily'], at })),
      options('k8sblog-digest-daily'),
    ),
  ];

  const started =
    deps.runAtStart === false
      ? Promise.resolve()
      : inTurn(async () => {
          await poll();
          // Deliveries a killed process left claimed are finished now rather than at the next digest time.
          await recover();
          await alertsSafely();
        }).catch((err: unknown) => log.error('start-up poll/recovery failed', { error: err }));

  log.info('digest scheduler started', {
    instanceId,
    poll: config.pollCron,
    weekly: config.digestCron,
    daily: dailyCronOf(config.digestCron),
    timeZone: config.digestTz,
    storage: store.kind,
  });

  return {
    pollNow: (options) =>
      inTurn(async () => {
        const result = await poll(options);
        await alertsSafely();
        return result;
      }),
    digestNow: (options) => inTurn(() => digestRun(options)),
    started,
    stop: async () => {
      for (const task of tasks) await task.destroy();
      // The job under way (a digest half posted, say) finishes before the caller closes the store under it.
      await queue;
    },
  };
}
