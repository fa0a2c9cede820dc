import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { backoffMs } from '../../src/feed/backoff.js';
import { type PollResult, pollFeed, restoreFeedArticles } from '../../src/feed/poller.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { MemoryIndex } from '../digest/support/memory-index.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';
import { type FeedMode, FeedServer, loadPostRows } from '../support/feed-server.js';

/** The archive (content/) as the search index holds it: the posts the print view had. */
function archiveArticles(rows: PostRow[]): Article[] {
  return rows
    .filter((r) => r.inSeed)
    .map((r) => ({
      id: `${r.date}-${r.slug}`,
      title: r.title,
      date: r.date,
      url: r.url,
      slug: r.slug,
      authors: [],
      translators: [],
      body: '',
      headings: [],
      source: 'content',
    }));
}

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

describe('feed poller against a local Hugo-shaped feed', () => {
  let rows: PostRow[];
  let server: FeedServer;
  let db: TestDatabase;
  let store: Store;
  let index: MemoryIndex;
  let clock: Date;

  const poll = (extra: Partial<Parameters<typeof pollFeed>[0]> = {}) =>
    pollFeed({ store, feedUrl: server.url, index, now: () => clock, log: quiet, timeoutMs: 2000, ...extra });

  before(async () => {
    rows = await loadPostRows();
  });

  beforeEach(async () => {
    server = await FeedServer.start();
    db = await createDatabase('sqlite');
    store = await openStore(db.location);
    index = new MemoryIndex(archiveArticles(rows));
    clock = new Date('2026-08-03T01:00:00Z');
    // The blog as it was before its newest post.
    server.setPosts(rows.slice(1));
  });

  afterEach(async () => {
    await server.stop();
    await store.close();
    await db.drop();
  });

  it('first poll: marks every item seen, announces nothing, keeps the posts the archive lacks searchable', async () => {
    const result = await poll();
    expect(result.status).to.equal('baseline');
    if (result.status !== 'baseline') return;
    expect(result.items).to.equal(50);
    const notInArchive = rows.slice(1, 51).filter((r) => !r.inSeed);
    expect(result.stored.map((s) => s.article.url).sort()).to.deep.equal(notInArchive.map((r) => r.url).sort());
    expect(
      result.stored.every((s) => !s.announce),
      'nothing from the first poll is announced',
    ).to.equal(true);
    expect(index.added.map((a) => a.url).sort()).to.deep.equal(notInArchive.map((r) => r.url).sort());
    const state = await store.getFeedState(server.url);
    expect(state?.baselineAt).to.equal(clock.toISOString());
    expect(state?.etag).to.match(/^"/);
    expect(server.requests[0].headers['user-agent']).to.match(/^k8sblog\/\d+\.\d+\.\d+ \(/);
    expect(server.requests[0].headers['if-none-match']).to.equal(undefined);
  });

  it('an empty feed on the first poll is no baseline: the first real feed is, and floods nobody', async () => {
    server.setPosts([]);
    const empty = await poll();
    expect(empty).to.deep.include({ status: 'baseline', items: 0 });
    expect((await store.getFeedState(server.url))?.baselineAt).to.equal(undefined);
    server.setPosts(rows.slice(1));
    const first = await poll();
    expect(first.status).to.equal('baseline');
    expect(server.requests[1].headers['if-none-match'], 'a baseline poll is unconditional').to.equal(undefined);
    expect(first.status === 'baseline' && first.stored.every((s) => !s.announce)).to.equal(true);
  });

  it('asks conditionally, and a new post is announced once, added to the index and stored', async () => {
    await poll();
    const unchanged = await poll();
    expect(unchanged.status).to.equal('not-modified');
    expect(server.requests[1].headers['if-none-match']).to.equal((await store.getFeedState(server.url))?.etag);
    expect(server.requests[1].headers['if-modified-since']).to.be.a('string');

    server.setPosts(rows);
    const next = await poll();
    expect(next.status).to.equal('updated');
    if (next.status !== 'updated') return;
    expect(next.announced.map((a) => a.article.url)).to.deep.equal([rows[0].url]);
    expect(index.byUrl(rows[0].url)?.title).to.equal(rows[0].title);

    const again = await poll({ force: true });
    expect(again.status).to.equal('not-modified');
    server.conditional = false;
    const full = await poll();
    expect(full.status === 'updated' && full.announced.length).to.equal(0);
  });

  it('never takes a reordered feed, changed dates or another spelling of the permalinks for new posts', async () => {
    server.setPosts(rows);
    await poll();
    server.setPosts(rows, { order: 'reversed', pubDateShiftHours: 30, linkSpelling: 'variant' });
    const result = await poll();
    expect(server.requests[1].status, 'the feed did change').to.equal(200);
    expect(result.status === 'updated' && result.announced.length).to.equal(0);
    expect(await store.countFeedArticles()).to.equal(rows.slice(0, 50).filter((r) => !r.inSeed).length);
  });

  it('never takes a post the archive already has for new, even one the feed had not shown before', async () => {
    await poll();
    const older = rows.find((r) => r.inSeed && r.date < '2020-01-01')!;
    server.setPosts([...rows.slice(1, 50), older], { limit: 60 });
    const result = await poll();
    expect(result.status === 'updated' && result.announced.length).to.equal(0);
    expect((await store.seenAmong([older.url])).has(older.url)).to.equal(true);
  });

  it("takes items only from the blog's host: others are skipped and logged once per poll with a count", async () => {
    const foreign = rows
      .slice(1, 4)
      .map((r) => ({ ...r, url: r.url.replace('://kubernetes.io/', '://evil.example/') }));
    const mirror = rows
      .slice(4, 6)
      .map((r) => ({ ...r, url: r.url.replace('://kubernetes.io/', '://k8s.example.org/') }));
    server.setPosts([...rows.slice(6, 20), ...foreign, ...mirror], { limit: 100 });
    const warnings: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    const log = {
      ...quiet,
      warn: (msg: string, fields?: Record<string, unknown>) => void warnings.push({ msg, fields }),
    };
    const result = await poll({ log, index: new MemoryIndex() });
    expect(result.status).to.equal('baseline');
    if (result.status !== 'baseline') return;
    expect(result.items).to.equal(14);
    expect(result.stored.every((s) => s.article.url.startsWith('https://kubernetes.io/'))).to.equal(true);
    expect((await store.seenAmong(foreign.map((r) => r.url))).size, 'foreign items are not recorded').to.equal(0);
    const offHost = warnings.filter((w) => /other hosts/.test(w.msg));
    expect(offHost, 'one line per poll').to.have.length(1);
    expect(offHost[0].fields).to.deep.include({ skipped: 5 });
    expect(offHost[0].fields?.hosts).to.have.members(['evil.example', 'k8s.example.org']);

    // A mirror named in BLOG_HOSTS is the blog too.
    server.conditional = false;
    const mirrored = await poll({
      index: new MemoryIndex(),
      blogHosts: ['kubernetes.io', 'k8s.example.org'],
      force: true,
    });
    expect(mirrored.status === 'updated' && mirrored.items).to.equal(16);
  });

  const faults: Array<{ mode: FeedMode; reason: RegExp }> = [
    { mode: 'error-500', reason: /^HTTP 500/ },
    { mode: 'error-404', reason: /^HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/zh-cn\/feed\.xml$/ },
    { mode: 'hang', reason: /^timed out after 2 s/ },
    { mode: 'garbage', reason: /not valid UTF-8|not a readable RSS feed/ },
    { mode: 'html', reason: /^not a readable RSS feed: Feed not recognized/ },
    { mode: 'not-utf8', reason: /^feed is not valid UTF-8 \(encoding from Content-Type\)/ },
  ];
  for (const { mode, reason } of faults) {
    it(`feed fault "${mode}": nothing is lost or advanced, the reason is kept, and the next poll backs off then recovers`, async () => {
      await poll();
      const before = await store.getFeedState(server.url);
      const storedBefore = await store.countFeedArticles();
      server.setPosts(rows);
      server.mode = mode;

      // Only "hang" needs the client's time-out; the others get seconds of margin on a loaded machine.
      const started = Date.now();
      const failed = await poll({ timeoutMs: mode === 'hang' ? 2000 : 20_000 });
      expect(Date.now() - started).to.be.below(mode === 'hang' ? 15_000 : 20_000);
      expect(failed.status).to.equal('failed');
      if (failed.status !== 'failed') return;
      expect(failed.reason).to.match(reason);
      expect(failed.consecutiveFailures).to.equal(1);

      const after = await store.getFeedState(server.url);
      expect(after).to.include({
        etag: before?.etag,
        lastModified: before?.lastModified,
        lastSuccessAt: before?.lastSuccessAt,
        consecutiveFailures: 1,
      });
      expect(after?.lastFailureReason).to.match(reason);
      expect(await store.countFeedArticles()).to.equal(storedBefore);
      expect((await store.seenAmong([rows[0].url])).size, 'the new post is not marked seen').to.equal(0);

      // Backing off: the scheduled poll leaves the feed alone for a while.
      const requests = server.requests.length;
      expect((await poll()).status).to.equal('backing-off');
      expect(server.requests.length).to.equal(requests);

      server.mode = 'ok';
      clock = new Date(clock.getTime() + backoffMs(1) + 1000);
      const recovered = (await poll()) as PollResult;
      expect(recovered.status).to.equal('updated');
      if (recovered.status !== 'updated') return;
      expect(recovered.announced.map((a) => a.article.url)).to.deep.equal([rows[0].url]);
      expect((await store.getFeedState(server.url))?.consecutiveFailures).to.equal(0);
    });
  }

  it('reads a feed served in a declared non-UTF-8 encoding (GB18030) with its Chinese intact', async () => {
    server.mode = 'gb18030-declared';
    server.setPosts(rows);
    const result = await poll();
    expect(result.status).to.equal('baseline');
    if (result.status !== 'baseline') return;
    const newest = result.stored.find((s) => s.article.url === rows[0].url);
    expect(newest?.article.title).to.equal(rows[0].title);
  });

  it('puts stored feed articles back into a fresh index after a restart, leaving the archive copy alone', async () => {
    server.setPosts(rows);
    await poll();
    const fresh = new MemoryIndex(archiveArticles(rows));
    const added = await restoreFeedArticles(store, fresh);
    expect(added).to.equal(rows.slice(0, 50).filter((r) => !r.inSeed).length);
    expect(fresh.byUrl(rows[0].url)?.source).to.equal('feed');
    expect(await restoreFeedArticles(store, fresh), 'a second restore adds nothing').to.equal(0);
  });

  it('backs off 5 min × 2^(n-1) up to 6 h', () => {
    expect([0, 1, 2, 3, 4, 20].map((n) => backoffMs(n) / 60_000)).to.deep.equal([0, 5, 10, 20, 40, 360]);
  });
});
