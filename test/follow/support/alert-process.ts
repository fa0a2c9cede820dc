/**
 * One instance's alert run in a process of its own, for tests that kill it or run two at once: the search index is
 * content/ plus the feed articles in the store (as the bot has it), then runAlerts against the database and Slack API
 * it is given. STOP_AT=claimed|posted prints `STEP <step>` there and waits to be killed; `REPORT <json>` at the end.
 * Environment: STORE (JSON StoreLocation), SLACK_API_URL, START_AT (epoch ms to wait for). Runs only when
 * ALERT_PROCESS=1.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config.js';
import { restoreFeedArticles } from '../../../src/feed/poller.js';
import { runAlerts } from '../../../src/follow/alerts.js';
import { FollowMatcher } from '../../../src/follow/match.js';
import { openSearchEngine } from '../../../src/search/open.js';
import { createSlackAlertPoster } from '../../../src/slack/alert-poster.js';
import { openStore } from '../../../src/store/open-store.js';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const quiet = { info() {}, warn() {}, error: (m: string, f?: unknown) => console.error(m, f), debug() {} };
  const store = await openStore(JSON.parse(env.STORE ?? '{}'));
  const { engine } = await openSearchEngine({
    contentDir: path.join(PROJECT_ROOT, 'content'),
    indexFile: path.join(PROJECT_ROOT, 'dist', 'search-index.bin'),
    save: false,
  });
  await restoreFeedArticles(store, engine, quiet);
  const poster = createSlackAlertPoster({ token: 'xoxb-test-alerts', apiUrl: env.SLACK_API_URL ?? '', log: quiet });
  if (env.START_AT) await new Promise((r) => setTimeout(r, Math.max(0, Number(env.START_AT) - Date.now())));
  const report = await runAlerts({
    store,
    poster,
    matcher: new FollowMatcher(engine),
    instanceId: `test-alerts-${process.pid}`,
    log: quiet,
    paceMs: 0,
    onStep: async (step) => {
      if (step !== env.STOP_AT) return;
      process.stdout.write(`STEP ${step}\n`);
      setInterval(() => undefined, 60_000);
      await new Promise(() => undefined);
    },
  });
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  await store.close();
}

if (process.env.ALERT_PROCESS === '1') {
  main(process.env).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
