/**
 * The digest's promise, tested end to end: a local Hugo-shaped feed, the store on SQLite and on PostgreSQL, the
 * Slack Web API stand-in, and real processes that are restarted or killed with SIGKILL at exact points.
 */
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { type DigestRunReport, runDigests } from '../../src/digest/delivery.js';
import { deliveryMarker } from '../../src/digest/port.js';
import { startDigestScheduler } from '../../src/digest/schedule.js';
import { pollFeed } from '../../src/feed/poller.js';
import { createSlackDigestPoster, DIGEST_EVENT_TYPE } from '../../src/slack/digest-poster.js';
import { type RecordedCall, SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, DATABASE_KINDS, requireDatabase, type TestDatabase } from '../store/databases.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';
import { killAt, runDigestProcess, startDigestProcess } from './support/child.js';

const TZ = 'Asia/Shanghai';
/** Monday 09:00 in Shanghai: the default digest time, in ISO week 2026-W32. */
const WEEK1 = new Date('2026-08-03T01:00:00Z');
const WEEK2 = new Date('2026-08-10T01:00:00Z');
const WEEK3 = new Date('2026-08-17T01:00:00Z');
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/** Six-field cron expressions for one instant in a time zone: every day at that second, and that weekday only. */
function cronAt(instant: Date, timeZone: string): { daily: string; weekly: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const daily = `${Number(parts.second)} ${Number(parts.minute)} ${Number(parts.hour)} * * *`;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { daily, weekly: daily.replace(/\*$/, String(weekday)) };
}

for (const kind of DATABASE_KINDS) {
  describe(`digest exactly once (${kind})`, function () {
    this.timeout(30_000);
    let rows: PostRow[];
    let feed: FeedServer;
    let slack: SlackStandin;
    let db: TestDatabase;
    let store: Store | undefined;

    const posts = (channel?: string): RecordedCall[] =>
      slack.callsTo('chat.postMessage').filter((c) => c.answer.ok && (!channel || c.args.channel === channel));
    const childEnv = (at: Date, extra: Record<string, string> = {}) => ({
      STORE: JSON.stringify(db.location),
      SLACK_API_URL: slack.url,
      FEED_URL: feed.url,
      DIGEST_TZ: TZ,
      AT: at.toISOString(),
      ...extra,
    });
    const open = async () => (store = await openStore(db.location));
    const close = async () => {
      await store?.close();
      store = undefined;
    };
    const runHere = (at: Date): Promise<DigestRunReport> =>
      runDigests(
        {
          store: store!,
          poster: createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
          timeZone: TZ,
          instanceId: 'test-main',
          log: quiet,
        },
        { at },
      );
    const pollHere = (at: Date) => pollFeed({ store: store!, feedUrl: feed.url, now: () => at, log: quiet });

    /** A subscribed channel, the first poll done, and then one new post on the blog, polled. */
    async function oneNewPostWaiting(channels = ['C0DIGEST']): Promise<void> {
      await open();
      for (const channel of channels)
        await store!.subscribe({
          workspace: 'T0STANDIN',
          channel,
          cadence: 'weekly',
          by: 'U0ALICE',
          now: WEEK1.toISOString(),
        });
      feed.setPosts(rows.slice(1));
      expect((await pollHere(WEEK1)).status).to.equal('baseline');
      feed.setPosts(rows);
      const polled = await pollHere(WEEK1);
      expect(polled.status === 'updated' && polled.announced.map((a) => a.article.url)).to.deep.equal([rows[0].url]);
      await close();
    }

    before(async () => {
      rows = await loadPostRows();
    });

    beforeEach(async function () {
      requireDatabase(this, kind);
      feed = await FeedServer.start();
      slack = await SlackStandin.start();
      db = await createDatabase(kind);
    });

    afterEach(async () => {
      await close();
      await feed?.stop();
      await slack?.stop();
      await db?.drop();
    });

    it('first poll posts nothing; a new post appears in the next digest once; a restarted process posts nothing again', async () => {
      await open();
      await store!.subscribe({
        workspace: 'T0STANDIN',
        channel: 'C0DIGEST',
        cadence: 'weekly',
        by: 'U0ALICE',
        now: WEEK1.toISOString(),
      });
      feed.setPosts(rows.slice(2));
      await pollHere(WEEK1);
      const first = await runHere(WEEK1);
      expect(first.channels.map((c) => c.result.outcome)).to.deep.equal(['nothing-new']);
      expect(posts(), 'the first poll floods nobody').to.have.length(0);

      feed.setPosts(rows.slice(1));
      await pollHere(WEEK1);
      const second = await runHere(WEEK1);
      expect(second.channels[0].result.outcome).to.equal('posted');
      expect(posts()).to.have.length(1);
      const call = posts()[0];
      expect(call.args.channel).to.equal('C0DIGEST');
      expect(String(call.args.unfurl_links)).to.equal('false');
      expect(JSON.stringify(call.args.blocks)).to.include(rows[1].url).and.include(rows[1].title.slice(0, 10));
      expect(call.args.metadata).to.deep.equal({
        event_type: DIGEST_EVENT_TYPE,
        event_payload: {
          marker: deliveryMarker({ workspace: 'T0STANDIN', channel: 'C0DIGEST', period: '2026-W32' }),
          period: '2026-W32',
        },
      });

      expect((await runHere(WEEK1)).channels[0].result.outcome, 'one digest per period').to.equal('already-delivered');
      expect((await runHere(WEEK2)).channels[0].result.outcome).to.equal('nothing-new');
      await close();

      // A restart: new processes on the same database, polling the same feed.
      const restarted = await runDigestProcess(childEnv(WEEK2, { ACTION: 'poll+digest' }));
      expect(restarted.channels.map((c) => c.result.outcome)).to.deep.equal(['nothing-new']);
      expect(posts()).to.have.length(1);

      feed.setPosts(rows);
      const later = await runDigestProcess(childEnv(WEEK3, { ACTION: 'poll+digest' }));
      expect(later.channels.map((c) => c.result.outcome)).to.deep.equal(['posted']);
      expect(posts()).to.have.length(2);
      const blocks = JSON.stringify(posts()[1].args.blocks);
      expect(blocks).to.include(rows[0].url);
      expect(blocks, 'an article is in one digest only').to.not.include(rows[1].url);
    });

    it('a process killed between claim and post: the next process posts it, once', async () => {
      await oneNewPostWaiting();
      await killAt(childEnv(WEEK1), 'claimed');
      expect(posts(), 'killed before posting').to.have.length(0);
      await open();
      const [left] = await store!.unfinishedDeliveries();
      expect(left).to.include({ channel: 'C0DIGEST', period: '2026-W32', status: 'claimed' });
      expect(left.postStartedAt).to.equal(undefined);
      await close();

      const next = await runDigestProcess(childEnv(WEEK1));
      expect(next.recovered.map((r) => r.result)).to.deep.equal([
        { outcome: 'posted', ts: posts()[0]?.answer.ts, articles: 1, recovered: true },
      ]);
      expect(next.channels.map((c) => c.result.outcome)).to.deep.equal(['already-delivered']);
      expect(posts()).to.have.length(1);
      expect(slack.callsTo('conversations.history'), 'never started posting, so nothing to look for').to.have.length(0);

      const again = await runDigestProcess(childEnv(WEEK1));
      expect(again.recovered).to.have.length(0);
      expect(posts()).to.have.length(1);
      await open();
      expect(await store!.getDelivery({ workspace: 'T0STANDIN', channel: 'C0DIGEST', period: '2026-W32' })).to.include({
        status: 'posted',
        messageTs: posts()[0].answer.ts,
      });
    });

    it('a process killed between post and completion: the next process finds the message and does not post again', async () => {
      await oneNewPostWaiting();
      await killAt(childEnv(WEEK1), 'posted');
      expect(posts(), 'posted before being killed').to.have.length(1);
      await open();
      const [left] = await store!.unfinishedDeliveries();
      expect(left).to.include({ status: 'claimed', attempts: 1 });
      expect(left.postStartedAt).to.be.a('string');
      await close();

      const next = await runDigestProcess(childEnv(WEEK1));
      expect(next.recovered.map((r) => r.result)).to.deep.equal([
        { outcome: 'found-posted', ts: posts()[0].answer.ts, articles: 1 },
      ]);
      expect(slack.callsTo('conversations.history')).to.have.length(1);
      expect(slack.callsTo('conversations.history')[0].args).to.include({ channel: 'C0DIGEST' });
      expect(posts(), 'no second message').to.have.length(1);
      await open();
      expect(await store!.getDelivery({ workspace: 'T0STANDIN', channel: 'C0DIGEST', period: '2026-W32' })).to.include({
        status: 'posted',
        messageTs: posts()[0].answer.ts,
      });
    });

    it('the poll, the weekly and the daily digest falling due the same second: both digests go out with the post just published', async () => {
      await open();
      await store!.subscribe({
        workspace: 'T0STANDIN',
        channel: 'C0WEEKLY',
        cadence: 'weekly',
        by: 'U0ALICE',
        now: new Date().toISOString(),
      });
      await store!.subscribe({
        workspace: 'T0STANDIN',
        channel: 'C0DAILY',
        cadence: 'daily',
        by: 'U0ALICE',
        now: new Date().toISOString(),
      });
      feed.setPosts(rows.slice(1));
      await pollFeed({ store: store!, feedUrl: feed.url, log: quiet });
      // Published moments before the digest time, not polled yet.
      feed.setPosts(rows);

      const due = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
      const at = cronAt(due, TZ);
      const scheduler = startDigestScheduler({
        config: { feedUrl: feed.url, pollCron: at.daily, digestCron: at.weekly, digestTz: TZ },
        store: store!,
        poster: createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
        log: quiet,
        runAtStart: false,
      });
      try {
        for (let i = 0; i < 60 && posts().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
        // Any run that skipped or went out early would show here once the others finish.
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        await scheduler.stop();
      }
      for (const channel of ['C0WEEKLY', 'C0DAILY']) {
        expect(posts(channel), channel).to.have.length(1);
        expect(JSON.stringify(posts(channel)[0].args.blocks), channel).to.include(rows[0].url);
      }
    });

    if (kind === 'postgres') {
      it('two instances on one PostgreSQL, polling and posting at the same moment, post one digest per channel', async () => {
        await open();
        for (const channel of ['C0ONE', 'C0TWO']) {
          await store!.subscribe({
            workspace: 'T0STANDIN',
            channel,
            cadence: 'weekly',
            by: 'U0ALICE',
            now: WEEK1.toISOString(),
          });
        }
        feed.setPosts(rows.slice(1));
        await pollHere(WEEK1);
        await close();
        feed.setPosts(rows);

        const startAt = String(Date.now() + 1500);
        const env = childEnv(WEEK1, { ACTION: 'poll+digest', START_AT: startAt });
        const [a, b] = [startDigestProcess(env), startDigestProcess(env)];
        const [ra, rb] = await Promise.all([a.output, b.output]);
        expect([ra.code, rb.code], ra.stderr + rb.stderr).to.deep.equal([0, 0]);
        expect(posts('C0ONE')).to.have.length(1);
        expect(posts('C0TWO')).to.have.length(1);
        const outcomes = [ra.report!, rb.report!].flatMap((r) =>
          r.ran ? r.channels.map((c) => c.result.outcome) : ['skipped (lock held)'],
        );
        expect(outcomes.filter((o) => o === 'posted')).to.have.length(2);
        expect(
          outcomes.every((o) => ['posted', 'already-delivered', 'skipped (lock held)'].includes(o)),
          outcomes.join(', '),
        ).to.equal(true);
      });
    }
  });
}
