/** How the digest meets Slack's refusals: rate limits, channels it cannot post to, answers that never came. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { type DigestDeps, runDigests } from '../../src/digest/delivery.js';
import type { DigestPoster, LookupResult, PostResult } from '../../src/digest/port.js';
import { DigestService } from '../../src/digest/service.js';
import { createSlackDigestPoster } from '../../src/slack/digest-poster.js';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';

const TZ = 'Asia/Shanghai';
const WEEK1 = new Date('2026-08-03T01:00:00Z');
const WEEK2 = new Date('2026-08-10T01:00:00Z');
const WEEK3 = new Date('2026-08-17T01:00:00Z');
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const config = { feedUrl: 'http://127.0.0.1:9/zh-cn/feed.xml', digestCron: '0 9 * * 1', digestTz: TZ };

/** The store with its job lock replaced, for runs that must act as if they held it (or had just lost it). */
function withLock(store: Store, tryLock: Store['tryLock']): Store {
  return Object.assign(Object.create(store) as Store, { tryLock });
}

let n = 0;
function newArticle(title = `新文章 ${++n}`): Article {
  const slug = `post-${n}-${Math.random().toString(36).slice(2, 7)}`;
  return {
    id: `2026-08-01-${slug}`,
    title,
    date: '2026-08-01',
    url: `https://kubernetes.io/zh-cn/blog/2026/08/01/${slug}/`,
    slug,
    authors: ['Ada'],
    translators: [],
    body: '这是一篇关于 Kubernetes 的文章，介绍新的特性。',
    headings: [],
    source: 'feed',
  };
}

describe('digest and Slack refusals', function () {
  this.timeout(20_000);
  let slack: SlackStandin;
  let db: TestDatabase;
  let store: Store;
  let service: DigestService;

  const deps = (poster?: DigestPoster): DigestDeps => ({
    store,
    poster: poster ?? createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
    timeZone: TZ,
    instanceId: 'test',
    log: quiet,
  });
  const arrive = async (...articles: Article[]) => {
    await store.commitPoll({
      feedUrl: config.feedUrl,
      now: new Date().toISOString(),
      seenUrls: articles.map((a) => a.url),
      articles: articles.map((article) => ({ article, announce: true })),
      itemCount: articles.length,
      baseline: false,
    });
  };
  const subscribe = (channel: string) => service.subscribe({ workspace: 'T0STANDIN', channel, userId: 'U0ALICE' });
  const postsTo = (channel: string) => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  beforeEach(async () => {
    slack = await SlackStandin.start();
    db = await createDatabase('sqlite');
    store = await openStore(db.location);
    service = new DigestService({ store, config, now: () => WEEK1 });
  });

  afterEach(async () => {
    await store.close();
    await slack.stop();
    await db.drop();
  });

  it('rate_limited: waits as Retry-After says, then posts once', async () => {
    await subscribe('C0BUSY');
    await arrive(newArticle());
    slack.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 1 });
    const started = Date.now();
    const report = await runDigests(deps(), { at: WEEK1 });
    const elapsed = Date.now() - started;
    expect(report.channels.map((c) => c.result.outcome)).to.deep.equal(['posted']);
    const calls = postsTo('C0BUSY');
    expect(calls.map((c) => c.status)).to.deep.equal([429, 200]);
    expect(elapsed).to.be.at.least(950);
    expect(calls[1].at - calls[0].at).to.be.at.least(950);
  });

  it('rate_limited beyond the waiting budget: gives the digest back for the next run, posts nothing twice', async () => {
    await subscribe('C0BUSY');
    await arrive(newArticle());
    slack.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 1 }, 5);
    const waits: number[] = [];
    const poster = createSlackDigestPoster({
      token: 'xoxb-test',
      apiUrl: slack.url,
      log: quiet,
      maxRateLimitWaitMs: 2500,
      sleep: async (ms) => void waits.push(ms),
    });
    const first = await runDigests(deps(poster), { at: WEEK1 });
    expect(first.channels[0].result).to.deep.include({ outcome: 'released' });
    expect(waits).to.deep.equal([1000, 1000]);
    expect(await store.pendingArticles('T0STANDIN', 'C0BUSY', 10)).to.have.length(1);
    slack.reset();
    const second = await runDigests(deps(), { at: WEEK1 });
    expect(second.channels[0].result.outcome).to.equal('posted');
    expect(postsTo('C0BUSY')).to.have.length(1);
  });

  it('Retry-After: 0 is waited as at least 1 s, and the post gives up after a bounded number of attempts', async () => {
    await subscribe('C0BUSY');
    await arrive(newArticle());
    slack.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 0 }, 1000);
    const waits: number[] = [];
    const poster = createSlackDigestPoster({
      token: 'xoxb-test',
      apiUrl: slack.url,
      log: quiet,
      sleep: async (ms) => void waits.push(ms),
    });
    const first = await runDigests(deps(poster), { at: WEEK1 });
    expect(first.channels[0].result).to.deep.include({ outcome: 'released' });
    expect(postsTo('C0BUSY').length, 'attempts are bounded').to.be.within(2, 5);
    expect(waits.length).to.equal(postsTo('C0BUSY').length - 1);
    expect(waits.every((ms) => ms >= 1000)).to.equal(true);
    expect(await store.pendingArticles('T0STANDIN', 'C0BUSY', 10)).to.have.length(1);
  });

  it('a 429 with no usable Retry-After is a rate limit too: waits the floor, bounded, and nothing is in doubt', async () => {
    await subscribe('C0BUSY');
    await arrive(newArticle());
    for (const header of ['soon', undefined]) {
      let calls = 0;
      const server = http.createServer((req, res) => {
        req.resume();
        calls++;
        res.writeHead(429, { 'content-type': 'application/json', ...(header ? { 'retry-after': header } : {}) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      const waits: number[] = [];
      const poster = createSlackDigestPoster({
        token: 'xoxb-test',
        apiUrl: `http://127.0.0.1:${port}/api/`,
        log: quiet,
        sleep: async (ms) => void waits.push(ms),
      });
      try {
        const result = await poster.post({
          workspace: 'T0STANDIN',
          channel: 'C0BUSY',
          period: '2026-W32',
          cadence: 'weekly',
          articles: [newArticle()],
          marker: 'm',
        });
        expect(result.kind, `Retry-After ${header}`).to.equal('rejected');
        expect(calls).to.be.within(2, 5);
        expect(waits.every((ms) => ms >= 1000)).to.equal(true);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    }
  });

  it('not_in_channel: pauses that subscription with the reason, other channels unaffected, no retry loop, resumes on subscribe', async () => {
    await subscribe('C0GOOD');
    await subscribe('C0SHUT');
    slack.addChannel({ id: 'C0SHUT', isMember: false });
    const first = newArticle();
    await arrive(first);

    const report = await runDigests(deps(), { at: WEEK1 });
    const byChannel = Object.fromEntries(report.channels.map((c) => [c.channel, c.result]));
    expect(byChannel.C0GOOD.outcome).to.equal('posted');
    expect(byChannel.C0SHUT).to.deep.equal({ outcome: 'paused', reason: 'not_in_channel' });

    const status = await service.status({ workspace: 'T0STANDIN', channel: 'C0SHUT' });
    expect(status.subscription).to.include({ status: 'paused', lastError: 'not_in_channel' });
    expect(status.pendingArticles).to.equal(1);

    await arrive(newArticle());
    const calls = postsTo('C0SHUT').length;
    await runDigests(deps(), { at: WEEK2 });
    await runDigests(deps(), { at: WEEK3 });
    expect(postsTo('C0SHUT'), 'a paused channel is not tried again').to.have.length(calls);
    expect(postsTo('C0GOOD')).to.have.length(2);

    // Someone invites the bot and subscribes again: the articles of the pause come in the next digest.
    slack.addChannel({ id: 'C0SHUT', isMember: true });
    expect((await subscribe('C0SHUT')).change).to.equal('resumed');
    const resumed = await runDigests(deps(), { at: WEEK3 });
    expect(resumed.channels.find((c) => c.channel === 'C0SHUT')?.result.outcome).to.equal('posted');
    const posted = postsTo('C0SHUT').filter((c) => c.answer.ok);
    expect(posted).to.have.length(1);
    expect(JSON.stringify(posted[0].args.blocks)).to.include(first.url);
  });

  it('is_archived and channel_not_found pause their subscriptions the same way', async () => {
    const gone = await SlackStandin.start({ unknownChannels: 'not_found' });
    try {
      await subscribe('C0ARCHIVED');
      await subscribe('C0GONE');
      await arrive(newArticle());
      gone.addChannel({ id: 'C0ARCHIVED', isArchived: true });
      const poster = createSlackDigestPoster({ token: 'xoxb-test', apiUrl: gone.url, log: quiet });
      const report = await runDigests(deps(poster), { at: WEEK1 });
      expect(Object.fromEntries(report.channels.map((c) => [c.channel, c.result]))).to.deep.equal({
        C0ARCHIVED: { outcome: 'paused', reason: 'is_archived' },
        C0GONE: { outcome: 'paused', reason: 'channel_not_found' },
      });
      expect(await store.activeSubscriptions()).to.have.length(0);
    } finally {
      await gone.stop();
    }
  });

  it('an answer that never came (HTTP 500): the next run looks in the channel first, then posts once', async () => {
    await subscribe('C0FLAKY');
    await arrive(newArticle());
    slack.fail('chat.postMessage', { status: 500, error: 'internal_error' });
    const first = await runDigests(deps(), { at: WEEK1 });
    expect(first.channels[0].result).to.deep.include({ outcome: 'in-doubt' });
    expect(await store.unfinishedDeliveries()).to.have.length(1);

    const second = await runDigests(deps(), { at: WEEK1 });
    expect(second.recovered.map((r) => r.result.outcome)).to.deep.equal(['posted']);
    expect(slack.callsTo('conversations.history')).to.have.length(1);
    expect(postsTo('C0FLAKY').filter((c) => c.answer.ok)).to.have.length(1);
  });

  it('internal_error or fatal_error in an answer (Slack: the post may have gone through): looks before posting again', async () => {
    for (const error of ['internal_error', 'fatal_error']) {
      const channel = `C0${error.toUpperCase().replace('_', '')}`;
      await subscribe(channel);
      await arrive(newArticle());
      slack.fail('chat.postMessage', { error, when: (args) => args.channel === channel });
      const first = await runDigests(deps(), { at: WEEK1 });
      expect(first.channels.find((c) => c.channel === channel)?.result, error).to.deep.equal({
        outcome: 'in-doubt',
        reason: error,
      });
      const history = slack.callsTo('conversations.history').length;
      const second = await runDigests(deps(), { at: WEEK1 });
      expect(
        second.recovered.map((r) => r.result.outcome),
        error,
      ).to.deep.equal(['posted']);
      expect(slack.callsTo('conversations.history').length - history, 'looked first').to.equal(1);
      expect(postsTo(channel).filter((c) => c.answer.ok)).to.have.length(1);
    }
  });

  it('stops before its next channel once it learns that it lost the digest lock', async () => {
    await subscribe('C0FIRST');
    await subscribe('C0SECOND');
    await arrive(newArticle());
    const lock = { name: 'digest', lost: false, release: async () => undefined };
    const real = createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet });
    const poster: DigestPoster = {
      findPosted: (q) => real.findPosted(q),
      async post(m) {
        // While this post was under way the database connection that held the lock failed.
        lock.lost = true;
        return real.post(m);
      },
    };
    const run = runDigests({ ...deps(poster), store: withLock(store, async () => lock) }, { at: WEEK1 });
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(err)).to.match(/lost the digest lock/);
    expect(postsTo('C0FIRST')).to.have.length(1);
    expect(postsTo('C0SECOND'), 'left to the instance that holds the lock now').to.have.length(0);
    expect(await store.pendingArticles('T0STANDIN', 'C0SECOND', 10)).to.have.length(1);
    expect(await store.unfinishedDeliveries(), 'the digest in hand was still completed').to.have.length(0);
  });

  it('two runs that both pick up an interrupted delivery (no lock between them) send it once', async () => {
    await subscribe('C0TWICE');
    await arrive(newArticle());
    const claim = await store.claimDelivery({
      workspace: 'T0STANDIN',
      channel: 'C0TWICE',
      period: '2026-W32',
      cadence: 'weekly',
      claimedBy: 'dead',
      now: WEEK1.toISOString(),
      maxArticles: 20,
    });
    expect(claim.kind).to.equal('claimed');
    const other = await openStore(db.location);
    try {
      const noLock = async () => ({ name: 'digest', lost: false, release: async () => undefined });
      const [a, b] = await Promise.all([
        runDigests(
          { ...deps(), store: withLock(store, noLock), instanceId: 'a', now: () => WEEK1 },
          { at: WEEK1, recoverOnly: true },
        ),
        runDigests(
          { ...deps(), store: withLock(other, noLock), instanceId: 'b', now: () => WEEK1 },
          { at: WEEK1, recoverOnly: true },
        ),
      ]);
      const outcomes = [...a.recovered, ...b.recovered].map((r) => r.result.outcome).sort();
      expect(outcomes).to.deep.equal(['in-doubt', 'posted']);
      expect(postsTo('C0TWICE')).to.have.length(1);
    } finally {
      await other.close();
    }
  });

  it('a digest is one message whose texts from the archive cannot mention or link anyone', async () => {
    await subscribe('C0SAFE');
    await arrive({
      ...newArticle('<!channel> 新特性 <@U123> & <https://evil.example|点我>'),
      authors: ['<!here>'],
      body: '正文提到 <!everyone> 和 *粗体*，仍是普通文本。',
    });
    await runDigests(deps(), { at: WEEK1 });
    const [call] = postsTo('C0SAFE');
    const text = JSON.stringify(call.args.blocks) + String(call.args.text);
    expect(text).to.not.match(/<!channel>|<!here>|<!everyone>|<@U123>|<https:\/\/evil/);
    expect(text).to.include('&lt;!channel&gt;');
  });

  it('when the history cannot be read at all (no scope), an interrupted post is sent again rather than lost', async () => {
    await subscribe('C0NOSCOPE');
    await arrive(newArticle());
    const sent: string[] = [];
    let crash = true;
    const poster: DigestPoster = {
      async post(m): Promise<PostResult> {
        sent.push(m.marker);
        if (crash) {
          crash = false;
          throw new Error('process died after sending');
        }
        return { kind: 'posted', ts: '1.000002' };
      },
      async findPosted(): Promise<LookupResult> {
        return { kind: 'unknown', reason: 'conversations.history: missing_scope', permanent: true };
      },
    };
    const first = await runDigests(deps(poster), { at: WEEK1 });
    expect(first.channels[0].result.outcome).to.equal('error');
    const second = await runDigests(deps(poster), { at: WEEK1 });
    expect(second.recovered[0].result).to.deep.include({ outcome: 'posted', recovered: true });
    expect(sent).to.have.length(2);
  });
});
