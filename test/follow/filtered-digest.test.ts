/** Filtered channel digests on both databases: only matching new articles, nothing when none match, one filter. */
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { runDigests } from '../../src/digest/delivery.js';
import { DigestService, parseSubscribeArgs } from '../../src/digest/service.js';
import { FollowMatcher } from '../../src/follow/match.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { createSlackDigestPoster } from '../../src/slack/digest-poster.js';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, DATABASE_KINDS, requireDatabase, type TestDatabase } from '../store/databases.js';
import { byTitle, engineWithout, quiet } from './support.js';

const TZ = 'Asia/Shanghai';
const WEEK1 = new Date('2026-08-03T01:00:00Z');
const WEEK2 = new Date('2026-08-10T01:00:00Z');
const WS = 'T0STANDIN';

describe('subscribe arguments', () => {
  it('a cadence, then an optional query; a mistyped cadence is an error, not a filter', () => {
    expect(parseSubscribeArgs('')).to.deep.equal({ cadence: 'weekly' });
    expect(parseSubscribeArgs('daily')).to.deep.equal({ cadence: 'daily' });
    expect(parseSubscribeArgs('weekly  kubeadm  高可用')).to.deep.equal({
      cadence: 'weekly',
      filter: 'kubeadm  高可用',
    });
    expect(parseSubscribeArgs('每天 author:"Paco Xu"')).to.deep.equal({ cadence: 'daily', filter: 'author:"Paco Xu"' });
    expect(parseSubscribeArgs('monthly kubeadm')).to.have.property('error');
  });
});

for (const kind of DATABASE_KINDS) {
  describe(`filtered channel digests (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let store: Store;
    let slack: SlackStandin;
    let engine: SearchEngine;
    let kubeadm: Article[];
    let others: Article[];

    const posts = (channel: string) =>
      slack.callsTo('chat.postMessage').filter((c) => c.answer.ok && c.args.channel === channel);
    const digest = (at: Date) =>
      runDigests(
        {
          store,
          poster: createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
          matcher: new FollowMatcher(engine),
          timeZone: TZ,
          instanceId: 'test',
          log: quiet,
        },
        { at },
      );
    async function arrive(articles: Article[]): Promise<void> {
      await store.commitPoll({
        feedUrl: 'https://kubernetes.io/zh-cn/feed.xml',
        now: WEEK1.toISOString(),
        seenUrls: articles.map((a) => a.url),
        articles: articles.map((article) => ({ article, announce: true })),
        itemCount: articles.length,
        baseline: false,
      });
      for (const a of articles) engine.add(a);
    }

    before(async () => {
      kubeadm = [await byTitle('kubeadm 七周年生日快乐'), await byTitle('kubeadm：使用 etcd Learner')];
      others = [await byTitle('自定义调度器'), await byTitle('Kubernetes 1.8 的五天')];
    });

    beforeEach(async function () {
      requireDatabase(this, kind);
      db = await createDatabase(kind);
      store = await openStore(db.location);
      slack = await SlackStandin.start();
      engine = await engineWithout([...kubeadm, ...others]);
    });

    afterEach(async () => {
      await store?.close();
      await slack?.stop();
      await db?.drop();
    });

    it('a filtered channel gets only the matching new articles; an unfiltered one gets all', async () => {
      const service = new DigestService({
        store,
        config: { feedUrl: 'x', digestCron: '0 9 * * 1', digestTz: TZ },
        matcher: new FollowMatcher(engine),
      });
      const sub = await service.subscribe({ workspace: WS, channel: 'C0KUBEADM', userId: 'U0A', filter: 'kubeadm' });
      expect(sub.subscription.filter).to.equal('kubeadm');
      expect(sub.filterMatches?.count).to.be.greaterThan(0);
      await service.subscribe({ workspace: WS, channel: 'C0ALL', userId: 'U0A' });
      await arrive([...kubeadm, ...others]);

      const report = await digest(WEEK1);
      expect(report.channels.map((c) => [c.channel, c.result.outcome])).to.deep.equal([
        ['C0ALL', 'posted'],
        ['C0KUBEADM', 'posted'],
      ]);
      const filtered = JSON.stringify(posts('C0KUBEADM')[0].args.blocks);
      for (const a of kubeadm) expect(filtered).to.include(a.url);
      // "Kubernetes 1.8 的五天" names kubeadm once, in passing.
      for (const a of others) expect(filtered).to.not.include(a.url);
      const all = JSON.stringify(posts('C0ALL')[0].args.blocks);
      for (const a of [...kubeadm, ...others]) expect(all).to.include(a.url);

      // Next week, nothing new: nothing posted; skipped articles never come back.
      expect((await digest(WEEK2)).channels.map((c) => c.result.outcome)).to.deep.equal(['nothing-new', 'nothing-new']);
      expect(posts('C0KUBEADM')).to.have.length(1);
    });

    it('a period in which nothing matches posts nothing; subscribing again changes the filter', async () => {
      const service = new DigestService({
        store,
        config: { feedUrl: 'x', digestCron: '0 9 * * 1', digestTz: TZ },
        matcher: new FollowMatcher(engine),
      });
      await service.subscribe({ workspace: WS, channel: 'C0F', userId: 'U0A', cadence: 'daily', filter: 'cgroup' });
      await arrive(others);
      const report = await digest(WEEK1);
      expect(report.channels.map((c) => c.result.outcome)).to.deep.equal(['nothing-new']);
      expect(posts('C0F')).to.have.length(0);

      const changed = await service.subscribe({
        workspace: WS,
        channel: 'C0F',
        userId: 'U0A',
        cadence: 'daily',
        filter: 'kubeadm',
      });
      expect(changed.change).to.equal('filter-changed');
      expect(changed.previousFilter).to.equal('cgroup');
      expect((await store.getSubscription(WS, 'C0F'))?.filter).to.equal('kubeadm');
      await arrive(kubeadm);
      await digest(WEEK2);
      expect(posts('C0F')).to.have.length(1);
      expect(JSON.stringify(posts('C0F')[0].args.blocks)).to.include(kubeadm[0].url);

      const cleared = await service.subscribe({ workspace: WS, channel: 'C0F', userId: 'U0A', cadence: 'daily' });
      expect(cleared.change).to.equal('filter-changed');
      expect(cleared.subscription.filter).to.equal(undefined);
    });

    it('without a search index a filtered subscription is not delivered unfiltered', async () => {
      await store.subscribe({
        workspace: WS,
        channel: 'C0F',
        cadence: 'weekly',
        by: 'U0A',
        now: WEEK1.toISOString(),
        filter: 'kubeadm',
      });
      await arrive(others);
      const report = await runDigests(
        {
          store,
          poster: createSlackDigestPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
          timeZone: TZ,
          instanceId: 'test',
          log: quiet,
        },
        { at: WEEK1 },
      );
      expect(report.channels[0].result.outcome).to.equal('error');
      expect(posts('C0F')).to.have.length(0);
    });
  });
}
