import { expect } from 'chai';
import { SearchEngine } from '../../src/search/engine.js';
import { keyed } from '../../src/search/occurrences.js';
import { makeSnippet, SNIPPET_MAX, SnippetSource } from '../../src/search/snippet.js';
import { article } from './fixtures.js';

const snippet = (raw: string, needles: string[]) =>
  makeSnippet(new SnippetSource(raw), [needles.map(keyed)], 0, needles.map(keyed));
const brokenPair = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('search snippets', () => {
  const long = `${'前言部分的文字。'.repeat(60)}\n\n这里讲 Kubeadm 的高可用集群。${'后面还有很多别的内容。'.repeat(60)}`;

  it('are at most 200 characters, around the passage where the words are', () => {
    const s = snippet(long, ['kubeadm', '高可用']);
    expect(s.text.length).to.be.at.most(SNIPPET_MAX);
    expect(s.text).to.include('Kubeadm 的高可用集群');
    expect(s.text.startsWith('…')).to.equal(true);
    expect(s.text.endsWith('…')).to.equal(true);
  });

  it('mark exactly the matching ranges, case-insensitively, sorted and not overlapping', () => {
    const s = snippet(long, ['kubeadm', '高可用', '可用集群']);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).to.deep.equal(['Kubeadm', '高可用集群']);
    for (let i = 1; i < s.highlights.length; i++) expect(s.highlights[i][0]).to.be.greaterThan(s.highlights[i - 1][1]);
  });

  it('mark Latin words only at word boundaries', () => {
    const s = snippet('kubeadm made it. made in kubeadm', ['made']);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).to.deep.equal(['made', 'made']);
    expect(s.highlights[0][0]).to.equal(8);
  });

  it('collapse whitespace and keep marks in place', () => {
    const s = snippet('第一段\n\n\n第二段   有 kubeadm', ['kubeadm']);
    expect(s.text).to.equal('第一段 第二段 有 kubeadm');
    const [[a, b]] = s.highlights;
    expect(s.text.slice(a, b)).to.equal('kubeadm');
  });

  it('never split a surrogate pair, wherever the cut falls', () => {
    for (let pad = 0; pad < 8; pad++) {
      const text = `${'字'.repeat(pad)}${'😀'.repeat(300)} kubeadm ${'😀'.repeat(300)}`;
      const s = snippet(text, ['kubeadm']);
      expect(s.text, `pad ${pad}`).to.not.match(brokenPair);
      expect(s.text.length).to.be.at.most(SNIPPET_MAX);
      for (const [a, b] of s.highlights) expect(s.text.slice(a, b)).to.equal('kubeadm');
    }
  });

  it('start at the beginning when nothing matches, and are empty for an empty body', () => {
    expect(snippet('短文。', ['不存在']).text).to.equal('短文。');
    expect(snippet('', ['x'])).to.deep.equal({ text: '', highlights: [] });
  });

  it('come with every search hit (and can be left out)', () => {
    const engine = SearchEngine.build([article({ slug: 'a', date: '2023-01-01', title: 'T', body: long })]);
    const [hit] = engine.search('kubeadm 高可用').results;
    expect(hit.snippet.length).to.be.at.most(SNIPPET_MAX);
    expect(hit.snippet).to.include('Kubeadm');
    expect(hit.snippet).to.not.match(brokenPair);
    for (const [a, b] of hit.highlights) expect(b).to.be.at.most(hit.snippet.length).and.greaterThan(a);
    const [bare] = engine.search('kubeadm', { snippets: false }).results;
    expect(bare).to.include({ snippet: '' });
    expect(bare.highlights).to.deep.equal([]);
  });

  it('merge overlapping and touching marks, in order', () => {
    // 高可 and 可用 overlap, 用集 touches them; 群 (one character: scanned for, not looked up) stands before them.
    const s = snippet('群 高可用集', ['高可', '可用', '用集', '群']);
    expect(s.highlights).to.deep.equal([
      [0, 1],
      [2, 6],
    ]);
  });
});
