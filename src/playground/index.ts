/**
 * The local playground: with no Slack credentials, `npm start` runs the real bot — the same Bolt app and listeners,
 * over HTTP, every request signed — against a stand-in for Slack's Web API, and serves a page that behaves like a
 * Slack channel. Everything listens on loopback by default and nothing needs the internet (with --sample-feed, not
 * even the digest).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Bot, startBot } from '../bot.js';
import type { Config } from '../config.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Searcher } from '../search/types.js';
import { COMMAND, EVENTS_PATH } from '../slack/app.js';
import { DEFAULT_ACTOR, SlackRequests, SlackStandin } from '../slack-standin/index.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { formatZoned } from '../zoned-time.js';
import { DigestControl, PUBLISH_PER_RUN } from './digest-control.js';
import { type PageInfo, PageServer } from './page-server.js';
import { SampleFeed } from './sample-feed/server.js';
import { DM_CHANNEL, HOME_CHANNEL, SlackBridge } from './slack-bridge.js';
import { Timeline } from './timeline.js';

export { renderAttachment, renderBlocks, renderMessage } from './render/blocks.js';
export { renderMrkdwn, renderPlainText } from './render/mrkdwn.js';
export { SampleFeed } from './sample-feed/server.js';
export type { PageEntry } from './timeline.js';

export interface PlaygroundOptions {
  config: Config;
  searcher: Searcher;
  /** The bot's version, for /healthz. */
  version: string;
  indexLoadedAt?: Date | (() => Date | undefined);
  /** Serve a local feed of real newer posts instead of reading FEED_URL (`npm run playground:sample`). */
  sampleFeed?: boolean;
  /**
   * Where subscriptions and feed state live. Default: a throwaway SQLite database in a temporary directory, removed
   * on stop, so the playground never mixes its channel and sample posts into a real deployment's data.
   */
  store?: Store;
  log?: Logger;
  /** Where the start-up banner goes (default: stdout). */
  print?: (line: string) => void;
}

export interface Playground {
  /** The page, e.g. `http://127.0.0.1:3000/`. */
  readonly url: string;
  readonly standin: SlackStandin;
  readonly timeline: Timeline;
  readonly sampleFeed?: SampleFeed;
  /** The bot's own start-up work (first feed poll), for callers that want to wait for it. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { config, searcher } = options;
  const log = options.log ?? defaultLog;
  const print = options.print ?? ((line: string) => console.log(line));
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.reverse()) {
      await Promise.resolve()
        .then(step)
        .catch((err: unknown) =>
          log.warn('playground: shutdown step failed', { error: err instanceof Error ? err.message : String(err) }),
        );
    }
    cleanup.length = 0;
  };

  try {
    // The playground's own credentials: the stand-in accepts only this token, the app checks this secret.
    const botToken = `xoxb-playground-${randomBytes(12).toString('hex')}`;
    const signingSecret = randomBytes(32).toString('hex');
    const actor = DEFAULT_ACTOR;

    const standin = await SlackStandin.start({ host: '127.0.0.1', tokens: [botToken] });
    cleanup.push(() => standin.stop());
    standin.addChannel({ id: actor.channelId, name: actor.channelName, kind: 'public', isMember: true });
    standin.addUser({ id: actor.userId, name: actor.userName, realName: 'Alice' });
    // The bot's Messages tab: a DM between the user and the bot.
    standin.addChannel({ id: DM_CHANNEL, name: standin.workspace.bot.name, kind: 'im', isMember: true });

    const sampleFeed = options.sampleFeed ? await SampleFeed.start({ host: '127.0.0.1' }) : undefined;
    if (sampleFeed) cleanup.push(() => sampleFeed.stop());
    const feedUrl = sampleFeed?.url ?? config.feedUrl;
    const digestConfig = { ...config, feedUrl };

    const store = options.store ?? (await openThrowawayStore(cleanup));

    // Before the first poll: a link to an article of the archive, for the page's "paste a link" example.
    const exampleLink = searcher.latest(1)[0]?.url;

    const workspace = standin.workspace;
    const timeline = new Timeline({
      userName: (id) => workspace.users.get(id)?.name ?? (id === workspace.bot.userId ? workspace.bot.name : undefined),
      channelName: (id) => workspace.channels.get(id)?.name,
    });

    // Shown on the page while the feed cannot be read; refreshed after the first poll and after each digest run.
    let feedProblem: string | undefined;
    const checkFeed = async (): Promise<void> => {
      const state = await store.getFeedState(feedUrl);
      feedProblem =
        state && state.consecutiveFailures > 0 ? (state.lastFailureReason ?? 'the last poll failed') : undefined;
    };

    // The page listens first, so that a busy PORT ends start-up before the bot polls or posts anything. The bot,
    // the digest control and the bridge are set right after, before the banner tells anyone where the page is.
    let bridge: SlackBridge | undefined;
    let control: DigestControl | undefined;
    let slack: Bot['slack'] | undefined;
    const info = (): PageInfo => ({
      workspace: workspace.team.name,
      channel: { id: actor.channelId, name: actor.channelName },
      dm: { id: DM_CHANNEL },
      home: { id: HOME_CHANNEL },
      user: { id: actor.userId, name: actor.userName },
      bot: workspace.bot.name,
      command: COMMAND,
      feed: {
        url: feedUrl,
        sample: Boolean(sampleFeed),
        ...(sampleFeed ? { held: sampleFeed.held } : {}),
        ...(feedProblem ? { problem: feedProblem } : {}),
      },
      ...(exampleLink ? { exampleLink } : {}),
    });
    const page = await PageServer.start({
      host: config.host,
      port: config.port,
      timeline,
      actions: {
        send: (text, place) => bridge!.send(text, place),
        click: (entry, action) => bridge!.click(entry, action),
        shortcut: (entry) => bridge!.shortcut(entry),
        openHome: () => bridge!.openHome(),
        viewInput: (action, value) => bridge!.viewInput(action, value),
        runDigest: () => control!.run().finally(checkFeed),
      },
      info,
      slack: (req, res, next) => (slack ? slack.handle(req, res, next) : next()),
      log,
    });
    cleanup.push(() => page.stop());

    // The app is served through the page's server (slack.handle), so it is initialised but never listens itself.
    const bot = await startBot({
      config: digestConfig,
      searcher,
      store,
      version: options.version,
      indexLoadedAt: options.indexLoadedAt,
      log,
      slack: { apiUrl: standin.url, botToken, signingSecret, listen: false },
    });
    cleanup.push(() => bot.stop());
    slack = bot.slack;
    const { scheduler } = bot;
    control = new DigestControl({
      scheduler,
      store,
      timeline,
      workspace: actor.teamId,
      channel: actor.channelId,
      feedUrl,
      command: COMMAND,
      sampleFeed,
    });
    const liveBridge = new SlackBridge({
      standin,
      requests: new SlackRequests(page.url + EVENTS_PATH, signingSecret),
      timeline,
      actor,
      command: COMMAND,
    });
    bridge = liveBridge;
    cleanup.push(() => liveBridge.close());

    const url = `${page.url}/`;
    const nextDigest = bot.digest.nextDigestAt('weekly');
    print(
      [
        '',
        `k8sblog playground: open ${url}`,
        '  The bot runs against a local stand-in for Slack on this machine; no Slack credentials are used:',
        `  type "${COMMAND} kubeadm" on the page, click the buttons, paste a kubernetes.io/zh-cn/blog link.`,
        `  Digests: "${COMMAND} subscribe", then "Run digest now" on the page. On their own they go out at DIGEST_CRON`,
        `  "${config.digestCron}" in DIGEST_TZ; next: ${nextDigest ? formatZoned(nextDigest, config.digestTz) : 'never'}.`,
        sampleFeed
          ? `  The sample feed holds back its ${sampleFeed.held} newest posts; each "Run digest now" first publishes the next ` +
            `${PUBLISH_PER_RUN}, oldest first (${releases(sampleFeed.held, PUBLISH_PER_RUN)}).`
          : `  Digests read ${feedUrl}; offline, run the playground with its sample feed: npm run playground:sample.`,
        '  For real Slack: create the app from manifest.yml (https://api.slack.com/apps → Create New App → From a manifest),',
        '  install it to your workspace, and set in .env or the environment:',
        '    SLACK_BOT_TOKEN=xoxb-…    OAuth & Permissions → Bot User OAuth Token',
        '    SLACK_SIGNING_SECRET=…    Basic Information → App Credentials (HTTP mode: request URL https://<public host>/slack/events)',
        '    SLACK_APP_TOKEN=xapp-…    Basic Information → App-Level Tokens, scope connections:write (Socket Mode: no public URL)',
        '',
      ].join('\n'),
    );
    log.info('playground started', { url, slackEvents: page.url + EVENTS_PATH, standin: standin.url, feedUrl });

    return {
      url,
      standin,
      timeline,
      sampleFeed,
      // Nobody need wait for this (npm start does not), so a failure is logged here rather than left unhandled.
      ready: scheduler.started
        .then(checkFeed)
        .then(() => page.refreshInfo())
        .catch((err: unknown) =>
          log.warn('playground: could not read the feed state after start-up', {
            error: err instanceof Error ? err.message : String(err),
          }),
        ),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** What successive runs publish, e.g. `2, then 1, then none` for 3 held back at 2 per run. */
function releases(held: number, perRun: number): string {
  const runs: number[] = [];
  for (let left = held; left > 0; left -= perRun) runs.push(Math.min(perRun, left));
  return [...runs, 'none'].join(', then ');
}

/** A SQLite store in a new temporary directory; closing it and deleting the directory join the cleanup. */
async function openThrowawayStore(cleanup: Array<() => Promise<unknown> | unknown>): Promise<Store> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-playground-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const store = await openStore({ dataDir: dir });
  cleanup.push(() => store.close());
  return store;
}
