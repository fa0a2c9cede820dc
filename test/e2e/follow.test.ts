/**
 * Follows and filtered subscriptions end to end against `k8sblog start` in a process of its own (Socket Mode, the
 * Slack stand-in and a local feed on loopback): `/k8sblog follow` and `/k8sblog subscribe weekly <query>` through
 * the running bot, the feed publishes, the bot's own poll sends exactly one DM, and neither `k8sblog poll` beside
 * it nor its later polls send another; `k8sblog digest --now` posts only the matching article to the channel.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { type RecordedCall, SlackStandin, SocketRequests } from '../../src/slack-standin/index.js';
import { textsOf } from '../slack/harness.js';
import { freePort, startBotProcess, stopBotProcess } from '../support/bot-process.js';
import { type CliRun, runCli } from '../support/cli.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

const BOT = 'xoxb-e2e-follow';
const APP = 'xapp-1-A0K8SBLOG-e2e-follow';
/** The bot polls every 3 s (node-cron's seconds field), so its own poll finds the post within seconds. */
const POLL_CRON = '*/3 * * * * *';

describe('follows end to end against k8sblog start', function () {
  this.timeout(120_000);
  let dir: string;
  let standin: SlackStandin;
  let feed: FeedServer;
  let rows: PostRow[];
  let env: NodeJS.ProcessEnv;

  const bySlug = (slug: string): PostRow => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`seed/zh-cn-blog-posts.tsv has no post ${slug}`);
    return row;
  };
  const dms = (): RecordedCall[] =>
    standin.callsTo('chat.postMessage').filter((c) => c.answer.ok && String(c.args.channel).startsWith('D'));
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { ...env, LOG_LEVEL: 'warn' });
  /** Resolves once the feed has been read `n` more times (each read is one poll of the bot's, or of the CLI). */
  async function feedReads(n: number, timeoutMs = 30_000): Promise<void> {
    const target = feed.requests.length + n;
    const until = Date.now() + timeoutMs;
    while (feed.requests.length < target) {
      if (Date.now() > until) throw new Error(`the feed was read ${feed.requests.length} times, not ${target}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  before(async () => {
    rows = await loadPostRows();
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-e2e-follow-'));
    standin = await SlackStandin.start({ tokens: [BOT], appTokens: [APP] });
    feed = await FeedServer.start();
    env = {
      SLACK_BOT_TOKEN: BOT,
      SLACK_API_URL: standin.url,
      SLACK_APP_TOKEN: APP,
      SLACK_SIGNING_SECRET: '',
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      FEED_URL: feed.url,
      INDEX_FILE: path.join(dir, 'index.bin'),
      POLL_CRON,
      DIGEST_TZ: 'Asia/Shanghai',
    };
  });
  after(async () => {
    await standin?.stop();
    await feed?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('/k8sblog follow kubeadm, the feed publishes, one DM from the bot’s own poll; digest --now keeps to the filter', async () => {
    const kubeadm = bySlug('kubernetes-1-31-kubeadm-v1beta4');
    const storage = bySlug('sig-storage-spotlight-2026');
    feed.setPosts(rows.filter((r) => r !== kubeadm && r !== storage));
    const baseline = await cli(['poll']);
    expect(baseline.code, baseline.err).to.equal(0);
    expect(baseline.out).to.match(/^first poll of .*: 50 items marked as seen/);

    const bot = await startBotProcess(env, await freePort());
    try {
      await standin.socketMode.waitForLinks(1, 30_000);
      const requests = new SocketRequests(standin.socketMode);
      const followUrl = standin.responseUrl('follow');
      await requests.command({ text: 'follow kubeadm', responseUrl: followUrl });
      const followed = await standin.waitForResponse(followUrl, 1, 30_000);
      expect(followed.body).to.include({ response_type: 'ephemeral' });
      expect(textsOf(followed.body as Record<string, unknown>).join('\n')).to.include('kubeadm');

      const subscribeUrl = standin.responseUrl('subscribe');
      await requests.command({
        text: 'subscribe weekly kubeadm',
        responseUrl: subscribeUrl,
        channelId: 'C0KUBEADM',
        channelName: 'kubeadm',
      });
      const subscribed = await standin.waitForResponse(subscribeUrl, 1, 30_000);
      expect(textsOf(subscribed.body as Record<string, unknown>).join('\n')).to.include('kubeadm');
      expect(dms(), 'following sends no DM by itself').to.have.length(0);

      feed.setPosts(rows);
      const dm = await standin.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0ALICE', 30_000);
      expect(dm.answer.ok).to.equal(true);
      const blocks = JSON.stringify(dm.args.blocks);
      expect(blocks).to.include(kubeadm.url).and.include('`kubeadm`').and.not.include(storage.url);

      // `k8sblog poll` beside the running bot: it may meet the bot's poll under way, which it says in one line.
      let beside = await cli(['poll']);
      for (let i = 0; i < 5 && /another instance is polling/.test(beside.err); i++) beside = await cli(['poll']);
      expect(beside.code, beside.err).to.equal(0);
      expect(beside.out).to.match(/^alerts: (0 DMs sent|not sent: another instance is sending alerts right now)$/m);

      // Three more polls of the bot's: the alerts after at least two of them have finished.
      await feedReads(3);
      expect(dms(), 'exactly one DM to the follower').to.have.length(1);

      const digest = await cli(['digest', '--now']);
      expect(digest.code, digest.err).to.equal(0);
      expect(digest.out).to.match(/^C0KUBEADM \d{4}-W\d{2}: posted ts=/m);
      const channelPosts = standin
        .callsTo('chat.postMessage')
        .filter((c) => c.answer.ok && c.args.channel === 'C0KUBEADM');
      expect(channelPosts).to.have.length(1);
      const digestBlocks = JSON.stringify(channelPosts[0].args.blocks);
      expect(digestBlocks).to.include(kubeadm.url).and.not.include(storage.url);
    } finally {
      expect(await stopBotProcess(bot.child), bot.log()).to.equal(0);
    }
  });
});
