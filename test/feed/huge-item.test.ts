/**
 * One huge feed item (a hostile or broken feed): what one poll may bring in is bounded, so `k8sblog poll` stays well
 * under the 512 MiB of deploy/kubernetes.yaml, the event loop keeps answering while it parses and indexes, and a
 * restart with an oversize row already stored is bounded too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import type { PostRow } from '../../src/archive/import/posts-table.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { ITEM_MAX_TEXT_CHARS } from '../../src/feed/limits.js';
import { pollFeed, restoreFeedArticles } from '../../src/feed/poller.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { MemoryIndex } from '../digest/support/memory-index.js';
import { createDatabase, type TestDatabase } from '../store/databases.js';
import { FeedServer, hugeArticleHtml, loadPostRows } from '../support/feed-server.js';

const TSX_LOADER = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const REPORT_MAX_RSS = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/report-max-rss.mjs'),
).href;
const MB = 1024 * 1024;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  maxRssMb: number;
}

/** `k8sblog poll` as its own process, reporting its peak RSS. */
function poll(feedUrl: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, '--import', REPORT_MAX_RSS, path.join(PROJECT_ROOT, 'src/cli.ts'), 'poll'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        CONTENT_DIR: path.join(dataDir, 'no-content'),
        FEED_URL: feedUrl,
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const kb = Number(/MAX_RSS_KB (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      resolve({ code, stdout, stderr, maxRssMb: kb / 1024 });
    }),
  );
}

/** The longest the event loop went without running a timer while `work` ran. */
async function longestBlockMs(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work();
    const now = performance.now();
    return Math.max(longest, now - last);
  } finally {
    clearInterval(timer);
  }
}

describe('a feed with one huge item', function () {
  this.timeout(120_000);
  let rows: PostRow[];
  let feed: FeedServer;
  let dataDir: string;

  before(async () => {
    rows = await loadPostRows();
  });

  beforeEach(async () => {
    feed = await FeedServer.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'k8sblog-huge-'));
  });

  afterEach(async () => {
    await feed.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a 20 MB description: `k8sblog poll` stays under 400 MB peak RSS and stores the item truncated', async () => {
    feed.setPosts(rows, { hugeDescriptionBytes: 20 * MB });
    // The feed's byte cap raised above this feed so that the whole parse path is measured, not the refusal.
    const run = await poll(feed.url, dataDir, { FEED_MAX_BYTES: String(40 * MB) });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/first poll of .*: 50 items/);
    expect(run.stderr).to.match(/truncated/);
    expect(run.maxRssMb, `peak RSS ${run.maxRssMb.toFixed(0)} MB`).to.be.below(400);

    const store = await openStore({ dataDir });
    try {
      const stored = (await store.feedArticles(0)).find((fa) => fa.article.url === rows[0].url);
      expect(stored, 'the huge item is kept, truncated').not.to.equal(undefined);
      expect(stored?.article.body.length).to.be.within(ITEM_MAX_TEXT_CHARS / 2, ITEM_MAX_TEXT_CHARS);
    } finally {
      await store.close();
    }
  });

  it('a feed over FEED_MAX_BYTES is refused with the reason, reading stopped at the cap', async () => {
    feed.setPosts(rows, { hugeDescriptionBytes: 30 * MB });
    // No Content-Length: the size is only found out while reading.
    feed.chunked = true;
    const run = await poll(feed.url, dataDir);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/poll failed \(1 in a row\): feed is larger than 20 MB \(FEED_MAX_BYTES\)/);
    expect(run.maxRssMb, `peak RSS ${run.maxRssMb.toFixed(0)} MB`).to.be.below(400);
  });

  describe('in process', () => {
    let db: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      db = await createDatabase('sqlite');
      store = await openStore(db.location);
    });

    afterEach(async () => {
      await store.close();
      await db.drop();
    });

    it('parsing and storing a 20 MB item never blocks the event loop for long', async () => {
      feed.setPosts(rows, { hugeDescriptionBytes: 20 * MB });
      // The test's own feed server builds and encodes the document in this process: done before the clock starts.
      await (await fetch(feed.url)).arrayBuffer();
      let result: Awaited<ReturnType<typeof pollFeed>> | undefined;
      const blocked = await longestBlockMs(async () => {
        result = await pollFeed({ store, feedUrl: feed.url, index: new MemoryIndex(), log: quiet, maxBytes: 40 * MB });
      });
      expect(result?.status, result?.status === 'failed' ? result.reason : '').to.equal('baseline');
      expect(blocked, `event loop blocked ${blocked.toFixed(0)} ms`).to.be.below(2000);
    });

    it('a restart with an oversize article already stored restores it truncated, in seconds', async () => {
      const huge: Article = {
        id: '2026-08-01-huge',
        title: '很长的文章',
        date: '2026-08-01',
        url: 'https://kubernetes.io/zh-cn/blog/2026/08/01/huge/',
        slug: 'huge',
        authors: [],
        translators: [],
        body: hugeArticleHtml(20 * MB).replace(/<[^>]+>/g, ''),
        headings: [],
        source: 'feed',
      };
      await store.commitPoll({
        feedUrl: feed.url,
        now: new Date().toISOString(),
        seenUrls: [huge.url],
        articles: [{ article: huge, announce: false }],
        itemCount: 1,
        baseline: true,
      });
      const index = new MemoryIndex();
      const started = performance.now();
      expect(await restoreFeedArticles(store, index, quiet)).to.equal(1);
      expect(performance.now() - started).to.be.below(5000);
      expect(index.added[0].body.length).to.be.at.most(ITEM_MAX_TEXT_CHARS);
    });
  });
});
