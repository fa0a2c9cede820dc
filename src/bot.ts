/**
 * The composition root: the one place that wires the bot's parts — the search index, the store, the feed poll and
 * digests on their schedule, and the Slack app — for `k8sblog start`, the playground and the tests alike.
 */
import type { Config } from './config.js';
import { type DigestScheduler, startDigestScheduler } from './digest/schedule.js';
import { DigestService } from './digest/service.js';
import { restoreFeedArticles } from './feed/poller.js';
import { log as defaultLog, type Logger } from './log.js';
import type { Searcher } from './search/types.js';
import { createSlackDigestPoster } from './slack/digest-poster.js';
import { digestHome } from './slack/home-source.js';
import { createSlackApp, type SlackApp, type StartedSlackApp } from './slack/index.js';
import { digestVerbs } from './slack/listeners/commands/digest-verbs.js';
import type { Store } from './store/types.js';

export interface BotOptions {
  config: Config;
  searcher: Searcher;
  store: Store;
  /** The bot's version, shown by /healthz. */
  version: string;
  indexLoadedAt?: Date | (() => Date | undefined);
  log?: Logger;
  /**
   * Where Slack is and who the bot is there, when not as configured: the playground points the app at its
   * stand-in with credentials of its own, and serves the app through its page's server instead of listening.
   */
  slack?: { apiUrl: string; botToken: string; signingSecret: string; listen: false };
  /** At start-up, poll once and finish interrupted deliveries without waiting for the first cron tick (default true). */
  runAtStart?: boolean;
}

export interface Bot {
  readonly slack: SlackApp;
  readonly scheduler: DigestScheduler;
  readonly digest: DigestService;
  /** Where the HTTP receiver listens (HTTP mode); empty in Socket Mode and when the app does not listen. */
  readonly started: StartedSlackApp;
  /** Stops the schedule (letting a job under way finish), then Slack. The store stays the caller's to close. */
  stop(): Promise<void>;
}

/**
 * Builds and starts the bot: feed articles from earlier polls rejoin the index, the Slack app connects or listens,
 * and only then do the poll and digests start, so a bot that cannot reach Slack never posts or claims anything.
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, searcher, store } = options;
  const log = options.log ?? defaultLog;

  const restored = await restoreFeedArticles(store, searcher);
  if (restored) log.info(`added ${restored} stored feed articles to the search index`);

  const digest = new DigestService({ store, config, searcher });
  const slack = createSlackApp({
    config: options.slack ? { ...config, slack: { ...config.slack, apiUrl: options.slack.apiUrl } } : config,
    searcher,
    version: options.version,
    indexLoadedAt: options.indexLoadedAt,
    log,
    ...(options.slack
      ? { mode: 'http' as const, botToken: options.slack.botToken, signingSecret: options.slack.signingSecret }
      : {}),
    verbs: digestVerbs(digest, config.digestTz),
    home: digestHome(digest),
  });
  let started: StartedSlackApp = {};
  if (options.slack?.listen === false) await slack.init();
  else started = await slack.start();

  try {
    const poster = createSlackDigestPoster({
      token: options.slack?.botToken ?? config.slack.botToken ?? '',
      apiUrl: options.slack?.apiUrl ?? config.slack.apiUrl,
      log,
    });
    const scheduler = startDigestScheduler({
      config,
      store,
      searcher,
      poster,
      log,
      runAtStart: options.runAtStart,
    });
    return {
      slack,
      scheduler,
      digest,
      started,
      async stop() {
        await scheduler.stop();
        await slack.stop();
      },
    };
  } catch (err) {
    await slack.stop().catch(() => undefined);
    throw err;
  }
}
