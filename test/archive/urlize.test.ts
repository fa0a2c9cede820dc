import path from 'node:path';
import { expect } from 'chai';
import { readPostsTable } from '../../src/archive/import/posts-table.js';
import { canonicalBlogUrl } from '../../src/archive/url.js';
import { hugoUrlize, sanitizePath } from '../../src/archive/urlize.js';
import { PROJECT_ROOT } from '../../src/config.js';

describe("Hugo's urlize", () => {
  it('keeps letters, digits and marks of any script and . / \\ _ # + ~, drops other punctuation', () => {
    expect(sanitizePath('Frontiers, fsGroups: 1.23')).to.equal('Frontiers-fsGroups-1.23');
    expect(sanitizePath('SSL/TLS 终止')).to.equal('SSL/TLS-终止');
    expect(sanitizePath('C++ & C# ~ tips_1')).to.equal('C++-C#-~-tips_1');
    expect(sanitizePath('「容器」？运行时！')).to.equal('容器运行时');
    expect(sanitizePath('संस्कृत')).to.equal('संस्कृत');
    expect(sanitizePath('a%C3%B1b 100%')).to.equal('a%C3%B1b-100');
  });

  it('turns runs of spaces and hyphens into one hyphen, none at either end', () => {
    expect(sanitizePath('  Foo   bar  ')).to.equal('Foo-bar');
    expect(sanitizePath('a --- b')).to.equal('a-b');
    expect(sanitizePath('- a -')).to.equal('a');
    expect(sanitizePath('Kubernetes v1.36：ハル (Haru)')).to.equal('Kubernetes-v1.36ハル-Haru');
  });

  it('lower-cases, since kubernetes/website keeps disablePathToLower off', () => {
    expect(hugoUrlize('Kubernetes 1.28: Non-Graceful Node Shutdown GA')).to.equal(
      'kubernetes-1.28-non-graceful-node-shutdown-ga',
    );
  });

  describe('on the published posts (seed/zh-cn-blog-posts.tsv)', () => {
    let rows: Awaited<ReturnType<typeof readPostsTable>>;
    before(async () => {
      rows = await readPostsTable(path.join(PROJECT_ROOT, 'seed', 'zh-cn-blog-posts.tsv'));
    });

    it('gives every post without a url: override its published URL from date and urlized slug', () => {
      expect(rows.length).to.be.greaterThan(250);
      // A url: override has no day in its path; every other URL is /zh-cn/blog/yyyy/mm/dd/<urlize(slug)>/.
      const overrides = rows.filter((r) => !/\/blog\/\d{4}\/\d{2}\/\d{2}\//.test(r.url));
      expect(overrides).to.have.length(10);
      for (const r of rows.filter((x) => !overrides.includes(x)))
        expect(canonicalBlogUrl(r.date, r.slug), r.slug).to.equal(r.url);
      // Some slugs are written in mixed case; the site lower-cases them, but not the overrides.
      expect(rows.filter((r) => !overrides.includes(r) && r.slug !== r.slug.toLowerCase())).not.to.be.empty;
      expect(overrides.filter((r) => r.url !== r.url.toLowerCase())).to.have.length(9);
    });

    it('derives the slug from the title for the posts that have none (their slug is no file name)', () => {
      const fromTitle = rows.filter((r) => /[^\x20-\x7e]/.test(r.slug));
      expect(fromTitle.map((r) => r.date).sort()).to.deep.equal(['2019-04-24', '2020-10-01', '2022-04-29']);
      for (const r of fromTitle) {
        expect(hugoUrlize(r.title), r.title).to.equal(r.slug);
        expect(canonicalBlogUrl(r.date, hugoUrlize(r.title))).to.equal(r.url);
      }
    });
  });
});
