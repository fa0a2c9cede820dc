import path from 'node:path';
import { expect } from 'chai';
import { articleId } from '../../src/archive/article.js';
import { loadArchive } from '../../src/archive/load.js';
import { canonicalBlogUrl } from '../../src/archive/url.js';
import { PROJECT_ROOT } from '../../src/config.js';

describe('content/ (the committed archive)', () => {
  let loaded: Awaited<ReturnType<typeof loadArchive>>;
  before(async () => {
    loaded = await loadArchive(path.join(PROJECT_ROOT, 'content'));
  });

  it('loads all 207 articles without a problem', () => {
    expect(loaded.problems).to.deep.equal([]);
    expect(loaded.articles).to.have.length(207);
  });

  it('gives every article a unique URL that follows the site rule (or its recorded url: override, case kept)', () => {
    const urls = loaded.articles.map((a) => a.url);
    expect(new Set(urls.map((u) => u.toLowerCase())).size).to.equal(urls.length);
    for (const a of loaded.articles)
      expect(a.url, a.id).to.match(/^https:\/\/kubernetes\.io\/zh-cn\/blog\/\d{4}\/\d{2}\/(?:\d{2}\/)?.+\/$/);
    const overridden = loaded.articles.filter((a) => a.url !== canonicalBlogUrl(a.date, a.slug));
    // Ten old posts carry a url: override (no day in the path); nine of them are spelled in mixed case.
    expect(overridden).to.have.length(10);
    for (const a of overridden) expect(a.url, a.id).to.match(/\/blog\/\d{4}\/\d{2}\/[^/\d][^/]*\/$/);
    expect(overridden.filter((a) => a.url !== a.url.toLowerCase())).to.have.length(9);
    expect(loaded.articles.find((a) => a.slug === 'borg-predecessor-to-kubernetes')?.url).to.equal(
      'https://kubernetes.io/zh-cn/blog/2015/04/Borg-Predecessor-To-Kubernetes/',
    );
  });

  it('fills every front matter field and a non-empty body', () => {
    for (const a of loaded.articles) {
      expect(a.title, a.id).to.be.a('string').and.not.empty;
      expect(a.date, a.id).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.slug, a.id).to.be.a('string').and.not.empty;
      expect(a.authors, a.id).to.be.an('array');
      expect(a.translators, a.id).to.be.an('array');
      expect(a.body.length, a.id).to.be.greaterThan(50);
      expect(a.id).to.equal(articleId(a.date, a.slug));
      expect(a.id).not.to.include('/');
    }
  });

  it('spans 2015 to 2023, newest first', () => {
    expect(loaded.articles[0].date).to.equal('2023-12-19');
    expect(loaded.articles.at(-1)!.date).to.equal('2015-03-20');
  });

  it('keeps credits in the front matter, not in the body', () => {
    const a = loaded.articles.find((x) => x.slug === 'kubernetes-1-29-taint-eviction-controller')!;
    expect(a.authors).to.deep.equal(['Yuan Chen (Apple)', 'Andrea Tosatto (Apple)']);
    expect(a.translators).to.deep.equal(['Allen Zhang']);
    expect(a.body).not.to.match(/^(作者|译者)/m);
    expect(a.headings).to.include('背景');
  });
});
