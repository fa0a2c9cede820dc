/**
 * One instance of the bot's digest work in a process of its own, for tests that kill it or run two at once:
 * optionally polls the feed, then runs the digests (recovery first) against the database and Slack API it is
 * given. With STOP_AT=claimed|posted it prints `STEP <step>` when it reaches that point and then waits there, so
 * the test can SIGKILL it at an exact place. Prints `REPORT <json>` when it finishes.
 *
 * Environment: STORE (JSON StoreLocation), SLACK_API_URL, FEED_URL (with ACTION=poll+digest), AT (ISO instant of
 * the run), DIGEST_TZ, STOP_AT, START_AT (epoch ms to wait for, so that two processes start together).
 * It runs only when DIGEST_PROCESS=1, so that a test runner loading every file under test/ gets a harmless module.
 */
import { runDigests } from '../../../src/digest/delivery.js';
import { pollFeed } from '../../../src/feed/poller.js';
import { createSlackDigestPoster } from '../../../src/slack/digest-poster.js';
import { openStore } from '../../../src/store/open-store.js';

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const quiet = { info() {}, warn() {}, error: (m: string, f?: unknown) => console.error(m, f), debug() {} };
  const store = await openStore(JSON.parse(env.STORE ?? '{}'));
  const poster = createSlackDigestPoster({ token: 'xoxb-test-digest', apiUrl: env.SLACK_API_URL ?? '', log: quiet });
  const at = env.AT ? new Date(env.AT) : new Date();

  if (env.START_AT) await new Promise((r) => setTimeout(r, Math.max(0, Number(env.START_AT) - Date.now())));
  if (env.ACTION === 'poll+digest') await pollFeed({ store, feedUrl: env.FEED_URL ?? '', log: quiet, now: () => at });

  const report = await runDigests(
    {
      store,
      poster,
      timeZone: env.DIGEST_TZ ?? 'Asia/Shanghai',
      instanceId: `test-child-${process.pid}`,
      log: quiet,
      onStep: async (step) => {
        if (step !== env.STOP_AT) return;
        process.stdout.write(`STEP ${step}\n`);
        // Stay here until killed.
        setInterval(() => undefined, 60_000);
        await new Promise(() => undefined);
      },
    },
    { at },
  );
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
  await store.close();
}

if (process.env.DIGEST_PROCESS === '1') {
  main(process.env).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
