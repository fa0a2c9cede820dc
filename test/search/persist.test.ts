import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SearchEngine } from '../../src/search/engine.js';
import { openSearchEngine } from '../../src/search/open.js';
import { hashContent, readIndexFile, writeIndexFile } from '../../src/search/persist.js';
import { FIXTURES } from './fixtures.js';

const QUERIES = [
  '准入控制器',
  'kubeadm 高可用集群',
  'v1.29',
  'KEP-3386',
  'sidecar',
  'kubeamd',
  'author:paco',
  'before:2020',
  '"etcd learner"',
  '准入 -安全',
];

/** Every term's posting lists as plain arrays, terms sorted: what an engine holds, whatever the list types. */
function plainPostings(engine: SearchEngine): Array<[string, Array<Array<number[] | null> | null>]> {
  return [...engine.state().postings]
    .map(([term, fields]): [string, Array<Array<number[] | null> | null>] => [
      term,
      fields.map((slots) => (slots ? Array.from(slots, (ids) => (ids?.length ? Array.from(ids) : null)) : null)),
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function markdown(a: (typeof FIXTURES)[number]): string {
  const list = (xs: string[]) => xs.map((x) => `\n  - "${x}"`).join('');
  return `---\ntitle: "${a.title}"\ndate: "${a.date}"\nslug: "${a.slug}"\nauthors:${list(a.authors)}\ntranslators:${list(a.translators)}\n---\n\n${a.body}\n`;
}

describe('search index persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'k8sblog-search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the same flexsearch index in bulk as article by article through flexsearch add', () => {
    const bulk = SearchEngine.build(FIXTURES);
    const oneByOne = new SearchEngine();
    for (const a of FIXTURES) oneByOne.add(a);
    expect(oneByOne.flexExport()).to.deep.equal(bulk.flexExport());
    expect(oneByOne.state().lengths).to.deep.equal(bulk.state().lengths);
    for (const q of QUERIES) expect(oneByOne.search(q).results, q).to.deep.equal(bulk.search(q).results);
  });

  it('round-trips through the index file with identical results', async () => {
    const built = SearchEngine.build(FIXTURES);
    const file = path.join(dir, 'index.json');
    await writeIndexFile(file, built.state(), 'sha256:test');
    const { header, state } = await readIndexFile(file);
    expect(header).to.include({ contentHash: 'sha256:test', articles: FIXTURES.length });
    const restored = SearchEngine.restore(state);
    expect(restored.size).to.equal(built.size);
    expect(plainPostings(restored)).to.deep.equal(plainPostings(built));
    expect(restored.state().lengths).to.deep.equal(built.state().lengths);
    expect(restored.state().tags).to.deep.equal(built.state().tags);
    for (const q of QUERIES) {
      const a = built.search(q);
      const b = restored.search(q);
      expect(b.results, q).to.deep.equal(a.results);
      expect(b.total, q).to.equal(a.total);
      expect(b.corrected, q).to.equal(a.corrected);
    }
    expect(restored.get(FIXTURES[0].id)).to.deep.equal({ ...FIXTURES[0] });
  });

  it('adds and replaces articles in an engine read from the index file as in one built in memory', async () => {
    const file = path.join(dir, 'index.bin');
    await writeIndexFile(file, SearchEngine.build(FIXTURES.slice(1)).state(), 'sha256:test');
    const restored = SearchEngine.restore((await readIndexFile(file)).state);
    const built = SearchEngine.build(FIXTURES.slice(1));
    for (const engine of [restored, built]) {
      engine.add(FIXTURES[0]);
      engine.add({ ...FIXTURES[1], title: `${FIXTURES[1].title} 准入控制器` });
    }
    expect(plainPostings(restored)).to.deep.equal(plainPostings(built));
    for (const q of QUERIES) expect(restored.search(q).results, q).to.deep.equal(built.search(q).results);
  });

  it('rebuilds an index written by another engine version or another format', async () => {
    const content = path.join(dir, 'content', '2023');
    await mkdir(content, { recursive: true });
    for (const a of FIXTURES) await writeFile(path.join(content, `${a.date}-${a.slug}.md`), markdown(a));
    const contentDir = path.join(dir, 'content');
    const indexFile = path.join(dir, 'index.bin');
    await openSearchEngine({ contentDir, indexFile });
    const bytes = await readFile(indexFile);
    const headerEnd = bytes.indexOf(10);
    const header = bytes.subarray(0, headerEnd).toString('utf8');
    for (const [from, to] of [
      [/"code":"[^"]*"/, '"code":"sha256:0000000000000000"'],
      [/"format":\d+/, '"format":2'],
    ] as const) {
      const changed = header.replace(from, to).padEnd(headerEnd, ' ');
      expect(Buffer.byteLength(changed)).to.equal(headerEnd);
      await writeFile(indexFile, Buffer.concat([Buffer.from(changed), bytes.subarray(headerEnd)]));
      const opened = await openSearchEngine({ contentDir, indexFile });
      expect(opened.source, String(from)).to.equal('rebuilt');
      expect(opened.reason).to.equal('the index was built by another engine version');
      expect((await openSearchEngine({ contentDir, indexFile })).source).to.equal('prebuilt');
    }
  });

  it('starts from the prebuilt index when content/ is unchanged, and rebuilds (saying why) when it is not', async () => {
    const content = path.join(dir, 'content', '2023');
    await mkdir(content, { recursive: true });
    for (const a of FIXTURES) await writeFile(path.join(content, `${a.date}-${a.slug}.md`), markdown(a));
    const indexFile = path.join(dir, 'dist', 'search-index.bin');
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`WARN ${m}`) };
    const contentDir = path.join(dir, 'content');

    const first = await openSearchEngine({ contentDir, indexFile, log });
    expect(first.source).to.equal('rebuilt');
    expect(first.reason).to.match(/no readable index/);
    expect(lines.some((l) => /rebuilding/.test(l))).to.equal(true);
    expect(first.engine.size).to.equal(FIXTURES.length);
    expect(first.engine.search('kubeadm').results[0].id).to.equal('2023-09-25-kubeadm-learner');

    const second = await openSearchEngine({ contentDir, indexFile, log });
    expect(second.source).to.equal('prebuilt');
    expect(second.builtAt).to.equal(first.builtAt);
    expect(second.engine.search('kubeadm').results).to.deep.equal(first.engine.search('kubeadm').results);

    const changed = path.join(content, `${FIXTURES[1].date}-${FIXTURES[1].slug}.md`);
    await writeFile(
      changed,
      (await readFile(changed, 'utf8')).replace('kubeadm 工具', 'kubeadm 与 fluxcapacitor 工具'),
    );
    const third = await openSearchEngine({ contentDir, indexFile, log });
    expect(third.source).to.equal('rebuilt');
    expect(third.reason).to.match(/content\/ changed/);
    expect(third.engine.search('fluxcapacitor').total).to.equal(1);
    expect((await readIndexFile(indexFile)).header.contentHash).to.equal(await hashContent(contentDir));

    await writeFile(indexFile, (await readFile(indexFile)).subarray(0, 500));
    const fourth = await openSearchEngine({ contentDir, indexFile, log });
    expect(fourth.source).to.equal('rebuilt');
    expect(fourth.reason).to.match(/could not be read/);
  });

  it('hashes content/ by file names and bytes', async () => {
    const a = path.join(dir, 'a');
    await mkdir(a);
    await writeFile(path.join(a, 'x.md'), 'one');
    const h1 = await hashContent(a);
    await writeFile(path.join(a, 'notes.txt'), 'ignored');
    expect(await hashContent(a)).to.equal(h1);
    await writeFile(path.join(a, 'x.md'), 'two');
    expect(await hashContent(a)).to.not.equal(h1);
    expect(await hashContent(path.join(dir, 'missing'))).to.equal('missing');
  });
});
