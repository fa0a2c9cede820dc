/**
 * The follow features through the CLI, a process per command as an operator runs them: `k8sblog poll` sends the
 * alerts for what it found (or says in one line why it did not), `k8sblog follows --dry-run` only shows them, and
 * `k8sblog digest --dry-run | --now` keep a filtered subscription to the articles it matches.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { type RecordedCall, SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import { type CliRun, runCli } from '../support/cli.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';

const BOT = 'xoxb-follow-cli';
const WS = 'T0STANDIN';
/** A post newer than content/ whose title names kubeadm: a follow of `kubeadm` matches it. */
const KUBEADM_SLUG = 'kubernetes-1-31-kubeadm-v1beta4';
/** A post newer than content/ that has nothing to do with kubeadm or the scheduler. */
const OTHER_SLUG = 'sig-storage-spotlight-2026';

describe('follows through the CLI (poll, follows --dry-run, filtered digest)', function () {
  this.timeout(180_000);
  let rows: PostRow[];
  let kubeadmPost: PostRow;
  let otherPost: PostRow;
  let feed: FeedServer;
  let slack: SlackStandin;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const withSlack = (): NodeJS.ProcessEnv => ({ ...env, SLACK_BOT_TOKEN: BOT, SLACK_API_URL: slack.url });
  const cli = (args: string[], extra: NodeJS.ProcessEnv = env): Promise<CliRun> => runCli(args, extra);
  const posts = (): RecordedCall[] => slack.callsTo('chat.postMessage');
  const dms = (): RecordedCall[] => posts().filter((c) => c.answer.ok && String(c.args.channel).startsWith('D'));

  async function withStore<T>(job: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
    const store = await openStore({ dataDir: env.DATA_DIR as string });
    try {
      return await job(store);
    } finally {
      await store.close();
    }
  }

  /** The feed without the two new posts, polled once: everything in it is seen, nothing announced. */
  async function baseline(): Promise<void> {
    feed.setPosts(rows.filter((r) => r !== kubeadmPost && r !== otherPost));
    const first = await cli(['poll']);
    expect(first.code, first.err).to.equal(0);
    expect(first.out).to.match(/^first poll of .*: 50 items marked as seen/);
    expect(first.out, 'nobody follows anything: no alerts line').to.not.include('alerts:');
  }

  before(async () => {
    rows = await loadPostRows();
    const bySlug = (slug: string) => {
      const row = rows.find((r) => r.slug === slug);
      if (!row) throw new Error(`seed/zh-cn-blog-posts.tsv has no post ${slug}`);
      return row;
    };
    kubeadmPost = bySlug(KUBEADM_SLUG);
    otherPost = bySlug(OTHER_SLUG);
    feed = await FeedServer.start();
  });

  beforeEach(async () => {
    slack = await SlackStandin.start({ tokens: [BOT] });
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-follow-cli-'));
    // No credentials and no .env of the developer's: Slack is the stand-in only where a test says so.
    env = {
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: '',
      DATABASE_URL: '',
      DATA_DIR: path.join(dir, 'data'),
      INDEX_FILE: path.join(dir, 'index.bin'),
      FEED_URL: feed.url,
      DIGEST_TZ: 'Asia/Shanghai',
      LOG_LEVEL: 'warn',
    };
  });

  afterEach(async () => {
    await slack.stop();
    await rm(dir, { recursive: true, force: true });
  });

  after(async () => {
    await feed?.stop();
  });

  it('poll without SLACK_BOT_TOKEN says in one line why no alert went out; follows --dry-run shows them; poll with it sends one DM, once', async () => {
    await baseline();
    await withStore(async (store) => {
      const now = new Date().toISOString();
      await store.addFollow({ workspace: WS, user: 'U0ALICE', query: 'kubeadm', now });
      await store.addFollow({ workspace: WS, user: 'U0BOB', query: '调度器', now });
    });
    feed.setPosts(rows);

    const tokenless = await cli(['poll']);
    expect(tokenless.code, tokenless.err).to.equal(0);
    expect(tokenless.out).to.include('50 items, 2 new').and.include(kubeadmPost.title);
    const alertLines = tokenless.out.split('\n').filter((l) => l.startsWith('alerts:'));
    expect(alertLines).to.deep.equal([
      'alerts: not sent: SLACK_BOT_TOKEN is not set (the running bot sends them after its next poll)',
    ]);
    expect(slack.calls, 'no token: Slack is not called at all').to.have.length(0);

    const dry = await cli(['follows', '--dry-run'], withSlack());
    expect(dry.code, dry.err).to.equal(0);
    expect(dry.out).to.include('2 active follows of 2 people; 1 would get a DM now');
    expect(dry.out).to.include(`${WS}/U0ALICE: 1 article`).and.include(kubeadmPost.url).and.include('[kubeadm]');
    expect(dry.out, 'the new posts say nothing of the scheduler').to.not.include('U0BOB');
    expect(dry.out).to.not.include(otherPost.url);
    const json = await cli(['follows', '--dry-run', '--json'], withSlack());
    expect(json.code, json.err).to.equal(0);
    const preview = JSON.parse(json.out) as Array<{
      user: string;
      articles: Array<{ title: string; follows: string[] }>;
    }>;
    expect(preview.map((p) => [p.user, p.articles.map((a) => [a.title, a.follows])])).to.deep.equal([
      ['U0ALICE', [[kubeadmPost.title, ['kubeadm']]]],
    ]);
    expect(posts(), 'a dry run sends nothing').to.have.length(0);
    expect(slack.callsTo('conversations.open'), 'a dry run opens no DM').to.have.length(0);

    const sending = await cli(['poll'], withSlack());
    expect(sending.code, sending.err).to.equal(0);
    expect(sending.out).to.include('not modified since the last poll');
    expect(sending.out).to.match(/^alerts: 1 DM sent$/m);
    expect(dms()).to.have.length(1);
    expect(slack.callsTo('conversations.open')[0].args.users).to.equal('U0ALICE');
    const blocks = JSON.stringify(dms()[0].args.blocks);
    expect(blocks).to.include(kubeadmPost.url).and.include('`kubeadm`');
    expect(blocks).to.not.include(otherPost.url);

    const again = await cli(['poll'], withSlack());
    expect(again.code, again.err).to.equal(0);
    expect(again.out).to.match(/^alerts: 0 DMs sent$/m);
    expect(dms(), 'the second poll sends nothing more').to.have.length(1);
    const after = await cli(['follows', '--dry-run'], withSlack());
    expect(after.out).to.include('0 would get a DM now');
  });

  it('poll with a token Slack refuses: one line naming SLACK_BOT_TOKEN, exit 1; a later poll sends the alert even when the feed fails', async () => {
    await baseline();
    await withStore((store) =>
      store.addFollow({ workspace: WS, user: 'U0ALICE', query: 'kubeadm', now: new Date().toISOString() }),
    );
    feed.setPosts(rows);

    const refused = await cli(['poll'], { ...withSlack(), SLACK_BOT_TOKEN: 'xoxb-not-this-one' });
    expect(refused.code, refused.err).to.equal(1);
    expect(refused.out).to.include('50 items, 2 new');
    const said = refused.err.split('\n').filter((l) => l.trim() && !/^\d{4}-\d\d-\d\dT\S+Z [A-Z]+ /.test(l));
    expect(said).to.deep.equal([
      `alerts: not sent: Slack refused SLACK_BOT_TOKEN (invalid_auth): check the token and its scopes (chat:write, im:write) (SLACK_API_URL=${slack.url})`,
    ]);
    expect(dms()).to.have.length(0);

    // The feed is down now; the article the last poll stored is still the follower's, and this run sends it.
    feed.mode = 'error-500';
    try {
      const failing = await cli(['poll'], withSlack());
      expect(failing.code, 'the poll failed').to.equal(1);
      expect(failing.err).to.match(/poll failed \(1 in a row\): HTTP 500/);
      expect(failing.out).to.match(/^alerts: 1 DM sent$/m);
    } finally {
      feed.mode = 'ok';
    }
    expect(dms()).to.have.length(1);
    expect(JSON.stringify(dms()[0].args.blocks)).to.include(kubeadmPost.url);
  });

  it('digest --dry-run and --now with `subscribe weekly kubeadm`: only the matching article; a channel none match gets nothing', async () => {
    await baseline();
    await withStore(async (store) => {
      const now = new Date().toISOString();
      const sub = { workspace: WS, cadence: 'weekly' as const, by: 'U0ALICE', now };
      await store.subscribe({ ...sub, channel: 'C0KUBEADM', filter: 'kubeadm' });
      await store.subscribe({ ...sub, channel: 'C0SCHED', filter: '调度器' });
      await store.subscribe({ ...sub, channel: 'C0ALL' });
    });
    feed.setPosts(rows);
    const polled = await cli(['poll']);
    expect(polled.out).to.include('50 items, 2 new');

    const dry = await cli(['digest', '--dry-run']);
    expect(dry.code, dry.err).to.equal(0);
    const preview = JSON.parse(dry.out) as Array<{ channel: string; articles: number; message: { blocks: unknown } }>;
    const byChannel = new Map(preview.map((p) => [p.channel, p]));
    expect([...byChannel.keys()].sort()).to.deep.equal(['C0ALL', 'C0KUBEADM']);
    expect(byChannel.get('C0ALL')?.articles).to.equal(2);
    expect(byChannel.get('C0KUBEADM')?.articles).to.equal(1);
    const filtered = JSON.stringify(byChannel.get('C0KUBEADM')?.message.blocks);
    expect(filtered).to.include(kubeadmPost.url).and.not.include(otherPost.url);
    expect(dry.err).to.include('C0SCHED: nothing new since its last digest');
    expect(posts(), 'a dry run posts nothing').to.have.length(0);

    const now = await cli(['digest', '--now'], withSlack());
    expect(now.code, now.err).to.equal(0);
    expect(now.out).to.match(/^C0KUBEADM \d{4}-W\d{2}: posted ts=/m);
    expect(now.out).to.match(/^C0ALL \d{4}-W\d{2}: posted ts=/m);
    const toChannel = (channel: string) => posts().filter((c) => c.answer.ok && c.args.channel === channel);
    expect(toChannel('C0KUBEADM')).to.have.length(1);
    const sent = JSON.stringify(toChannel('C0KUBEADM')[0].args.blocks);
    expect(sent).to.include(kubeadmPost.url).and.not.include(otherPost.url);
    expect(toChannel('C0SCHED'), 'nothing matched: nothing posted').to.have.length(0);
    expect(toChannel('C0ALL')).to.have.length(1);

    const again = await cli(['digest', '--now'], withSlack());
    expect(again.code, again.err).to.equal(0);
    expect(posts(), 'the period is delivered; nothing twice').to.have.length(2);
  });
});
