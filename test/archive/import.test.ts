import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { importPrintView } from '../../src/archive/import/import-print.js';
import { parsePostsTable } from '../../src/archive/import/posts-table.js';
import { splitPrintText } from '../../src/archive/import/print-splitter.js';
import { printToMarkdown } from '../../src/archive/import/print-to-markdown.js';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';

const PRINT = path.join(PROJECT_ROOT, 'seed', 'zh-cn-blog-print.txt');
const POSTS = path.join(PROJECT_ROOT, 'seed', 'zh-cn-blog-posts.tsv');

async function treeBytes(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out = new Map<string, string>();
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return out;
}

describe('import of the print view', () => {
  let out: string;
  before(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-import-'));
    await importPrintView({ printFile: PRINT, postsFile: POSTS, outDir: out });
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('writes 207 files, byte-identical to the committed content/ and to a second import', async () => {
    const first = await treeBytes(out);
    expect(first.size).to.equal(207);
    const second = await importPrintView({ printFile: PRINT, postsFile: POSTS, outDir: out });
    expect(second.written).to.equal(0);
    expect(second.unchanged).to.equal(207);
    expect(await treeBytes(out)).to.deep.equal(first);
    expect(await treeBytes(path.join(PROJECT_ROOT, 'content'))).to.deep.equal(
      first,
      'content/ is stale: run npm run import',
    );
  });

  it('names files content/<yyyy>/<yyyy-mm-dd>-<slug>.md', async () => {
    for (const rel of (await treeBytes(out)).keys()) expect(rel).to.match(/^\d{4}\/\d{4}-\d{2}-\d{2}-[^/]+\.md$/);
  });

  it('cuts the first article after the print preamble and the last at the end of the text', async () => {
    const { articles } = await loadArchive(out);
    const first = articles.find((a) => a.slug === 'kubernetes-1-29-taint-eviction-controller')!;
    expect(first.body.startsWith('这篇博客讨论在 Kubernetes 1.29 中基于污点的 Pod 驱逐处理的新特性。')).to.equal(true);
    expect(first.body).not.to.include('多页打印视图');
    // It ends with its own acknowledgements, not with the next article's title.
    expect(first.body.trimEnd().endsWith('Deep Debroy (@ddebroy)')).to.equal(true);
    expect(first.body).not.to.include('PodReadyToStartContainers 状况进阶至 Beta');
    const last = articles.at(-1)!;
    expect(last.title).to.equal('欢迎来到 Kubernetes 博客!');
    expect(last.body.trimEnd().endsWith('Kit Merker - Google 云平台产品经理')).to.equal(true);
  });

  it('keeps an article without credit lines whole', async () => {
    const { articles } = await loadArchive(out);
    const a = articles.find((x) => x.slug === 'autoscaling-in-kubernetes')!;
    expect(a.authors).to.deep.equal([]);
    expect(a.body.startsWith('Kubernetes 允许开发人员根据当前的流量和负载自动调整集群大小')).to.equal(true);
  });

  it('does not cut at short lines that look like titles', () => {
    const posts = parsePostsTable(
      'date\tslug\turl\ttitle\tauthor\tin_seed\tseed_line\tpath\n' +
        '2023-02-02\tsecond\thttps://kubernetes.io/zh-cn/blog/2023/02/02/second/\t第二篇\t\tyes\t1\t\n' +
        '2023-01-01\tfirst\thttps://kubernetes.io/zh-cn/blog/2023/01/01/first/\t第一篇\t\tyes\t9\t\n',
    );
    const text = ['第二篇', '', '作者: A', '', '背景', '', '正文。', '', '第一篇', '', '正文一。'].join('\n');
    const chunks = splitPrintText(text, posts);
    expect(chunks.map((c) => c.titleLine)).to.deep.equal(['第二篇', '第一篇']);
    const md = printToMarkdown(chunks[0].lines);
    expect(md.credits.authors).to.deep.equal(['A']);
    expect(md.markdown).to.equal('## 背景\n\n正文。\n');
  });

  it('turns bullets into list items and indented runs into code', () => {
    const md = printToMarkdown([
      '',
      '  • 一 *星* <b>',
      '* 二',
      '',
      '    kind: Pod',
      '    ',
      '    spec: {}',
      '',
      '完。',
    ]).markdown;
    expect(md).to.equal('- 一 \\*星\\* \\<b\\>\n- 二\n\n```\nkind: Pod\n\nspec: {}\n```\n\n完。\n');
  });

  it('refuses a table whose title lines do not fit the text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-bad-'));
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'print.txt'), 'a\nb\n');
      await writeFile(
        path.join(dir, 'posts.tsv'),
        'date\tslug\turl\ttitle\tauthor\tin_seed\tseed_line\n2023-01-01\tx\tu\tt\t\tyes\t99\n',
      );
      let error: unknown;
      await importPrintView({
        printFile: path.join(dir, 'print.txt'),
        postsFile: path.join(dir, 'posts.tsv'),
        outDir: path.join(dir, 'out'),
      }).catch((e) => (error = e));
      expect(String(error)).to.match(/seed_line 99 is outside the print text/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
