import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { SearchEngine } from '../../src/search/engine.js';
import { article } from './fixtures.js';

/** Bodies of pseudo-random ideographs and words: thousands of distinct bigrams, so every table in the bulk load grows. */
function bulky(count: number): Article[] {
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: Article[] = [];
  for (let k = 0; k < count; k++) {
    let body = '';
    for (let i = 0; i < 2500; i++) body += String.fromCharCode(0x4e00 + next(300));
    body += ` word${next(50)} 𠀀𠀁 ${'ｋｕｂｅ'} v1.${next(40)} kep-${next(9)}`;
    out.push(
      article({ slug: `a${k}`, date: `2023-01-${String((k % 28) + 1).padStart(2, '0')}`, title: `标题${k}`, body }),
    );
  }
  return out;
}

describe('bulk load postings', () => {
  it('match flexsearch add when the load outgrows its initial tables', () => {
    const articles = bulky(40);
    const bulk = SearchEngine.build(articles);
    const oneByOne = new SearchEngine();
    for (const a of articles) oneByOne.add(a);
    expect(bulk.flexExport()).to.deep.equal(oneByOne.flexExport());
    expect(bulk.state().lengths).to.deep.equal(oneByOne.state().lengths);
  });

  it('take added and replaced articles like lists flexsearch built itself (views become plain arrays first)', () => {
    const articles = bulky(12);
    const bulk = SearchEngine.build(articles.slice(0, 10));
    const oneByOne = new SearchEngine();
    for (const a of articles.slice(0, 10)) oneByOne.add(a);
    const replaced = { ...articles[3], body: `${articles[11].body} 替换` };
    for (const engine of [bulk, oneByOne]) {
      engine.add(articles[10]);
      engine.add(replaced);
    }
    expect(bulk.flexExport()).to.deep.equal(oneByOne.flexExport());
    const query = articles[10].body.slice(0, 4);
    expect(bulk.search(query).results).to.deep.equal(oneByOne.search(query).results);
  });
});
