/**
 * The running bot sends alerts after its own polls (startBot, as `k8sblog start` wires it): a post the feed
 * publishes reaches its follower as one DM right after the poll that found it, and articles that `k8sblog poll`
 * stored beside the bot (without a token, so it sent nothing) go out after the bot's next poll. On both databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { type Bot, startBot } from '../../src/bot.js';
import { readConfig } from '../../src/config.js';
import { SearchEngine } from '../../src/search/engine.js';
import { type RecordedCall, SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, DATABASE_KINDS, requireDatabase, type TestDatabase } from '../store/databases.js';
import { runCli } from '../support/cli.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';
import { contentArticles, quiet } from './support.js';

const BOT = 'xoxb-follow-scheduler';
const SECRET = 'follow-scheduler-secret';
const WS = 'T0STANDIN';

for (const kind of DATABASE_KINDS) {
  describe(`the running bot's poll sends alerts (${kind})`, function () {
    this.timeout(120_000);
    let rows: PostRow[];
    let feed: FeedServer;
    let slack: SlackStandin;
    let db: TestDatabase;
    let store: Store;
    let dir: string;
    let bot: Bot | undefined;

    const dmsTo = (user: string): RecordedCall[] =>
      slack.callsTo('chat.postMessage').filter((c) => c.answer.ok && c.args.channel === `D${user.slice(1)}`);
    const row = (slug: string): PostRow => {
      const found = rows.find((r) => r.slug === slug);
      if (!found) throw new Error(`seed/zh-cn-blog-posts.tsv has no post ${slug}`);
      return found;
    };

    before(async () => {
      rows = await loadPostRows();
    });

    beforeEach(async function () {
      requireDatabase(this, kind);
      db = await createDatabase(kind);
      store = await openStore(db.location);
      feed = await FeedServer.start();
      slack = await SlackStandin.start({ tokens: [BOT] });
      dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-follow-scheduler-'));
    });

    afterEach(async () => {
      await bot?.stop();
      bot = undefined;
      await store?.close();
      await feed?.stop();
      await slack?.stop();
      await db?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('pollNow after the feed publishes a followed post: one DM within seconds; the next pollNow sends nothing; what `k8sblog poll` stored beside it goes out at the next poll', async () => {
      const kubeadm = row('kubernetes-1-31-kubeadm-v1beta4');
      const storage = row('sig-storage-spotlight-2026');
      feed.setPosts(rows.filter((r) => r !== kubeadm && r !== storage));
      const env = { FEED_URL: feed.url, SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url };
      const config = readConfig({ ...env, ...db.env, DIGEST_TZ: 'Asia/Shanghai' });
      bot = await startBot({
        config,
        searcher: SearchEngine.build(await contentArticles()),
        store,
        version: 'test',
        log: quiet,
        slack: { apiUrl: slack.url, botToken: BOT, signingSecret: SECRET, listen: false },
      });
      await bot.scheduler.started;
      expect(feed.requests, 'the start-up poll read the feed (the baseline)').to.have.length(1);

      const now = new Date().toISOString();
      await store.addFollow({ workspace: WS, user: 'U0ALICE', query: 'kubeadm', now });
      await store.addFollow({ workspace: WS, user: 'U0BOB', query: 'SIG Storage', now });
      feed.setPosts(rows.filter((r) => r !== storage));

      const started = Date.now();
      const polled = await bot.scheduler.pollNow();
      expect(polled?.status).to.equal('updated');
      expect(Date.now() - started, 'the DM goes out with the poll, not at a later tick').to.be.below(20_000);
      expect(dmsTo('U0ALICE')).to.have.length(1);
      expect(JSON.stringify(dmsTo('U0ALICE')[0].args.blocks)).to.include(kubeadm.url);
      expect(dmsTo('U0BOB'), 'nothing Bob follows was published').to.have.length(0);

      await bot.scheduler.pollNow({ force: true });
      expect(slack.callsTo('chat.postMessage'), 'the second poll sends nothing').to.have.length(1);

      // `k8sblog poll` beside the running bot, without a token: it stores the post and says the bot will send it.
      feed.setPosts(rows);
      const cli = await runCli(['poll'], {
        ...db.env,
        FEED_URL: feed.url,
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: '',
        INDEX_FILE: path.join(dir, 'index.bin'),
        LOG_LEVEL: 'warn',
      });
      expect(cli.code, cli.err).to.equal(0);
      expect(cli.out).to.include('1 new').and.include('alerts: not sent: SLACK_BOT_TOKEN is not set');
      expect(dmsTo('U0BOB')).to.have.length(0);

      const next = await bot.scheduler.pollNow();
      expect(next?.status, 'the feed did not change since the CLI read it').to.equal('not-modified');
      expect(dmsTo('U0BOB'), 'stored by another process, sent by the bot').to.have.length(1);
      expect(JSON.stringify(dmsTo('U0BOB')[0].args.blocks)).to.include(storage.url);
      expect(dmsTo('U0ALICE')).to.have.length(1);
      await bot.scheduler.pollNow();
      expect(slack.callsTo('chat.postMessage')).to.have.length(2);
    });
  });
}
