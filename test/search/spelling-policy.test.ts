import path from 'node:path';
import { expect } from 'chai';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SearchEngine } from '../../src/search/engine.js';
import { isKnownWord } from '../../src/search/vocabulary.js';
import { article } from './fixtures.js';

/** A small archive in which real words are rare: each is in one article, or in none, or only in a name or code. */
const SMALL = [
  article({
    slug: 'cgroup-v2',
    date: '2022-08-31',
    title: 'cgroup v2 升级到 GA',
    body: 'Linux 内核提供了两个版本的 cgroup。新的 group 接口更统一。',
  }),
  article({
    slug: 'groups',
    date: '2022-09-01',
    title: 'Group 管理',
    headings: ['group 与 group 的区别'],
    body: 'group group group。用户 group 是权限的单位。Helm chart 的 group 也一样。',
  }),
  article({
    slug: 'release-v1-25',
    date: '2022-08-23',
    title: 'Kubernetes v1.25 发布',
    authors: ['Albert Song'],
    body: '发布负责人的儿子 Albert Song。args: ["--v=5"] command: ["/bin/args"]。help 文档。',
  }),
  article({
    slug: 'helm-charts',
    date: '2021-01-01',
    title: '用 Helm 部署应用',
    body: 'Helm 是 Kubernetes 的包管理器。helm install 安装 chart。',
  }),
  article({
    slug: 'kubeadm',
    date: '2023-09-25',
    title: 'kubeadm 七周年',
    body: 'kubeadm 工具。使用 containerd 与 dockershim。scheduler 与 gateway。',
  }),
];

describe('search spelling: never rewrite real words', () => {
  let small: SearchEngine;
  before(() => {
    small = SearchEngine.build(SMALL);
  });

  it('keeps the field vocabulary as data: English words, cloud-native names, glossary terms', () => {
    for (const w of ['alert', 'help', 'group', 'argo', 'cgroup', 'containerd', 'minikube', 'observability'])
      expect(isKnownWord(w), w).to.equal(true);
    for (const w of ['kubeamd', 'dockershm', 'gatway', 'contianerd', 'schedular', 'albert'])
      expect(isKnownWord(w), w).to.equal(false);
  });

  it('does not rewrite words the index or the vocabulary knows (alert, argo, help me, cgroup v2)', () => {
    for (const q of ['alert', 'argo', 'help me', 'cgroup v2', 'Cgroup V2']) {
      const r = small.search(q);
      expect(r.corrected, q).to.equal(undefined);
      expect(r.suggestion ?? '', q).to.not.match(/albert|args|helm|^group/i);
    }
    expect(small.search('cgroup v2').results[0]?.id).to.equal('2022-08-31-cgroup-v2');
  });

  it('still corrects real typos (kubeamd, dockershm, Gatway, contianerd, schedular)', () => {
    const cases: Array<[string, string]> = [
      ['kubeamd', 'kubeadm'],
      ['dockershm', 'dockershim'],
      ['Gatway', 'gateway'],
      ['contianerd', 'containerd'],
      ['schedular', 'scheduler'],
    ];
    for (const [typo, fixed] of cases) {
      const r = small.search(typo);
      expect(r.corrected, typo).to.equal(fixed);
      expect(r.results[0]?.id, typo).to.equal('2023-09-25-kubeadm');
    }
  });

  it('never corrects into a person’s name or a word seen only in code', () => {
    // albrt is one edit from albert (a name) and from nothing else; argz from args (code only).
    expect(small.search('albrt').corrected).to.equal(undefined);
    expect(small.search('argz').corrected).to.equal(undefined);
  });

  it('never corrects a quoted phrase', () => {
    const r = small.search('"kubeamd tool"');
    expect(r.corrected).to.equal(undefined);
    expect(r.total).to.equal(0);
  });

  it('corrects a typo of a glossary word no article holds, and the glossary then finds its other form', () => {
    const engine = SearchEngine.build([
      article({ slug: 'o11y', date: '2023-03-01', title: '可观测性入门', body: '指标、日志与链路追踪。' }),
      article({ slug: 'other', date: '2023-03-02', title: '别的话题', body: '与此无关。' }),
    ]);
    const typed = engine.search('observability');
    expect(typed.corrected).to.equal(undefined);
    expect(typed.results.map((h) => h.id)).to.deep.equal(['2023-03-01-o11y']);
    const typo = engine.search('obserability');
    expect(typo.corrected).to.equal('observability');
    expect(typo.results.map((h) => h.id)).to.deep.equal(['2023-03-01-o11y']);
    // A glossary word whose concept no article uses is no target: nothing to correct to.
    expect(
      SearchEngine.build([article({ slug: 'x', date: '2023-01-01', title: 'X', body: '无关。' })]).search(
        'obserability',
      ).corrected,
    ).to.equal(undefined);
  });

  it('offers (does not search) a correction for a word one article holds, when the query finds little', () => {
    const engine = SearchEngine.build([
      ...Array.from({ length: 12 }, (_, i) =>
        article({ slug: `kubeadm-${i}`, date: '2023-01-01', title: `kubeadm ${i}`, body: 'kubeadm init' }),
      ),
      article({ slug: 'typo', date: '2023-01-02', title: '笔误', body: 'kubeadn 是笔误。' }),
    ]);
    const r = engine.search('kubeadn');
    expect(r.corrected).to.equal(undefined);
    expect(r.results.map((h) => h.id)).to.deep.equal(['2023-01-02-typo']);
    expect(r.suggestion).to.equal('kubeadm');
  });
});

describe('search spelling over the archive', () => {
  let engine: SearchEngine;
  before(async () => {
    const { articles } = await loadArchive(path.join(PROJECT_ROOT, 'content'));
    engine = SearchEngine.build(articles);
  });

  it('keeps alert, argo and help me as typed', () => {
    for (const q of ['alert', 'argo', 'help me']) expect(engine.search(q).corrected, q).to.equal(undefined);
  });

  it('corrects contianerd and schedular', () => {
    expect(engine.search('contianerd').corrected).to.equal('containerd');
    expect(engine.search('schedular').corrected).to.equal('scheduler');
  });
});
