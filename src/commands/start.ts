/**
 * `k8sblog start`: read and check the configuration, open the search engine, and run the Slack app — Socket Mode
 * with SLACK_APP_TOKEN, HTTP on PORT otherwise. Without Slack credentials it says exactly what is missing and runs the
 * bot locally instead (runWithoutSlack), so a fresh clone still does something useful.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, readConfig, type Config } from '../config.js';
import { log, setLogLevel } from '../log.js';
import { openSearchEngine, type OpenedSearch } from '../search/open.js';
import { createSlackApp } from '../slack/index.js';
import { startLocalConsole } from '../slack-standin/console.js';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: k8sblog start\n\nSocket Mode when SLACK_APP_TOKEN is set, HTTP on PORT otherwise; with no Slack credentials, a local console.');
    return 0;
  }
  const config = readConfig();
  setLogLevel(config.logLevel);
  const version = readVersion();
  const search = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, log });
  const loadedAt = new Date();
  if (search.engine.size === 0) log.warn(`the archive at ${config.contentDir} is empty: searches will find nothing (run \`npm run import\`)`);

  if (config.slack.mode === 'playground') return runWithoutSlack(config, search, version, loadedAt);

  const slack = createSlackApp({ config, searcher: search.engine, version, indexLoadedAt: loadedAt, log });
  const started = await slack.start();
  if (slack.mode === 'socket') {
    log.info(`k8sblog ${version}: connected to Slack with Socket Mode; /healthz on port ${config.port}`, { articles: search.engine.size });
  } else {
    log.info(`k8sblog ${version}: listening on ${config.host}:${started.port} — Slack request URL path /slack/events, health at /healthz`, { articles: search.engine.size });
  }
  await untilSignal();
  log.info('shutting down');
  await slack.stop();
  return 0;
}

/**
 * No Slack credentials: name what is missing and how to get it, then run the real app locally against a Slack
 * stand-in with a console that sends what you type as `/k8sblog` commands. (The local playground page replaces this.)
 */
export async function runWithoutSlack(config: Config, search: OpenedSearch, version: string, loadedAt: Date): Promise<number> {
  console.log(
    [
      'No Slack credentials are configured, so k8sblog runs locally instead of in a Slack workspace.',
      'To connect it to Slack, create the app from manifest.yml (https://api.slack.com/apps → Create New App → From a manifest),',
      'install it to your workspace, then set in .env or the environment:',
      '  SLACK_BOT_TOKEN       xoxb-…  OAuth & Permissions → Bot User OAuth Token',
      '  SLACK_SIGNING_SECRET          Basic Information → App Credentials → Signing Secret (HTTP mode)',
      '  SLACK_APP_TOKEN       xapp-…  Basic Information → App-Level Tokens, scope connections:write (Socket Mode, instead of a public URL)',
      '',
    ].join('\n'),
  );
  const local = await startLocalConsole({
    createApp: ({ botToken, signingSecret, apiUrl }) =>
      createSlackApp({
        config: { ...config, slack: { ...config.slack, apiUrl, mode: 'http' } },
        mode: 'http',
        botToken,
        signingSecret,
        searcher: search.engine,
        version,
        indexLoadedAt: loadedAt,
        log,
      }),
  });
  console.log(
    [
      `Local bot: ${local.appUrl}/slack/events (signed requests only), health at ${local.appUrl}/healthz; Slack stand-in at ${local.standinUrl}`,
      `${search.engine.size} articles. Type what you would type after /k8sblog — e.g. 调度器, kubeadm, latest 3, help;`,
      'then more / prev / share N for the buttons of the last answer. Ctrl-D or Ctrl-C quits.',
    ].join('\n'),
  );
  await Promise.race([local.closed, untilSignal()]);
  await local.close();
  return 0;
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
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
