/**
 * `k8sblog start`: check the configuration, open the search index and the store, then run the bot — Socket Mode with
 * SLACK_APP_TOKEN, HTTP on PORT otherwise (or as --mode says), with the feed poll and the digests on their schedule.
 * Without Slack credentials it runs the local playground: the same bot, driven from a page that acts as Slack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBot } from '../bot.js';
import { parseCommandArgs } from '../cli/args.js';
import { type Config, PROJECT_ROOT, readConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { startIndexReloader } from '../index-reload.js';
import { log, setLogLevel } from '../log.js';
import { startPlayground } from '../playground/index.js';
import { type OpenedSearch, openSearchEngine } from '../search/open.js';
import { SwappableSearcher } from '../search/swappable.js';
import { openStore } from '../store/open-store.js';

const USAGE = `usage: k8sblog start [--mode http|socket] | --playground [--sample-feed]

  Socket Mode when SLACK_APP_TOKEN is set, HTTP on PORT otherwise; --mode forces one (a Heroku web dyno
  must bind $PORT: --mode http). With no Slack credentials at all, the local playground on http://HOST:PORT/.
  --playground    the local playground even when Slack credentials are set (they are not used)
  --sample-feed   playground only: serve a local feed of real newer posts instead of reading FEED_URL`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('start', USAGE, {
    args,
    options: {
      mode: { type: 'string' },
      playground: { type: 'boolean', default: false },
      'sample-feed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.mode !== undefined && values.mode !== 'http' && values.mode !== 'socket')
    throw new UsageError(`k8sblog start: --mode must be http or socket, got "${values.mode}"`, USAGE);
  if (values.mode !== undefined && values.playground)
    throw new UsageError('k8sblog start: --mode and --playground exclude each other', USAGE);
  const mode = values.playground ? 'playground' : (values.mode as 'http' | 'socket' | undefined);
  const config = readConfig(process.env, { mode });
  setLogLevel(config.logLevel);
  const version = readVersion();
  const search = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, log });
  const loadedAt = new Date();
  if (search.engine.size === 0)
    log.warn(`the archive at ${config.contentDir} is empty: searches will find nothing (run \`npm run import\`)`);

  if (config.slack.mode === 'playground')
    return runPlayground(config, search, version, loadedAt, values['sample-feed']!);
  if (values['sample-feed'])
    log.warn('--sample-feed only applies to the playground (no Slack credentials); reading FEED_URL');
  return runWithSlack(config, search, version, loadedAt);
}

async function runWithSlack(config: Config, search: OpenedSearch, version: string, loadedAt: Date): Promise<number> {
  const store = await openStore(config);
  // Also when start-up fails (Slack rejects the token, the port is taken): an open PostgreSQL pool would keep the
  // process alive after the error was printed.
  try {
    // The index can be replaced while the bot runs (SIGHUP, or a new INDEX_FILE from `k8sblog build-index`).
    const searcher = new SwappableSearcher(search.engine, loadedAt);
    const bot = await startBot({
      config,
      searcher,
      store,
      version,
      indexLoadedAt: () => searcher.indexLoadedAt,
      log,
    });
    const reloader = startIndexReloader({ config, searcher, store, log, builtAt: search.builtAt });
    const onHangup = (): void => void reloader.reload('SIGHUP');
    process.on('SIGHUP', onHangup);
    const where =
      bot.slack.mode === 'socket'
        ? `connected with Socket Mode; /healthz on port ${config.port}`
        : `listening on ${config.host}:${bot.started.port}: Slack request URL path /slack/events, health at /healthz`;
    log.info(`k8sblog ${version}: ${where}`, {
      articles: search.engine.size,
      index: search.source,
      storage: store.kind,
      feed: config.feedUrl,
    });

    await untilSignal();
    log.info('shutting down');
    process.off('SIGHUP', onHangup);
    reloader.stop();
    await bot.stop();
    return 0;
  } finally {
    await store.close();
  }
}

/** No Slack credentials: the playground prints what to set for real Slack, and where its page is. */
async function runPlayground(
  config: Config,
  search: OpenedSearch,
  version: string,
  loadedAt: Date,
  sampleFeed: boolean,
): Promise<number> {
  const playground = await startPlayground({
    config,
    searcher: search.engine,
    version,
    indexLoadedAt: loadedAt,
    sampleFeed,
    log,
  });
  await untilSignal();
  await playground.stop();
  return 0;
}

function readVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ??
      'unknown'
    );
  } catch {
    return 'unknown';
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
