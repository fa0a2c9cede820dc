import { expect } from 'chai';
import { SearchEngine, topK } from '../../src/search/engine.js';
import { HELP_TEXT } from '../../src/search/help.js';
import { article, FIXTURES } from './fixtures.js';

const ids = (engine: SearchEngine, q: string, limit = 10) => engine.search(q, { limit }).results.map((h) => h.id);

describe('search engine (fixtures)', () => {
  let engine: SearchEngine;
  beforeEach(() => {
    engine = SearchEngine.build(FIXTURES);
  });

  it('ranks a title match above a passing mention in a body', () => {
    const found = ids(engine, '准入控制器');
    expect(found[0]).to.equal('2022-01-19-admission-controllers');
    expect(found).to.include('2021-06-01-passing-mention');
    expect(found.indexOf('2021-06-01-passing-mention')).to.be.greaterThan(0);
  });

  it('returns title, url, date, authors, score and a snippet with marks', () => {
    const [hit] = engine.search('kubeadm 高可用集群').results;
    expect(hit).to.include({ id: '2023-09-25-kubeadm-learner', date: '2023-09-25' });
    expect(hit.url).to.equal('https://kubernetes.io/zh-cn/blog/2023/09/25/kubeadm-learner/');
    expect(hit.authors).to.deep.equal(['Paco Xu (DaoCloud)']);
    expect(hit.score).to.be.greaterThan(0);
    expect(hit.highlights.length).to.be.greaterThan(0);
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
    expect(marked).to.include('kubeadm');
  });

  it('finds versions, KEPs and identifiers however they are written', () => {
    expect(ids(engine, 'v1.29')[0]).to.equal('2023-11-16-kubernetes-1-29-removals');
    expect(ids(engine, '1.29.0')[0]).to.equal('2023-11-16-kubernetes-1-29-removals');
    expect(ids(engine, 'KEP-3386')).to.deep.equal(['2023-05-15-speed-up-pod-startup']);
    expect(ids(engine, 'kep 3386')).to.deep.equal(['2023-05-15-speed-up-pod-startup']);
    expect(ids(engine, 'crio')).to.deep.equal(['2023-08-25-native-sidecar-containers']);
    expect(ids(engine, 'cgroupv2')).to.deep.equal(['2023-08-25-native-sidecar-containers']);
    expect(ids(engine, 'registry.k8s.io')[0]).to.equal('2023-11-16-kubernetes-1-29-removals');
  });

  it('expands glossary terms at a lower weight than the user’s own words', () => {
    expect(ids(engine, 'sidecar')[0]).to.equal('2023-08-25-native-sidecar-containers');
    expect(ids(engine, '名字空间')).to.include('2021-06-01-passing-mention');
    const own = engine.search('边车').results[0].score;
    const viaGlossary = engine.search('sidecar').results[0].score;
    expect(viaGlossary).to.be.lessThan(own);
  });

  it('corrects a misspelt Latin word against the index vocabulary', () => {
    const r = engine.search('kubeamd');
    expect(r.results[0]?.id).to.equal('2023-09-25-kubeadm-learner');
    expect(r.corrected).to.equal('kubeadm');
    expect(engine.search('kubeadm').corrected).to.equal(undefined);
  });

  it('filters by author (part of a name or the whole), year, before and after', () => {
    expect(ids(engine, 'author:paco').sort()).to.deep.equal([
      '2023-05-15-speed-up-pod-startup',
      '2023-09-25-kubeadm-learner',
    ]);
    expect(ids(engine, 'author:"Paco Xu" kubeadm')).to.deep.equal(['2023-09-25-kubeadm-learner']);
    expect(ids(engine, 'author:kat')).to.deep.equal(['2023-11-16-kubernetes-1-29-removals']);
    expect(ids(engine, 'year:2023 Kubernetes').every((id) => id.startsWith('2023-'))).to.equal(true);
    expect(ids(engine, 'before:2020')).to.deep.equal(['2016-03-01-old-post']);
    expect(ids(engine, 'after:2023-09')).to.deep.equal([
      '2023-11-16-kubernetes-1-29-removals',
      '2023-09-25-kubeadm-learner',
    ]);
    // author: also finds a translator's work when no author matches.
    expect(ids(engine, 'author:"michael yao"')).to.deep.equal(['2022-01-19-admission-controllers']);
  });

  it('excludes articles with a -word and requires a "phrase" word for word', () => {
    expect(ids(engine, '准入控制器 -安全')).to.deep.equal(['2021-06-01-passing-mention']);
    expect(ids(engine, '"etcd learner"')).to.deep.equal(['2023-09-25-kubeadm-learner']);
    expect(ids(engine, '"learner etcd"')).to.deep.equal([]);
  });

  it('pages with limit and offset and counts the total', () => {
    const all = engine.search('kubernetes', { limit: 100 });
    expect(all.total).to.equal(all.results.length);
    const page = engine.search('kubernetes', { limit: 2, offset: 1 });
    expect(page.total).to.equal(all.total);
    expect(page.results.map((h) => h.id)).to.deep.equal(all.results.slice(1, 3).map((h) => h.id));
    expect(engine.search('kubernetes', { limit: 0 }).results).to.deep.equal([]);
  });

  it('suggests the query without its filters, or a spelling, when nothing matches', () => {
    const filtered = engine.search('kubeadm year:2016');
    expect(filtered.total).to.equal(0);
    expect(filtered.suggestion).to.equal('kubeadm');
    expect(engine.search('zzzzqqqq').suggestion).to.equal(undefined);
  });

  it('answers an empty query with help text', () => {
    for (const q of ['', '   ', 'author:']) {
      const r = engine.search(q);
      expect(r.total).to.equal(0);
      expect(r.help).to.equal(HELP_TEXT);
    }
  });

  it('survives bad input with a sensible empty result', () => {
    const bad = [
      '((*+?[\\',
      '\u0000\u0007\u001b',
      '😀😀',
      '\ud800',
      '\udc00abc',
      '，。！？',
      '-',
      '""',
      'author:"',
      '.*',
      'year:',
      '-"',
    ];
    for (const q of bad) {
      const r = engine.search(q);
      expect(r.query, JSON.stringify(q)).to.equal(q);
      expect(r.results, JSON.stringify(q)).to.be.an('array');
      expect(() => JSON.stringify(r)).to.not.throw();
    }
    expect(engine.search('😀').total).to.equal(0);
  });

  it('cuts a 10,000-character query to a bounded number of terms and still answers in milliseconds', () => {
    const long = '准入控制器 kubeadm 集群升级 '.repeat(500).slice(0, 10_000);
    const started = performance.now();
    const r = engine.search(long);
    expect(performance.now() - started).to.be.lessThan(500);
    expect(r.results.length).to.be.greaterThan(0);
  });

  it('adds and replaces articles in the live index without a rebuild', () => {
    expect(engine.search('fluxcapacitor').total).to.equal(0);
    const fresh = article({
      slug: 'new-post',
      date: '2024-01-02',
      title: 'Fluxcapacitor 介绍',
      body: '一篇关于 fluxcapacitor 的新文章。',
    });
    engine.add(fresh);
    expect(engine.size).to.equal(FIXTURES.length + 1);
    expect(ids(engine, 'fluxcapacitor')).to.deep.equal(['2024-01-02-new-post']);
    expect(engine.latest(1)[0].id).to.equal('2024-01-02-new-post');
    expect(engine.byUrl('http://kubernetes.io/zh/blog/2024/01/02/new-post')?.id).to.equal('2024-01-02-new-post');
    engine.add({ ...fresh, title: 'Timemachine 介绍', body: '改写后的文章。' });
    expect(engine.size).to.equal(FIXTURES.length + 1);
    expect(ids(engine, 'fluxcapacitor')).to.deep.equal([]);
    expect(ids(engine, 'timemachine')).to.deep.equal(['2024-01-02-new-post']);
  });

  it('ranks an article added live exactly as a fresh build would, whether or not it was searched before', () => {
    const fresh = article({
      slug: 'live-post',
      date: '2024-02-03',
      title: '准入控制器与 kubeadm',
      body: '准入控制器在 kubeadm 集群里的新用法。',
    });
    const queries = ['准入控制器', 'kubeadm', '准入 kubeadm 集群'];
    const page = (e: SearchEngine, q: string) => e.search(q).results.map((h) => [h.id, h.score, h.snippet]);
    for (const q of queries) page(engine, q); // the engine has looked terms up before the article arrives
    engine.add(fresh);
    const rebuilt = SearchEngine.build([...FIXTURES, fresh]);
    for (const q of queries) expect(page(engine, q), q).to.deep.equal(page(rebuilt, q));
    expect(ids(engine, '准入控制器')).to.include('2024-02-03-live-post');
  });

  it('finds articles by id, by any spelling of their URL, and lists the newest', () => {
    expect(engine.get('2016-03-01-old-post')?.title).to.equal('Kubernetes 1.2 发布');
    expect(engine.get('nope')).to.equal(undefined);
    for (const url of [
      'https://kubernetes.io/zh-cn/blog/2023/09/25/kubeadm-learner/',
      'https://Kubernetes.io/zh/blog/2023/09/25/Kubeadm-Learner',
      'https://www.kubernetes.io/zh-cn/blog/2023/09/25/kubeadm-learner/?utm=x#top',
    ]) {
      expect(engine.byUrl(url)?.id, url).to.equal('2023-09-25-kubeadm-learner');
    }
    expect(engine.byUrl('not a url')).to.equal(undefined);
    expect(engine.latest(3).map((a) => a.date)).to.deep.equal(['2023-11-16', '2023-09-25', '2023-08-25']);
  });
});

describe('search engine top k', () => {
  it('gives the k best indices, best first, earlier index first among equal scores, whatever k', () => {
    let x = 1;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const n of [0, 1, 5, 63, 64, 65, 300, 2000]) {
      // Few distinct values, so that ties are everywhere.
      const scores = Array.from({ length: n }, () => Math.floor(next() * 20) / 4);
      const sorted = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
      for (const k of [0, 1, 5, 10, 64, 65, 100, 499, 501, 3000])
        expect(topK(scores, k), `n ${n}, k ${k}`).to.deep.equal(sorted.slice(0, k));
    }
  });
});
