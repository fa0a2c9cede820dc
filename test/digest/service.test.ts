/** The verbs behind `/k8sblog subscribe | unsubscribe | status`, the scheduler, periods and the digest's Block Kit. */
import { expect } from 'chai';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { runDigests } from '../../src/digest/delivery.js';
import { isoWeek, periodFor } from '../../src/digest/period.js';
import { dailyCronOf, startDigestScheduler } from '../../src/digest/schedule.js';
import { DigestService } from '../../src/digest/service.js';
import { summarise } from '../../src/digest/summary.js';
import { pollFeed } from '../../src/feed/poller.js';
import { digestMessage, statusMessage, subscribeReply, unsubscribeReply } from '../../src/slack/blocks/digest.js';
import { createSlackDigestPoster } from '../../src/slack/digest-poster.js';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { FeedServer, loadPostRows } from '../support/feed-server.js';
import { MemoryIndex } from './support/memory-index.js';

const TZ = 'Asia/Shanghai';
const WEEK1 = new Date('2026-08-03T01:00:00Z');
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

describe('digest periods', () => {
  it('are ISO weeks and calendar days in DIGEST_TZ', () => {
    // Sunday 20:00 UTC is already Monday 04:00 in Shanghai: a new week there.
    expect(periodFor('weekly', new Date('2026-08-02T20:00:00Z'), TZ)).to.equal('2026-W32');
    expect(periodFor('weekly', new Date('2026-08-02T20:00:00Z'), 'UTC')).to.equal('2026-W31');
    expect(periodFor('daily', new Date('2026-08-02T20:00:00Z'), TZ)).to.equal('2026-08-03');
    expect(isoWeek(2026, 12, 31)).to.deep.equal({ isoYear: 2026, week: 53 });
    expect(isoWeek(2027, 1, 1)).to.deep.equal({ isoYear: 2026, week: 53 });
    expect(isoWeek(2025, 12, 29)).to.deep.equal({ isoYear: 2026, week: 1 });
    // New Year's Eve 20:00 UTC is already 1 January in Shanghai, still ISO week 53 of 2026 there.
    expect(periodFor('daily', new Date('2026-12-31T20:00:00Z'), TZ)).to.equal('2027-01-01');
    expect(periodFor('weekly', new Date('2026-12-31T20:00:00Z'), TZ)).to.equal('2026-W53');
    expect(periodFor('weekly', new Date('2027-01-03T16:00:00Z'), TZ), 'Monday 00:00 in Shanghai').to.equal('2027-W01');
  });

  it('follow the wall clock of a DIGEST_TZ with daylight saving time', () => {
    // Europe/Berlin leaves summer time on Sunday 2026-10-25 (03:00 CEST becomes 02:00 CET): that day has 25 hours.
    const berlin = 'Europe/Berlin';
    expect(periodFor('daily', new Date('2026-10-24T22:30:00Z'), berlin), '00:30 CEST').to.equal('2026-10-25');
    expect(periodFor('daily', new Date('2026-10-25T22:30:00Z'), berlin), '23:30 CET, hour 25 of the day').to.equal(
      '2026-10-25',
    );
    expect(periodFor('daily', new Date('2026-10-25T23:00:00Z'), berlin)).to.equal('2026-10-26');
    // Monday 00:30 just after the spring change (2026-03-29) is a new week.
    expect(periodFor('weekly', new Date('2026-03-29T21:59:00Z'), berlin), 'Sunday 23:59 CEST').to.equal('2026-W13');
    expect(periodFor('weekly', new Date('2026-03-29T22:30:00Z'), berlin), 'Monday 00:30 CEST').to.equal('2026-W14');
  });

  it('daily digests go out at the time of day of DIGEST_CRON', () => {
    expect(dailyCronOf('0 9 * * 1')).to.equal('0 9 * * *');
    expect(dailyCronOf('30 15 8 * * 1-5')).to.equal('30 15 8 * * *');
  });
});

describe('digest service and scheduler', function () {
  this.timeout(20_000);
  let rows: PostRow[];
  let feed: FeedServer;
  let slack: SlackStandin;
  let db: TestDatabase;
  let store: Store;
  let index: MemoryIndex;
  let clock: Date;
  const config = () => ({ feedUrl: feed.url, digestCron: '0 9 * * 1', digestTz: TZ, pollCron: '*/30 * * * *' });

  before(async () => {
    rows = await loadPostRows();
  });

  beforeEach(async () => {
    feed = await FeedServer.start();
    slack = await SlackStandin.start();
    db = await createDatabase('sqlite');
    store = await openStore(db.location);
    index = new MemoryIndex();
    clock = WEEK1;
  });

  afterEach(async () => {
    await store.close();
    await feed.stop();
    await slack.stop();
    await db.drop();
  });

  it('subscribe, change cadence, unsubscribe, and status as plain data', async () => {
    const service = new DigestService({ store, config: config(), searcher: index, now: () => clock });
    const ref = { workspace: 'T1', channel: 'C1' };
    const before = await service.status(ref);
    expect(before.feed.health).to.equal('never-polled');
    expect(before.subscription).to.equal(undefined);

    const sub = await service.subscribe({ ...ref, userId: 'U0ALICE' });
    expect(sub.change).to.equal('subscribed');
    expect(sub.subscription).to.include({ cadence: 'weekly', status: 'active', subscribedBy: 'U0ALICE' });
    // The next Monday 09:00 in Shanghai (01:00 UTC) from the real clock, which is what the cron will do.
    const next = sub.nextDigestAt!;
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).to.deep.equal([1, 1, 0]);
    expect(next.getTime() - Date.now()).to.be.within(0, 7 * 86_400_000);
    expect((await service.subscribe({ ...ref, userId: 'U0ALICE', cadence: 'daily' })).change).to.equal(
      'cadence-changed',
    );
    const daily = (await service.subscribe({ ...ref, userId: 'U0ALICE', cadence: 'daily' })).nextDigestAt!;
    expect([daily.getUTCHours(), daily.getUTCMinutes()]).to.deep.equal([1, 0]);
    expect(daily.getTime() - Date.now()).to.be.within(0, 86_400_000);
    expect((await service.subscribe({ ...ref, userId: 'U0ALICE', cadence: 'daily' })).change).to.equal('unchanged');

    // A healthy poll, a posted digest, then a failing feed: status shows all of it.
    feed.setPosts(rows.slice(1));
    await pollFeed({ store, feedUrl: feed.url, index, now: () => clock, log: quiet });
    feed.setPosts(rows);
    await pollFeed({ store, feedUrl: feed.url, index, now: () => clock, log: quiet });
    await runDigests(
      {
        store,
        poster: createSlackDigestPoster({ token: 'xoxb-t', apiUrl: slack.url, log: quiet }),
        timeZone: TZ,
        instanceId: 't',
        log: quiet,
      },
      { at: clock },
    );
    feed.mode = 'error-500';
    clock = new Date(WEEK1.getTime() + 60_000);
    await pollFeed({ store, feedUrl: feed.url, index, now: () => clock, log: quiet });

    const status = await service.status(ref);
    expect(status.feed).to.include({ health: 'failing', consecutiveFailures: 1, url: feed.url, itemsInFeed: 50 });
    expect(status.feed.lastFailureReason).to.match(/^HTTP 500/);
    expect(status.feed.lastPollAt?.toISOString()).to.equal(clock.toISOString());
    expect(status.feed.retryAt?.toISOString()).to.equal(new Date(clock.getTime() + 5 * 60_000).toISOString());
    expect(status.lastDigest).to.include({ period: '2026-08-03', articles: 1 });
    expect(status.lastDigest?.ts).to.equal(slack.callsTo('chat.postMessage')[0].answer.ts);
    // No archive in this index, so every item of the first poll (50) and the new post were stored.
    expect(status.articles.fromFeed).to.equal(51);
    expect(status.articles.searchable).to.equal(index.size);
    expect(status.subscription).to.include({ cadence: 'daily', status: 'active' });
    expect(status.pendingArticles).to.equal(0);
    expect(status.storage).to.equal('sqlite');

    const rendered = statusMessage(status, TZ);
    expect(blockKitProblems(rendered)).to.deep.equal([]);
    expect(JSON.stringify(rendered.blocks)).to.include('HTTP 500').and.include('<@U0ALICE>');

    expect(await service.unsubscribe(ref)).to.deep.equal({ removed: true });
    expect(await service.unsubscribe(ref)).to.deep.equal({ removed: false });
    expect((await service.status(ref)).subscription).to.equal(undefined);
    for (const m of [
      subscribeReply(sub, TZ),
      unsubscribeReply({ removed: true }),
      unsubscribeReply({ removed: false }),
    ]) {
      expect(blockKitProblems(m)).to.deep.equal([]);
    }
  });

  it('preview shows what a channel would get without claiming it', async () => {
    const service = new DigestService({ store, config: config(), now: () => clock });
    await service.subscribe({ workspace: 'T1', channel: 'C1', userId: 'U1' });
    feed.setPosts(rows.slice(3));
    await pollFeed({ store, feedUrl: feed.url, now: () => clock, log: quiet });
    feed.setPosts(rows);
    await pollFeed({ store, feedUrl: feed.url, now: () => clock, log: quiet });
    const preview = await service.preview({ workspace: 'T1', channel: 'C1' });
    expect(preview?.period).to.equal('2026-W32');
    expect(preview?.articles.map((a) => a.url)).to.deep.equal(rows.slice(0, 3).map((r) => r.url));
    expect(await store.unfinishedDeliveries()).to.have.length(0);
    expect(await service.preview({ workspace: 'T1', channel: 'C2' })).to.equal(undefined);
  });

  it('the scheduler polls on its cron, finishes interrupted deliveries at start-up, and stops', async () => {
    feed.setPosts(rows.slice(1));
    await pollFeed({ store, feedUrl: feed.url, log: quiet });
    await store.subscribe({
      workspace: 'T0STANDIN',
      channel: 'C1',
      cadence: 'weekly',
      by: 'U1',
      now: new Date().toISOString(),
    });
    feed.setPosts(rows);
    await pollFeed({ store, feedUrl: feed.url, log: quiet });
    // An earlier process claimed this week's digest and died before posting it.
    const period = periodFor('weekly', new Date(), TZ);
    expect(
      (
        await store.claimDelivery({
          workspace: 'T0STANDIN',
          channel: 'C1',
          period,
          cadence: 'weekly',
          claimedBy: 'dead',
          now: new Date().toISOString(),
          maxArticles: 20,
        })
      ).kind,
    ).to.equal('claimed');

    const searcher = new MemoryIndex();
    const scheduler = startDigestScheduler({
      config: { ...config(), pollCron: '* * * * * *' },
      store,
      searcher,
      poster: createSlackDigestPoster({ token: 'xoxb-t', apiUrl: slack.url, log: quiet }),
      log: quiet,
    });
    try {
      await scheduler.started;
      expect(slack.callsTo('chat.postMessage'), 'finished at start-up').to.have.length(1);
      expect(searcher.byUrl(rows[0].url)?.title, 'stored feed articles reach the live index').to.equal(rows[0].title);
      // While it runs, another process claims a digest and dies: the next poll tick finishes it.
      await store.subscribe({
        workspace: 'T0STANDIN',
        channel: 'C2',
        cadence: 'weekly',
        by: 'U1',
        now: new Date().toISOString(),
      });
      const late = {
        ...searcher.byUrl(rows[0].url)!,
        id: '2026-12-01-late',
        url: 'https://kubernetes.io/zh-cn/blog/2026/12/01/late/',
        title: '迟到的文章',
      };
      await store.commitPoll({
        feedUrl: 'elsewhere',
        now: new Date().toISOString(),
        seenUrls: [late.url],
        articles: [{ article: late, announce: true }],
        itemCount: 1,
        baseline: false,
      });
      await store.claimDelivery({
        workspace: 'T0STANDIN',
        channel: 'C2',
        period,
        cadence: 'weekly',
        claimedBy: 'dead',
        now: new Date().toISOString(),
        maxArticles: 20,
      });
      const requests = feed.requests.length;
      await new Promise((r) => setTimeout(r, 2200));
      expect(feed.requests.length - requests, 'polled every second').to.be.within(1, 4);
      expect(slack.callsTo('chat.postMessage').map((c) => c.args.channel)).to.deep.equal(['C1', 'C2']);
      expect(await store.unfinishedDeliveries()).to.have.length(0);
    } finally {
      await scheduler.stop();
    }
    const after = feed.requests.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(feed.requests.length, 'stopped').to.equal(after);
  });

  it('refuses a bad cron expression with a clear line', () => {
    expect(() =>
      startDigestScheduler({
        config: { ...config(), pollCron: 'every half hour' },
        store,
        poster: createSlackDigestPoster({ token: 'xoxb-t', apiUrl: slack.url }),
      }),
    ).to.throw(/POLL_CRON is not a cron expression: "every half hour"/);
  });
});

describe('digest Block Kit', () => {
  it('stays within Block Kit limits for the largest digest, with a linked title, date, authors and a short summary', async () => {
    const rows = await loadPostRows();
    const articles = rows.slice(0, 20).map((r) => ({
      id: `${r.date}-${r.slug}`,
      title: r.title,
      date: r.date,
      url: r.url,
      slug: r.slug,
      authors: r.author.split(/[、,]\s*/).filter(Boolean),
      translators: [],
      body: `${r.title}。`.repeat(40),
      headings: [],
    }));
    for (const cadence of ['weekly', 'daily'] as const) {
      const message = digestMessage({ period: cadence === 'weekly' ? '2026-W32' : '2026-08-03', cadence, articles });
      expect(blockKitProblems(message)).to.deep.equal([]);
      expect(message.blocks[0]).to.deep.include({ type: 'header' });
      const first = JSON.stringify(message.blocks[3]);
      expect(first).to.include(`<${rows[0].url}|`).and.include(rows[0].date);
    }
    expect(JSON.stringify(digestMessage({ period: '2026-W32', cadence: 'weekly', articles }).blocks[1])).to.include(
      '2026 年第 32 周',
    );
  });

  it('summarises in a line or two, ending at a sentence when it can', () => {
    const base = {
      id: 'x',
      title: 't',
      date: '2026-01-01',
      url: 'https://kubernetes.io/zh-cn/blog/2026/01/01/x/',
      slug: 'x',
      authors: [],
      translators: [],
      headings: [],
    };
    expect(summarise({ ...base, body: '短。' })).to.equal('');
    expect(
      summarise(
        { ...base, body: '作者：某人\n\n这是第一句话，足够长了。这是第二句话，也很长很长很长很长很长很长很长。' },
        20,
      ),
    ).to.equal('这是第一句话，足够长了。');
    const long = '没有标点的很长的一段话'.repeat(30);
    const cut = summarise({ ...base, body: long }, 50);
    expect(Array.from(cut)).to.have.length(50);
    expect(cut.endsWith('…')).to.equal(true);
  });
});
