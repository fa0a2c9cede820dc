/**
 * Reloading the archive while the bot runs: the new index is built in a child process and swapped in whole; a
 * tree that fails to load leaves the old index answering; the feed's articles stay searchable across reloads, and a
 * feed article that later appears in the tree is one article, not two.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { startIndexReloader } from '../../src/index-reload.js';
import { openSearchEngine } from '../../src/search/open.js';
import { SwappableSearcher } from '../../src/search/swappable.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { memoryLog } from '../slack/harness.js';
import { runCli } from '../support/cli.js';

const SOURCE = path.join(PROJECT_ROOT, 'content', '2023');
const FILES = [
  '2023-01-02-cross-namespace-data-sources-alpha.md',
  '2023-01-05-retroactive-default-storage-class.md',
  '2023-01-06-unhealthy-pod-eviction-policy-for-pdbs.md',
];

describe('archive reload without downtime', function () {
  this.timeout(120_000);
  let dir: string;
  let content: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-reload-'));
    content = path.join(dir, 'content');
    await mkdir(content);
    for (const f of FILES.slice(0, 2)) await cp(path.join(SOURCE, f), path.join(content, f));
    store = await openStore({ dataDir: path.join(dir, 'data') });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('swaps in a rebuilt index, keeps feed articles, and counts a feed article now in the tree once', async () => {
    const config = { contentDir: content, indexFile: path.join(dir, 'index.json') };
    const opened = await openSearchEngine(config);
    const searcher = new SwappableSearcher(opened.engine);
    // The third post arrived by the feed before the tree had it.
    const [third] = (await loadArchive(path.join(PROJECT_ROOT, 'content'))).articles.filter((a) =>
      FILES[2].includes(a.slug),
    );
    await store.commitPoll({
      feedUrl: 'http://127.0.0.1/feed.xml',
      now: new Date().toISOString(),
      seenUrls: [third.url],
      articles: [{ article: { ...third, source: 'feed' }, announce: false }],
      itemCount: 1,
      baseline: true,
    });
    const log = memoryLog();
    const reloader = startIndexReloader({ config, searcher, store, log, builtAt: opened.builtAt, watch: false });
    try {
      // Nothing changed on disk: the reload keeps the index in place.
      expect((await reloader.reload('test')).status).to.equal('unchanged');

      await cp(path.join(SOURCE, FILES[2]), path.join(content, FILES[2]));
      const before = searcher.current;
      const outcome = await reloader.reload('test');
      expect(outcome).to.include({ status: 'swapped', articles: 3 });
      expect(searcher.current).not.to.equal(before);
      expect(searcher.size, 'the feed article and the tree article are one').to.equal(3);
      expect(searcher.byUrl(third.url)?.id).to.equal(third.id);

      // A broken tree: the old index keeps answering, and the log says why.
      await rm(content, { recursive: true });
      const failed = await reloader.reload('test');
      expect(failed.status).to.equal('failed');
      expect(searcher.size).to.equal(3);
      expect(searcher.search('PodDisruptionBudget').total).to.be.above(0);
      expect(
        log.lines.some((l) => l.level === 'error' && /old index stays in place: .*CONTENT_DIR/.test(l.msg)),
      ).to.equal(true);
    } finally {
      reloader.stop();
    }
  });

  it('answers searches from the old index while the new one is being built', async () => {
    const config = { contentDir: content, indexFile: path.join(dir, 'index.json') };
    const opened = await openSearchEngine(config);
    const searcher = new SwappableSearcher(opened.engine);
    const reloader = startIndexReloader({ config, searcher, log: memoryLog(), builtAt: opened.builtAt, watch: false });
    try {
      await cp(path.join(SOURCE, FILES[2]), path.join(content, FILES[2]));
      const pending = reloader.reload('test');
      // The event loop is free while the child builds: searches keep being answered by the old index.
      let answered = 0;
      while (
        (await Promise.race([pending.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))])) === false
      ) {
        expect(searcher.search('StorageClass').total).to.be.above(0);
        answered++;
      }
      expect(answered).to.be.above(0);
      expect((await pending).status).to.equal('swapped');
      expect(searcher.size).to.equal(3);
    } finally {
      reloader.stop();
    }
  });

  it('picks up an index that `k8sblog build-index` wrote while the bot runs', async () => {
    const config = { contentDir: content, indexFile: path.join(dir, 'index.json') };
    const opened = await openSearchEngine(config);
    const searcher = new SwappableSearcher(opened.engine);
    const reloader = startIndexReloader({ config, searcher, log: memoryLog(), builtAt: opened.builtAt });
    try {
      await cp(path.join(SOURCE, FILES[2]), path.join(content, FILES[2]));
      const built = await runCli(['build-index', '--quiet', '--dir', content, '--out', config.indexFile], {});
      expect(built.code, built.err).to.equal(0);
      for (let i = 0; i < 100 && searcher.size !== 3; i++) await new Promise((r) => setTimeout(r, 200));
      expect(searcher.size).to.equal(3);
    } finally {
      reloader.stop();
    }
  });
});
