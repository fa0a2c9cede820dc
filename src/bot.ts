/**
 * The composition root: the one place that wires the bot's parts — the search index, the store, the feed poll and
 * digests on their schedule, and the Slack app — for `k8sblog start`, the playground and the tests alike.
 */
import type { Config } from './config.js';
import { type DigestScheduler, startDigestScheduler } from './digest/schedule.js';
import { DigestService } from './digest/service.js';
import { restoreFeedArticles } from './feed/poller.js';
import { FollowMatcher } from './follow/match.js';
import { FollowService } from './follow/service.js';
import { log as defaultLog, type Logger } from './log.js';
import type { Searcher } from './search/types.js';
import { createSlackAlertPoster } from './slack/alert-poster.js';
import { createSlackDigestPoster } from './slack/digest-poster.js';
import { digestHome } from './slack/home-source.js';
import { createSlackApp, type SlackApp, type StartedSlackApp } from './slack/index.js';
import { digestVerbs } from './slack/listeners/commands/digest-verbs.js';
import { followVerbs } from './slack/listeners/commands/follow-verbs.js';
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
  readonly follows: FollowService;
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

  // Follows and filtered digests match new articles through the live index, which polls keep up to date.
  const matcher = new FollowMatcher(searcher);
  const digest = new DigestService({ store, config, searcher, matcher });
  const follows = new FollowService({ store, matcher });
  const slack = createSlackApp({
    config: options.slack ? { ...config, slack: { ...config.slack, apiUrl: options.slack.apiUrl } } : config,
    searcher,
    version: options.version,
    indexLoadedAt: options.indexLoadedAt,
    log,
    ...(options.slack
      ? { mode: 'http' as const, botToken: options.slack.botToken, signingSecret: options.slack.signingSecret }
      : {}),
    verbs: [...digestVerbs(digest, config.digestTz), ...followVerbs(follows)],
    follows,
    home: digestHome(digest, follows),
  });
  let started: StartedSlackApp = {};
  if (options.slack?.listen === false) await slack.init();
  else started = await slack.start();

  try {
    const slackApi = {
      token: options.slack?.botToken ?? config.slack.botToken ?? '',
      apiUrl: options.slack?.apiUrl ?? config.slack.apiUrl,
      log,
    };
    const poster = createSlackDigestPoster(slackApi);
    const scheduler = startDigestScheduler({
      config,
      store,
      searcher,
      poster,
      matcher,
      alertPoster: createSlackAlertPoster(slackApi),
      log,
      runAtStart: options.runAtStart,
    });
    return {
      slack,
      scheduler,
      digest,
      follows,
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
