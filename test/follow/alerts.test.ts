/**
 * Personal alerts end to end on both databases: real articles of content/ arriving as a poll stores them, the Slack
 * stand-in, and real processes killed with SIGKILL between post and record, or run two at once.
 */
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { runAlerts } from '../../src/follow/alerts.js';
import { FollowMatcher } from '../../src/follow/match.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { ALERT_EVENT_TYPE, createSlackAlertPoster } from '../../src/slack/alert-poster.js';
import { type RecordedCall, SlackStandin } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, DATABASE_KINDS, PG_URL, requireDatabase, type TestDatabase } from '../store/databases.js';
import { killAlertsAt, runAlertProcess, startAlertProcess } from './support/child.js';
import { byTitle, contentArticles, engineWithout, quiet } from './support.js';

const WS = 'T0STANDIN';
const NOW = '2026-08-03T01:00:00.000Z';

for (const kind of DATABASE_KINDS) {
  describe(`personal alerts (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let store: Store;
    let slack: SlackStandin;
    let kubeadm: Article[];
    let other: Article;

    const dms = (user?: string): RecordedCall[] =>
      slack
        .callsTo('chat.postMessage')
        .filter(
          (c) =>
            c.answer.ok && String(c.args.channel).startsWith('D') && (!user || c.args.channel === `D${user.slice(1)}`),
        );
    const run = (engine: SearchEngine, extra: Partial<Parameters<typeof runAlerts>[0]> = {}) =>
      runAlerts({
        store,
        poster: createSlackAlertPoster({ token: 'xoxb-test', apiUrl: slack.url, log: quiet }),
        matcher: new FollowMatcher(engine),
        instanceId: 'test-main',
        log: quiet,
        paceMs: 0,
        ...extra,
      });
    /** What a poll does with new articles: stores them (announced) and adds them to the live index. */
    async function arrive(engine: SearchEngine | undefined, articles: Article[]): Promise<void> {
      await store.commitPoll({
        feedUrl: 'https://kubernetes.io/zh-cn/feed.xml',
        now: NOW,
        seenUrls: articles.map((a) => a.url),
        articles: articles.map((article) => ({ article, announce: true })),
        itemCount: articles.length,
        baseline: false,
      });
      for (const a of articles) engine?.add(a);
    }
    const follow = (user: string, query: string) => store.addFollow({ workspace: WS, user, query, now: NOW });
    const childEnv = () => ({ STORE: JSON.stringify(db.location), SLACK_API_URL: slack.url });

    before(async () => {
      kubeadm = [await byTitle('kubeadm 七周年生日快乐'), await byTitle('kubeadm：使用 etcd Learner')];
      other = await byTitle('自定义调度器');
    });

    beforeEach(async function () {
      requireDatabase(this, kind);
      db = await createDatabase(kind);
      store = await openStore(db.location);
      slack = await SlackStandin.start();
    });

    afterEach(async () => {
      await store?.close();
      await slack?.stop();
      await db?.drop();
    });

    it('one DM per person per poll, listing what matched and which follow; never the same article twice', async () => {
      const engine = await engineWithout([...kubeadm, other]);
      await follow('U0ALICE', 'kubeadm');
      await follow('U0ALICE', 'etcd');
      await follow('U0BOB', 'cgroup');
      await arrive(engine, [...kubeadm, other]);

      const first = await run(engine);
      expect(first.users.map((u) => [u.user, u.result.outcome])).to.deep.equal([['U0ALICE', 'posted']]);
      expect(dms(), 'Bob follows nothing that arrived').to.have.length(1);
      const dm = dms('U0ALICE')[0];
      expect(slack.callsTo('conversations.open')[0].args.users).to.equal('U0ALICE');
      const blocks = JSON.stringify(dm.args.blocks);
      for (const a of kubeadm) expect(blocks).to.include(a.url).and.include(a.date);
      expect(blocks).to.not.include(other.url);
      expect(blocks).to.include('`kubeadm`').and.include('`etcd`');
      expect(String(dm.args.unfurl_links)).to.equal('false');
      expect((dm.args.metadata as { event_type: string }).event_type).to.equal(ALERT_EVENT_TYPE);

      const again = await run(engine);
      expect(again.users).to.deep.equal([]);
      expect(dms()).to.have.length(1);

      // A restart: a new store connection and a new index, the same articles: nothing is sent again.
      await store.close();
      store = await openStore(db.location);
      await run(engine);
      expect(dms()).to.have.length(1);

      // The next poll brings one more article about kubeadm: a second DM with that one only.
      const later = await byTitle('在 Linux 上使用交换内存的 Beta 支持');
      await arrive(undefined, [later]);
      engine.add(later);
      await run(engine);
      expect(dms()).to.have.length(2);
      const second = JSON.stringify(dms()[1].args.blocks);
      expect(second).to.include(later.url);
      for (const a of kubeadm) expect(second).to.not.include(a.url);
    });

    it('fifty new articles: one DM, ten shown and the rest summed up with a "more" hint', async () => {
      const fifty = (await contentArticles()).slice(0, 50);
      const engine = await engineWithout(fifty);
      await follow('U0ALICE', 'kubernetes');
      await arrive(engine, fifty);
      const matched = new FollowMatcher(engine).matching(
        'kubernetes',
        fifty.map((a) => a.id),
      ).size;
      expect(matched, 'a broad follow matches many of them').to.be.greaterThan(10);
      await run(engine);
      expect(dms()).to.have.length(1);
      const text = JSON.stringify(dms()[0].args.blocks);
      expect(text).to.include(`${matched - 10} more`);
      expect((dms()[0].args.blocks as unknown[]).length).to.be.at.most(50);
      await run(engine);
      expect(dms()).to.have.length(1);
    });

    it('user_not_found, cannot_dm_bot, account_inactive: that person is paused, not retried; others go on', async () => {
      const engine = await engineWithout(kubeadm);
      for (const u of ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE']) await follow(u, 'kubeadm');
      await arrive(engine, kubeadm);
      slack.fail('conversations.open', { error: 'user_not_found', when: (a) => a.users === 'U0ALICE' });
      slack.fail('chat.postMessage', { error: 'cannot_dm_bot', when: (a) => a.channel === 'D0BOB' });
      slack.fail('chat.postMessage', { error: 'account_inactive', when: (a) => a.channel === 'D0CAROL' });
      const report = await run(engine);
      expect(report.users.map((u) => [u.user, u.result.outcome])).to.deep.equal([
        ['U0ALICE', 'paused'],
        ['U0BOB', 'paused'],
        ['U0CAROL', 'paused'],
        ['U0DAVE', 'posted'],
      ]);
      const alice = await store.followsOf(WS, 'U0ALICE');
      expect(alice[0].pausedReason).to.equal('user_not_found');
      expect((await store.followsOf(WS, 'U0BOB'))[0].pausedReason).to.equal('cannot_dm_bot');
      const calls = slack.calls.length;
      expect((await run(engine)).users, 'paused people are not tried again').to.deep.equal([]);
      expect(slack.calls.length).to.equal(calls);
      // Following again resumes: the articles they missed are still theirs.
      const resumed = await follow('U0BOB', 'kubeadm');
      expect(resumed.kind === 'exists' && resumed.resumed).to.equal(1);
      await run(engine);
      expect(dms('U0BOB')).to.have.length(1);
    });

    it('rate limited: waits as Retry-After says and sends once', async () => {
      const engine = await engineWithout(kubeadm);
      await follow('U0ALICE', 'kubeadm');
      await arrive(engine, kubeadm);
      slack.fail('chat.postMessage', { error: 'rate_limited', status: 429, retryAfter: 0 }, 2);
      const waits: number[] = [];
      const report = await run(engine, {
        poster: createSlackAlertPoster({
          token: 'xoxb-test',
          apiUrl: slack.url,
          log: quiet,
          sleep: async (ms) => void waits.push(ms),
        }),
      });
      expect(report.users[0].result.outcome).to.equal('posted');
      expect(waits).to.deep.equal([1000, 1000]);
      expect(dms()).to.have.length(1);
    });

    it('a process killed between post and record: the next one finds the DM and does not send it again', async () => {
      await follow('U0ALICE', 'kubeadm');
      await arrive(undefined, kubeadm);
      await killAlertsAt(childEnv(), 'posted');
      expect(dms(), 'sent before being killed').to.have.length(1);
      const [left] = await store.unfinishedAlerts();
      expect(left).to.include({ user: 'U0ALICE', status: 'claimed', dmChannel: 'D0ALICE' });

      const next = await runAlertProcess(childEnv());
      expect(next.recovered.map((r) => r.result.outcome)).to.deep.equal(['found-posted']);
      expect(dms()).to.have.length(1);
      expect(slack.callsTo('conversations.history')).to.have.length(1);
      expect(await store.getAlert({ workspace: WS, user: 'U0ALICE', alertId: left.alertId })).to.include({
        status: 'posted',
        messageTs: dms()[0].answer.ts,
      });
      await runAlertProcess(childEnv());
      expect(dms()).to.have.length(1);
    });

    it('killed between post and record without im:history: not sent again (never twice)', async () => {
      await follow('U0ALICE', 'kubeadm');
      await arrive(undefined, kubeadm);
      await killAlertsAt(childEnv(), 'posted');
      slack.fail('conversations.history', 'missing_scope');
      const next = await runAlertProcess(childEnv());
      expect(next.recovered.map((r) => r.result.outcome)).to.deep.equal(['not-resent']);
      expect(dms()).to.have.length(1);
      expect(await store.unfinishedAlerts()).to.deep.equal([]);
    });

    it('a process killed between claim and post: the next one sends it, once', async () => {
      await follow('U0ALICE', 'kubeadm');
      await arrive(undefined, kubeadm);
      await killAlertsAt(childEnv(), 'claimed');
      expect(dms()).to.have.length(0);
      const next = await runAlertProcess(childEnv());
      expect(next.recovered.map((r) => r.result.outcome)).to.deep.equal(['posted']);
      expect(slack.callsTo('conversations.history'), 'never started sending: nothing to look for').to.have.length(0);
      await runAlertProcess(childEnv());
      expect(dms()).to.have.length(1);
    });

    it('two instances at once: each person gets one DM', async function () {
      if (kind === 'postgres' && !PG_URL) this.skip();
      for (const u of ['U0ALICE', 'U0BOB', 'U0CAROL']) await follow(u, 'kubeadm');
      await arrive(undefined, kubeadm);
      const at = String(Date.now() + 4000);
      const a = startAlertProcess({ ...childEnv(), START_AT: at });
      const b = startAlertProcess({ ...childEnv(), START_AT: at });
      const [ra, rb] = await Promise.all([a.output, b.output]);
      expect(ra.code, ra.stderr).to.equal(0);
      expect(rb.code, rb.stderr).to.equal(0);
      for (const u of ['U0ALICE', 'U0BOB', 'U0CAROL']) expect(dms(u), u).to.have.length(1);
      const sent = [ra.report!, rb.report!].flatMap((r) => r.users).filter((u) => u.result.outcome === 'posted');
      expect(sent).to.have.length(3);
    });

    it('two runs racing past the lock claim each article for one of them only', async () => {
      const engine = await engineWithout(kubeadm);
      await follow('U0ALICE', 'kubeadm');
      await arrive(engine, kubeadm);
      const second = await openStore(db.location);
      try {
        // Each run believes it holds the lock (a lock lost mid-run): only the claim rows stand between them.
        const noLock = (s: Store): Store =>
          Object.assign(Object.create(s) as Store, {
            tryLock: async (name: string) => ({ name, lost: false, release: async () => undefined }),
          });
        const [r1, r2] = await Promise.all([
          run(engine, { store: noLock(store), instanceId: 'one' }),
          run(engine, { store: noLock(second), instanceId: 'two' }),
        ]);
        const outcomes = [...r1.users, ...r2.users].map((u) => u.result.outcome).sort();
        expect(outcomes.filter((o) => o === 'posted')).to.have.length(1);
        expect(dms()).to.have.length(1);
      } finally {
        await second.close();
      }
    });
  });
}
