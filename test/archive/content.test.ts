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

  it('gives every article a unique URL that follows the site rule (or its recorded url: override)', () => {
    const urls = loaded.articles.map((a) => a.url);
    expect(new Set(urls).size).to.equal(urls.length);
    for (const a of loaded.articles) {
      expect(a.url, a.id).to.match(/^https:\/\/kubernetes\.io\/zh-cn\/blog\/\d{4}\/\d{2}\/(?:\d{2}\/)?.+\/$/);
      expect(a.url, a.id).to.equal(a.url.toLowerCase());
    }
    const byRule = loaded.articles.filter((a) => a.url === canonicalBlogUrl(a.date, a.slug));
    // A handful of old posts carry a url: override in their front matter; all others follow the rule.
    expect(byRule.length).to.be.greaterThan(195);
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
