/**
 * Every mistake a newcomer or an admin can make at start-up or on the command line ends in one line that names
 * what to fix, and a non-zero exit; never a stack trace (that is for LOG_LEVEL=debug), never a hang.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { type CliRun, runCli, runNode } from '../support/cli.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

/** The lines a person reads, without the log lines written before the failure. */
function messageLines(run: CliRun): string[] {
  return run.err.split('\n').filter((l) => l.trim() && !/^\d{4}-\d\d-\d\dT[\d:.]+Z (DEBUG|INFO|WARN) /.test(l));
}

function expectOneLine(run: CliRun, code: number, pattern: RegExp): void {
  const lines = messageLines(run);
  expect(lines, run.err).to.have.length(1);
  expect(lines[0]).to.match(pattern);
  expect(run.err).not.to.match(/^\s+at /m);
  expect(run.code, run.err).to.equal(code);
}

/** A command line that cannot be understood: one line saying why, then the usage; exit 2. */
function expectUsage(run: CliRun, pattern: RegExp): void {
  const [first, blank, usage] = messageLines({ ...run, err: run.err.replace(/\n\n/, '\n-\n') });
  expect(first).to.match(pattern);
  expect([blank, usage.startsWith('usage: k8sblog ')]).to.deep.equal(['-', true]);
  expect(run.code).to.equal(2);
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('first contact: one clear line for every mistake (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  let base: NodeJS.ProcessEnv;
  let busy: http.Server;
  let busyPort: number;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-first-contact-'));
    busy = http.createServer((_req, res) => res.end('taken'));
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as net.AddressInfo).port;
    // No credentials, no .env of the developer's, a feed nobody answers: nothing reaches outside this machine.
    base = {
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: '',
      DATABASE_URL: '',
      DATA_DIR: path.join(dir, 'data'),
      FEED_URL: `http://127.0.0.1:${await closedPort()}/feed.xml`,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
  });
  after(async () => {
    busy.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const command of ['start', 'archive', 'build-index', 'poll', 'follows', 'digest', 'import', 'search']) {
    it(`${command} --bogus: names the flag, shows the usage, exits 2`, async () => {
      const run = await runCli([command, '--bogus'], base);
      expect(run.code).to.equal(2);
      expect(run.err.split('\n')[0]).to.equal(`k8sblog ${command}: Unknown option '--bogus'`);
      expect(run.err).to.match(new RegExp(`usage: k8sblog ${command}`));
      expect(run.err).not.to.match(/^\s+at |ERR_PARSE_ARGS/m);
    });
  }

  it('search: --limit 0, --limit=-5 and --offset past the end get plain messages', async () => {
    expectUsage(await runCli(['search', 'kubeadm', '--limit', '0'], base), /--limit must be a whole number.*"0"$/);
    expectUsage(await runCli(['search', 'kubeadm', '--limit', '-5'], base), /--limit needs a value/);
    expectUsage(await runCli(['search', 'kubeadm', '--limit=-5'], base), /--limit must be a whole number.*"-5"$/);
    expectOneLine(
      await runCli(['search', 'kubeadm', '--offset', '999'], base),
      1,
      /^k8sblog search: --offset 999 is past the last of the \d+ results for "kubeadm"$/,
    );
  });

  it('search --batch with a missing file names the file', async () => {
    const missing = path.join(dir, 'no-such-queries.txt');
    expectOneLine(
      await runCli(['search', '--json', '--batch', missing], base),
      1,
      new RegExp(`cannot read --batch file "${missing}": no such file`),
    );
  });

  it('DATA_DIR under a file, or where no folder can be made (/proc), names DATA_DIR and the path; no hang', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    expectOneLine(
      await runCli(['poll'], { ...base, DATA_DIR: path.join(file, 'data') }),
      1,
      /^k8sblog: DATA_DIR=.*a-file\/data cannot be used: .*a-file is a file, not a folder/,
    );
    expectOneLine(
      await runCli(['poll'], { ...base, DATA_DIR: '/proc/k8sblog-data' }, undefined, 60_000),
      1,
      /^k8sblog: DATA_DIR=\/proc\/k8sblog-data cannot be used: cannot create/,
    );
  });

  it('PORT in use: the playground says which port, with no stack', async () => {
    expectOneLine(
      await runCli(['start'], { ...base, PORT: String(busyPort) }),
      1,
      new RegExp(`^k8sblog: PORT=${busyPort} is already in use on 127\\.0\\.0\\.1`),
    );
  });

  it('a HOST that does not resolve, or is not this machine', async () => {
    expectOneLine(
      await runCli(['start'], { ...base, HOST: 'no-such-host.invalid' }),
      1,
      /^k8sblog: HOST=no-such-host\.invalid does not resolve/,
    );
  });

  it('SLACK_BOT_TOKEN alone: says HTTP needs SLACK_SIGNING_SECRET or Socket Mode SLACK_APP_TOKEN', async () => {
    const run = await runCli(['start'], { ...base, SLACK_BOT_TOKEN: 'xoxb-garbage' });
    expectOneLine(run, 1, /^k8sblog: SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is missing: HTTP mode .* Socket Mode/);
  });

  describe('with a Slack stand-in', () => {
    let standin: SlackStandin;
    before(async () => {
      standin = await SlackStandin.start({ tokens: ['xoxb-good'] });
    });
    after(() => standin.stop());
    const slackEnv = (extra: NodeJS.ProcessEnv) => ({
      ...base,
      SLACK_BOT_TOKEN: 'xoxb-good',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: standin.url,
      ...extra,
    });

    it('HTTP mode, PORT in use: names PORT', async () => {
      expectOneLine(
        await runCli(['start'], slackEnv({ PORT: String(busyPort) })),
        1,
        new RegExp(`^k8sblog: PORT=${busyPort} is already in use`),
      );
    });

    it('a token Slack rejects: "rejected the bot token", naming SLACK_BOT_TOKEN', async () => {
      expectOneLine(
        await runCli(['start'], slackEnv({ SLACK_BOT_TOKEN: 'xoxb-revoked' })),
        1,
        /^k8sblog: Slack rejected the bot token \(invalid_auth\): check SLACK_BOT_TOKEN/,
      );
    });

    it('Slack out of reach (refused, unknown host): "could not reach Slack at <url>", never "rejected"', async () => {
      const refused = `http://127.0.0.1:${await closedPort()}/api/`;
      const run = await runCli(['start'], slackEnv({ SLACK_API_URL: refused }));
      expect(messageLines(run).pop()).to.equal(
        `k8sblog: could not reach Slack at ${refused}: connection refused (ECONNREFUSED).`,
      );
      expect(run.code).to.equal(1);
      expect(run.err).not.to.match(/rejected|^\s+at /m);
      const unknown = await runCli(['start'], slackEnv({ SLACK_API_URL: 'http://no-such-slack.invalid/api/' }));
      expect(messageLines(unknown).pop()).to.match(/^k8sblog: could not reach Slack at .*: host name not found/);
      expect(unknown.code).to.equal(1);
    });
  });

  it('search finds what the feed stored, as the bot does (no store: content/ only, no error)', async () => {
    const rows = await loadPostRows();
    const newer = rows.filter((r) => !r.inSeed);
    const feed = await FeedServer.start();
    try {
      feed.setPosts(rows);
      const env = { ...base, DATA_DIR: path.join(dir, 'search-data'), FEED_URL: feed.url };
      const before = await runCli(['search', '--json', newer[0].title], env);
      expect(before.code, before.err).to.equal(0);
      expect((JSON.parse(before.out) as { results: Array<{ url: string }> }).results.map((r) => r.url)).not.to.include(
        newer[0].url,
      );
      expect((await runCli(['poll'], env)).code).to.equal(0);
      const after = await runCli(['search', '--json', newer[0].title], env);
      expect((JSON.parse(after.out) as { results: Array<{ url: string }> }).results[0].url).to.equal(newer[0].url);
    } finally {
      await feed.stop();
    }
  });

  it('an unhandled rejection is logged once with an error id and the process exits non-zero', async () => {
    const run = await runNode([path.join('test', 'cli', 'support', 'crash.ts')], { LOG_LEVEL: 'info' });
    expect(run.code).to.equal(70);
    expect(run.out).not.to.include('still running');
    expect(run.err).to.match(
      /ERROR unhandled promise rejection: nobody caught this; exiting .*"error_id":"E-[A-Z2-9]{8}"/,
    );
    expect(run.err).not.to.match(/^\s+at /m);
  });
});
