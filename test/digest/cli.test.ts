/** `k8sblog poll` and `k8sblog digest --dry-run | --now`, run as the CLI runs: a process per command. */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

/** tsx's loader by absolute URL: the CLI runs with its cwd outside the project, where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('k8sblog poll / digest (CLI)', function () {
  this.timeout(30_000);
  let rows: PostRow[];
  let feed: FeedServer;
  let slack: SlackStandin;
  let dataDir: string;
  let contentDir: string;

  function cli(...args: string[]): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
      FEED_URL: feed.url,
      LOG_LEVEL: 'warn',
      DIGEST_TZ: 'Asia/Shanghai',
    };
    if (args[0] === 'digest' && args.includes('--now'))
      Object.assign(env, {
        SLACK_BOT_TOKEN: 'xoxb-cli-test',
        SLACK_SIGNING_SECRET: 'cli-test',
        SLACK_API_URL: slack.url,
      });
    // cwd is the data directory so that no .env of the developer's leaks in; tsx is found from here instead.
    const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(PROJECT_ROOT, 'src/cli.ts'), ...args], {
      env,
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  }

  before(async () => {
    rows = await loadPostRows();
    feed = await FeedServer.start();
    slack = await SlackStandin.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'k8sblog-cli-'));
    contentDir = mkdtempSync(path.join(os.tmpdir(), 'k8sblog-cli-content-'));
  });

  after(async () => {
    await feed?.stop();
    await slack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('polls, previews and posts a digest, once', async () => {
    feed.setPosts(rows.slice(1));
    const first = await cli('poll');
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^first poll of .*: 50 items marked as seen \(none will be announced\)/);

    const store = await openStore({ dataDir });
    await store.subscribe({
      workspace: 'T0STANDIN',
      channel: 'C0CLI',
      cadence: 'weekly',
      by: 'U0ALICE',
      now: new Date().toISOString(),
    });
    await store.close();

    feed.setPosts(rows);
    const second = await cli('poll');
    expect(second.stdout).to.include('50 items, 1 new').and.include(rows[0].title).and.include(rows[0].url);

    const dry = await cli('digest', '--dry-run', '--channel', 'C0CLI');
    expect(dry.code, dry.stderr).to.equal(0);
    const preview = JSON.parse(dry.stdout) as Array<{
      channel: string;
      articles: number;
      message: { blocks: unknown[] };
    }>;
    expect(preview).to.have.length(1);
    expect(preview[0]).to.include({ channel: 'C0CLI', articles: 1 });
    expect(JSON.stringify(preview[0].message.blocks)).to.include(rows[0].url);
    expect(slack.callsTo('chat.postMessage'), 'a dry run posts nothing').to.have.length(0);

    const now = await cli('digest', '--now');
    expect(now.code, now.stderr).to.equal(0);
    expect(now.stdout).to.match(/^C0CLI \d{4}-W\d{2}: posted ts=\d+\.\d{6}$/m);
    const again = await cli('digest', '--now');
    expect(again.stdout).to.match(/^C0CLI \d{4}-W\d{2}: already-delivered/m);
    expect(slack.callsTo('chat.postMessage')).to.have.length(1);

    const unknown = await cli('digest', '--dry-run', '--channel', 'C0NOPE');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('channel C0NOPE has no active subscription');
    expect((await cli('digest')).code, 'neither --dry-run nor --now').to.equal(2);
  });
});
