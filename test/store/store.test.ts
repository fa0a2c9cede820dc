import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import type { Article } from '../../src/archive/article.js';
import { setLogLevel } from '../../src/log.js';
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openStore, SQLITE_FILE, type StoreLocation } from '../../src/store/open-store.js';
import { PostgresDb } from '../../src/store/postgres-db.js';
import type { SqlDb } from '../../src/store/sql.js';
import { SqliteDb } from '../../src/store/sqlite-db.js';
import type { Store } from '../../src/store/types.js';
import { createDatabase, DATABASE_KINDS, requireDatabase, type TestDatabase } from './databases.js';

/** A bare connection to the database, without the store or its migrations. */
function sqlDb(where: StoreLocation): SqlDb {
  return where.databaseUrl ? new PostgresDb(where.databaseUrl) : SqliteDb.open(path.join(where.dataDir!, SQLITE_FILE));
}

const LOG_LEVEL = (['debug', 'info', 'warn', 'error'] as const).find((l) => l === process.env.LOG_LEVEL) ?? 'info';
const allVersions = () => Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1);

const T0 = '2026-08-03T01:00:00.000Z';

function article(n: number, date = `2026-07-${String(n).padStart(2, '0')}`): Article {
  return {
    id: `${date}-post-${n}`,
    title: `文章 ${n}`,
    date,
    url: `https://kubernetes.io/zh-cn/blog/${date.replace(/-/g, '/')}/post-${n}/`,
    slug: `post-${n}`,
    authors: [`Author ${n}`],
    translators: [],
    body: `正文 ${n}`,
    headings: [],
    source: 'feed',
  };
}

async function storeArticles(store: Store, articles: Article[], announce = true, now = T0) {
  return store.commitPoll({
    feedUrl: 'https://feed.test/feed.xml',
    now,
    seenUrls: articles.map((a) => a.url),
    articles: articles.map((a) => ({ article: a, announce })),
    itemCount: articles.length,
    baseline: false,
  });
}

for (const kind of DATABASE_KINDS) {
  describe(`store on ${kind}`, () => {
    let db: TestDatabase;
    let store: Store;

    beforeEach(async function () {
      requireDatabase(this, kind);
      db = await createDatabase(kind);
      store = await openStore(db.location);
    });

    afterEach(async () => {
      await store?.close().catch(() => undefined);
      await db?.drop();
    });

    it('migrates once: instances starting together apply each migration once, and a restart applies nothing', async () => {
      const fresh = await createDatabase(kind);
      const [a, b] = [sqlDb(fresh.location), sqlDb(fresh.location)];
      try {
        const applied = await Promise.all([migrate(a), migrate(b)]);
        expect(applied.flat().sort(), 'each version applied by exactly one of the two').to.deep.equal(allVersions());
        expect(await migrate(a), 'a restart').to.deep.equal([]);
        const rows = await a.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => Number(r.version))).to.deep.equal(allVersions());
      } finally {
        await a.close();
        await b.close();
        await fresh.drop();
      }
    });

    it('keeps its data when opened again', async () => {
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      await store.close();
      store = await openStore(db.location);
      expect((await store.getSubscription('T1', 'C1'))?.status).to.equal('active');
    });

    it('subscribes, changes cadence, unsubscribes; a new subscription starts from the articles that arrive after it', async () => {
      await storeArticles(store, [article(1)]);
      const sub = await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      expect(sub).to.include({ cadence: 'weekly', status: 'active', subscribedBy: 'U1', subscribedAt: T0 });
      expect(await store.pendingArticles('T1', 'C1', 10)).to.have.length(0);

      await storeArticles(store, [article(2)]);
      expect((await store.pendingArticles('T1', 'C1', 10)).map((a) => a.article.id)).to.deep.equal([article(2).id]);

      const daily = await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'daily', by: 'U2', now: T0 });
      expect(daily).to.include({ cadence: 'daily', subscribedBy: 'U1' });
      expect(await store.pendingArticles('T1', 'C1', 10)).to.have.length(1);

      expect(await store.unsubscribe('T1', 'C1', T0)).to.equal(true);
      expect(await store.unsubscribe('T1', 'C1', T0)).to.equal(false);
      expect(await store.activeSubscriptions()).to.have.length(0);

      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U3', now: T0 });
      expect(
        await store.pendingArticles('T1', 'C1', 10),
        'a re-subscription does not bring old articles',
      ).to.have.length(0);
    });

    it('takes several first subscribes of one channel at once (a double click, two instances) as one', async () => {
      const others = await Promise.all([openStore(db.location), openStore(db.location)]);
      try {
        const subs = await Promise.all(
          [store, ...others].map((s, i) =>
            s.subscribe({
              workspace: 'T1',
              channel: 'C1',
              cadence: i === 2 ? 'daily' : 'weekly',
              by: `U${i}`,
              now: T0,
            }),
          ),
        );
        expect(subs.every((sub) => sub.status === 'active')).to.equal(true);
        expect(await store.activeSubscriptions()).to.have.length(1);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });

    it('keeps a paused channel its undelivered articles, and resumes with them', async () => {
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      await storeArticles(store, [article(1)]);
      await store.pauseSubscription('T1', 'C1', 'not_in_channel', T0);
      const paused = await store.getSubscription('T1', 'C1');
      expect(paused).to.include({ status: 'paused', lastError: 'not_in_channel', pausedAt: T0 });
      expect(await store.activeSubscriptions()).to.have.length(0);
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      expect((await store.getSubscription('T1', 'C1'))?.lastError).to.equal(undefined);
      expect(await store.pendingArticles('T1', 'C1', 10)).to.have.length(1);
    });

    it('stores a poll in one piece, and the same article twice only once', async () => {
      const first = await storeArticles(store, [article(1), article(2)]);
      expect(first.map((f) => f.seq)).to.have.length(2);
      const again = await storeArticles(store, [article(1), article(2), article(3)]);
      expect(again.map((f) => f.article.id)).to.deep.equal([article(3).id]);
      expect(await store.countFeedArticles()).to.equal(3);
      const seen = await store.seenAmong([
        article(1).url,
        article(3).url,
        'https://kubernetes.io/zh-cn/blog/2026/01/01/other/',
      ]);
      expect([...seen].sort()).to.deep.equal([article(1).url, article(3).url].sort());
      const stored = await store.feedArticles();
      expect(stored[0].article).to.deep.equal(article(1));
      expect((await store.feedArticles(stored[1].seq)).map((s) => s.article.id)).to.deep.equal([article(3).id]);
    });

    it('records feed failures without touching validators or seen items, and success resets the count', async () => {
      await store.commitPoll({
        feedUrl: 'F',
        now: T0,
        etag: '"v1"',
        lastModified: 'Mon, 03 Aug 2026 00:00:00 GMT',
        seenUrls: [article(1).url],
        articles: [],
        itemCount: 1,
        baseline: true,
      });
      const failed = await store.recordPollFailure('F', 'HTTP 500', '2026-08-03T02:00:00.000Z');
      const twice = await store.recordPollFailure('F', 'timed out after 20 s', '2026-08-03T03:00:00.000Z');
      expect(failed.consecutiveFailures).to.equal(1);
      expect(twice).to.include({
        consecutiveFailures: 2,
        lastFailureReason: 'timed out after 20 s',
        etag: '"v1"',
        baselineAt: T0,
        lastSuccessAt: T0,
      });
      await store.recordPollUnchanged('F', '2026-08-03T04:00:00.000Z');
      expect(await store.getFeedState('F')).to.include({
        consecutiveFailures: 0,
        lastSuccessAt: '2026-08-03T04:00:00.000Z',
        etag: '"v1"',
      });
    });

    it('claims a (channel, period) once; the claim holds its articles; complete and release work as they say', async () => {
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      await storeArticles(store, [article(1), article(2)]);
      const req = {
        workspace: 'T1',
        channel: 'C1',
        period: '2026-W32',
        cadence: 'weekly' as const,
        claimedBy: 'i1',
        now: T0,
        maxArticles: 10,
      };
      const claim = await store.claimDelivery(req);
      expect(claim.kind).to.equal('claimed');
      if (claim.kind !== 'claimed') return;
      expect(claim.delivery).to.include({ status: 'claimed', claimedBy: 'i1', attempts: 0 });
      expect(claim.delivery.articleIds).to.deep.equal([article(1).id, article(2).id]);
      expect(await store.pendingArticles('T1', 'C1', 10), 'claimed articles are no longer pending').to.have.length(0);

      const second = await store.claimDelivery({ ...req, claimedBy: 'i2' });
      expect(second.kind).to.equal('exists');
      expect((await store.unfinishedDeliveries()).map((d) => d.period)).to.deep.equal(['2026-W32']);

      expect(await store.markPostStarted(req, { attempts: 0, by: 'i1' }, T0)).to.equal(true);
      expect(
        await store.markPostStarted(req, { attempts: 0, by: 'i2' }, T0),
        'a second run that read the same claim may not send it as well',
      ).to.equal(false);
      await store.completeDelivery(req, '1754182800.000100', T0);
      const done = await store.getDelivery(req);
      expect(done).to.include({ status: 'posted', messageTs: '1754182800.000100', attempts: 1, claimedBy: 'i1' });
      expect(await store.unfinishedDeliveries()).to.have.length(0);
      expect((await store.lastPostedDelivery('T1', 'C1'))?.period).to.equal('2026-W32');
      expect((await store.deliveryArticles(req)).map((a) => a.article.id)).to.deep.equal([
        article(1).id,
        article(2).id,
      ]);

      // Next week: a new article; a claim that Slack refuses is released and its article is pending again.
      await storeArticles(store, [article(3)]);
      const next = { ...req, period: '2026-W33' };
      expect((await store.claimDelivery(next)).kind).to.equal('claimed');
      await store.releaseDelivery(next);
      expect(await store.getDelivery(next)).to.equal(undefined);
      expect((await store.pendingArticles('T1', 'C1', 10)).map((a) => a.article.id)).to.deep.equal([article(3).id]);
      expect((await store.claimDelivery({ ...next, period: '2026-W34' })).kind).to.equal('claimed');
    });

    it('claims nothing for a channel without news or without a subscription', async () => {
      const req = {
        workspace: 'T1',
        channel: 'C1',
        period: '2026-W32',
        cadence: 'weekly' as const,
        claimedBy: 'i1',
        now: T0,
        maxArticles: 10,
      };
      expect((await store.claimDelivery(req)).kind).to.equal('not-subscribed');
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      expect((await store.claimDelivery(req)).kind).to.equal('nothing-new');
      await storeArticles(store, [article(1)], false);
      expect((await store.claimDelivery(req)).kind, 'articles of the first poll are never announced').to.equal(
        'nothing-new',
      );
    });

    it('lets one of several instances claiming the same delivery at once win', async () => {
      await store.subscribe({ workspace: 'T1', channel: 'C1', cadence: 'weekly', by: 'U1', now: T0 });
      await storeArticles(store, [article(1)]);
      const others = await Promise.all([openStore(db.location), openStore(db.location), openStore(db.location)]);
      try {
        const req = {
          workspace: 'T1',
          channel: 'C1',
          period: '2026-W32',
          cadence: 'weekly' as const,
          now: T0,
          maxArticles: 10,
        };
        const results = await Promise.all(
          [store, ...others].map((s, i) => s.claimDelivery({ ...req, claimedBy: `i${i}` })),
        );
        expect(results.filter((r) => r.kind === 'claimed')).to.have.length(1);
        expect(results.filter((r) => r.kind === 'exists')).to.have.length(3);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });

    it('gives a job lock to one holder at a time', async () => {
      const other = await openStore(db.location);
      try {
        const lock = await store.tryLock('digest', 'a');
        expect(lock).to.not.equal(undefined);
        expect(await other.tryLock('digest', 'b')).to.equal(undefined);
        const poll = await other.tryLock('poll', 'b');
        expect(poll, 'locks are by name').to.not.equal(undefined);
        await poll!.release();
        await lock!.release();
        const again = await other.tryLock('digest', 'b');
        expect(again).to.not.equal(undefined);
        await again!.release();
      } finally {
        await other.close();
      }
    });

    if (kind === 'postgres') {
      it('a job lock whose connection the server ended says it is lost, and another instance can take it', async () => {
        const lock = await store.tryLock('digest', 'a');
        expect(lock?.lost).to.equal(false);
        const admin = new pg.Client({ connectionString: db.location.databaseUrl });
        await admin.connect();
        // The store logs the lost lock as a warning; expected here.
        setLogLevel('error');
        try {
          // The backend holding this schema's 'digest' advisory lock (a one-bigint key is split over classid/objid).
          const { rows } = await admin.query(
            `SELECT pg_terminate_backend(l.pid) AS ended FROM pg_locks l
             WHERE l.locktype = 'advisory' AND l.objsubid = 1
               AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(current_schema() || ':digest')::bigint`,
          );
          expect(rows.map((r: { ended: boolean }) => r.ended)).to.deep.equal([true]);
        } finally {
          await admin.end();
        }
        try {
          for (let i = 0; i < 50 && !lock!.lost; i++) await new Promise((r) => setTimeout(r, 20));
        } finally {
          setLogLevel(LOG_LEVEL);
        }
        expect(lock!.lost).to.equal(true);
        const other = await openStore(db.location);
        try {
          const taken = await other.tryLock('digest', 'b');
          expect(taken, 'the server freed it with the connection').to.not.equal(undefined);
          await lock!.release();
          await taken!.release();
        } finally {
          await other.close();
        }
      });
    }

    it('frees a job lock whose holder process was killed', async function () {
      this.timeout(15_000);
      const script = `
        import { openStore } from './src/store/open-store.ts';
        const store = await openStore(JSON.parse(process.env.LOC));
        const lock = await store.tryLock('digest', 'doomed');
        process.stdout.write(lock ? 'LOCKED\\n' : 'BUSY\\n');
        setInterval(() => {}, 1000);
      `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, LOC: JSON.stringify(db.location) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      expect(first).to.equal('LOCKED');
      expect(await store.tryLock('digest', 'me'), 'held by a live process').to.equal(undefined);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      // PostgreSQL notices the closed connection a moment later; SQLite sees that the pid is gone.
      let lock: Awaited<ReturnType<typeof store.tryLock>> | undefined;
      for (let i = 0; i < 50 && !lock; i++) {
        lock = await store.tryLock('digest', 'me');
        if (!lock) await new Promise((r) => setTimeout(r, 100));
      }
      expect(lock, 'lock taken over after the holder was killed').to.not.equal(undefined);
      await lock!.release();
    });
  });
}
