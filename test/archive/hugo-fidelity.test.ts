import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { extractBodyCredits, signOffAuthor } from '../../src/archive/body-credits.js';
import { splitHugoPage } from '../../src/archive/hugo-page.js';
import { ArchiveLoadError, type LoadedArchive, loadArchive, readArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SearchEngine } from '../../src/search/engine.js';

const TREE = path.join(PROJECT_ROOT, 'test', 'archive', 'fixtures', 'hugo-posts');
const NOW = new Date('2026-12-01T00:00:00Z');

describe('a Hugo tree in the shapes kubernetes/website uses (test/archive/fixtures/hugo-posts)', () => {
  let loaded: LoadedArchive;
  const bySlug = (slug: string): Article => {
    const a = loaded.articles.find((x) => x.slug === slug);
    if (!a) throw new Error(`no article ${slug}`);
    return a;
  };
  before(async () => {
    loaded = await loadArchive(TREE, { now: NOW });
  });

  it('loads every published post, skips drafts and future posts, and reports no problem', () => {
    expect(loaded.problems).to.deep.equal([]);
    expect(loaded.articles.map((a) => a.slug).sort()).to.deep.equal([
      'cluster-federation-preview',
      'community-update-may',
      'devicemanager-ga',
      'only-commented-front-matter',
      'sig-node-spotlight-2024',
      'wrapped-credits',
      '为开发者指南做贡献从这里开始',
    ]);
    expect(loaded.unpublished.map((p) => p.path).sort()).to.deep.equal([
      '2024/draft-post.md',
      '2024/upcoming-release.md',
    ]);
  });

  it('reads front matter kept in a leading HTML comment; the translated block after it wins', () => {
    const a = bySlug('cluster-federation-preview');
    expect(a.title).to.equal('集群联邦预览');
    expect(a.date).to.equal('2015-06-12');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2015/06/Cluster-Federation-Preview/');
    expect(a.body).not.to.match(/title:|slug:|---/);
    expect(a.original).to.include('A Preview of Cluster Federation');
    const only = bySlug('only-commented-front-matter');
    expect(only.title).to.equal('只有注释中的前言');
    expect(only.body.startsWith('这篇帖子的前言只在注释里')).to.equal(true);
  });

  it('keeps url: overrides as written, front-matter keys in any case', () => {
    const a = bySlug('community-update-may');
    expect(a.title).to.equal('社区动态：五月');
    expect(a.date).to.equal('2016-05-20');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2016/05/Community-Update-May/');
  });

  it('takes the slug from the title through urlize when there is none', () => {
    const a = bySlug('为开发者指南做贡献从这里开始');
    expect(a.url).to.equal('https://kubernetes.io/zh-cn/blog/2020/10/01/为开发者指南做贡献从这里开始/');
    expect(a.authors).to.deep.equal(['Alex Placeholder (Example Corp)']);
  });

  it('loads a page bundle whose folder name ends in .md, without its resources', () => {
    const a = bySlug('devicemanager-ga');
    expect(a.source).to.equal(path.join(TREE, '2023', 'devicemanager-ga.md', 'index.md'));
    expect(a.authors).to.deep.equal(['Kevin Placeholder (Example Inc.)']);
    expect(a.translators).to.deep.equal(['Morgan Sample (DaoCloud)']);
    expect(loaded.articles.some((x) => x.source?.endsWith('notes.md'))).to.equal(false);
  });

  it('reads a credit line that wraps over five lines whole, and keeps the translator', () => {
    const five = [
      'Frederico Muñoz (SAS Institute)',
      'Kaslin Fields (Google)',
      'Tim Bannister (The Scale Factory)',
      'Kirsten Garrison (Red Hat)',
      'Rey Lejano (SUSE)',
    ];
    for (const slug of ['wrapped-credits', 'sig-node-spotlight-2024']) {
      const a = bySlug(slug);
      expect(a.authors, slug).to.deep.equal(five);
      expect(a.translators, slug).to.deep.equal(['Michael Yao (DaoCloud)']);
      expect(a.body, slug).not.to.match(/Institute|作者|译者/);
    }
  });

  it('credits the author of a closing sign-off', () => {
    expect(bySlug('cluster-federation-preview').authors).to.deep.equal(['Quinn Example']);
    expect(bySlug('community-update-may').authors).to.deep.equal(['Sarah Novotny']);
    expect(bySlug('only-commented-front-matter').authors).to.deep.equal(['Robin Sample']);
  });

  it('decodes HTML entities beyond the basic ones', () => {
    expect(bySlug('community-update-may').body).to.include('很多事情—新的 SIG');
    expect(bySlug('community-update-may').body).to.include('“#kubernetes-users”');
    expect(bySlug('cluster-federation-preview').body).to.include('这只是一个预览—细节还会变化…');
    expect(bySlug('cluster-federation-preview').body).not.to.match(/&\w+;/);
  });

  it('lets author:"Sarah Novotny" find the post through the search engine', () => {
    const engine = SearchEngine.build(loaded.articles);
    const hits = engine.search('author:"Sarah Novotny"');
    expect(hits.total).to.equal(1);
    expect(engine.byUrl('https://kubernetes.io/zh-cn/blog/2016/05/community-update-may')?.url).to.equal(
      'https://kubernetes.io/zh-cn/blog/2016/05/Community-Update-May/',
    );
  });

  it('k8sblog archive --strict exits 0 on the tree', async function () {
    this.timeout(30000);
    const cli = path.join(PROJECT_ROOT, 'src', 'cli.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, 'archive', '--dir', TREE, '--strict'],
      { cwd: PROJECT_ROOT },
    );
    expect(stdout).to.match(/loaded 7, skipped 0, unpublished 2/);
  });
});

describe('Hugo page intro', () => {
  it('reads commented front matter and starts the content after the comment', () => {
    const page = splitHugoPage('\uFEFF<!--\n---\ntitle: A\n---\n-->\nSome text.\n');
    expect(page.frontMatter).to.deep.equal(['title: A\n']);
    expect(page.content).to.equal('\nSome text.\n');
  });

  it('fails on a leading comment that is never closed, and reads a page without front matter as content', () => {
    expect(() => splitHugoPage('<!--\n---\ntitle: A\n---\nSome text.\n')).to.throw(/never closed/);
    expect(splitHugoPage('Just text.\n')).to.deep.equal({ frontMatter: [], content: 'Just text.\n' });
    expect(splitHugoPage('---\n---\nBody\n')).to.deep.equal({ frontMatter: [''], content: 'Body\n' });
  });
});

describe('credits in the body', () => {
  it('does not swallow prose that follows a finished credit line', () => {
    const { markdown, credits } = extractBodyCredits('**作者**：A (X)\n这是正文的第一句。\n');
    expect(credits.authors).to.deep.equal(['A (X)']);
    expect(markdown).to.equal('\n这是正文的第一句。\n');
  });

  it('reads sign-offs with the name first or after a Chinese role, and not a closing bullet list', () => {
    expect(signOffAuthor('正文。\n\n - Kit Placeholder - Example 云平台产品经理\n')).to.equal('Kit Placeholder');
    expect(signOffAuthor('正文。\n\n--Example Networks 联合创始人 Chris Sample\n')).to.equal('Chris Sample');
    expect(signOffAuthor('正文。\n\n_-- Mikko Sample，Example Systems 产品管理总监_\n')).to.equal('Mikko Sample');
    expect(signOffAuthor('要点：\n\n- 第一点\n- Red Hat OpenShift\n')).to.equal(undefined);
    expect(signOffAuthor('正文。\n\n-- Kubernetes 社区\n')).to.equal(undefined);
  });
});

describe('a tree that cannot be used at all', () => {
  it('is one line naming what to fix, never an empty archive', async () => {
    const missing = path.join(os.tmpdir(), 'k8sblog-no-such-dir');
    const result = await readArchive(missing);
    expect(result).to.deep.equal({
      ok: false,
      error: `content directory ${missing} does not exist; check CONTENT_DIR`,
    });
    let thrown: unknown;
    await loadArchive(missing).catch((e) => (thrown = e));
    expect(thrown).to.be.instanceOf(ArchiveLoadError);
  });

  it('reports a directory with no posts, and one where no post loads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-empty-'));
    try {
      const empty = await readArchive(dir);
      expect(empty.ok).to.equal(false);
      expect(!empty.ok && empty.error).to.match(/holds no Markdown posts/);
      await writeFile(path.join(dir, 'broken.md'), 'no front matter here\n');
      const broken = await readArchive(dir);
      expect(!broken.ok && broken.error).to.equal(
        `none of the 1 posts in ${dir} loads (first: broken.md: front matter has no title)`,
      );
      if (process.getuid?.() !== 0) {
        await chmod(dir, 0o000);
        const unreadable = await readArchive(dir);
        await chmod(dir, 0o755);
        expect(!unreadable.ok && unreadable.error).to.match(/cannot be read \(EACCES\); check CONTENT_DIR$/);
      }
    } finally {
      await chmod(dir, 0o755).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  });
});
