import path from 'node:path';
import { expect } from 'chai';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SearchEngine } from '../../src/search/engine.js';
import { WEIGHTS } from '../../src/search/query-terms.js';

/** The engine over the real archive (content/), built once for this file. */
describe('search over the archive', () => {
  let engine: SearchEngine;
  const top = (q: string, n = 3) => engine.search(q, { limit: n }).results.map((h) => h.title);
  before(async () => {
    const { articles } = await loadArchive(path.join(PROJECT_ROOT, 'content'));
    engine = SearchEngine.build(articles);
  });

  it('indexes every article', () => {
    expect(engine.size).to.equal(207);
  });

  it('finds Chinese sub-terms inside longer words (准入 in 准入控制器)', () => {
    expect(top('准入', 10)).to.include('确保准入控制器的安全');
  });

  it('answers English terms, KEP numbers and host names', () => {
    expect(top('KEP-3386', 1)).to.deep.equal(['Kubernetes 1.27：关于加快 Pod 启动的进展']);
    expect(top('registry.k8s.io', 2)).to.include('k8s.gcr.io 重定向到 registry.k8s.io - 用户须知');
    expect(top('libnetwork', 1)).to.deep.equal(['为什么 Kubernetes 不用 libnetwork']);
  });

  it('answers versions however they are written', () => {
    for (const q of ['1.29 移除', 'v1.29 移除', 'Kubernetes v1.29.0 移除'])
      expect(top(q, 1), q).to.deep.equal(['Kubernetes 1.29 中的移除、弃用和主要变更']);
  });

  it('corrects typos in Latin terms (kubeamd, dockershm, Gatway)', () => {
    expect(engine.search('kubeamd').corrected).to.equal('kubeadm');
    expect(top('kubeamd', 2).every((t) => /kubeadm/i.test(t))).to.equal(true);
    expect(top('dockershm', 3).some((t) => /dockershim/i.test(t))).to.equal(true);
    expect(top('Gatway API', 3).every((t) => /Gateway API/.test(t))).to.equal(true);
  });

  it('answers whole questions by their content words', () => {
    expect(top('如何防止关键 Pod 被驱逐', 3)).to.include('使用 PriorityClass 确保你的关键任务 Pod 免遭驱逐');
    expect(top('为什么 Pod 启动很慢', 1)).to.deep.equal(['Kubernetes 1.27：关于加快 Pod 启动的进展']);
  });

  it('finds articles through the glossary when they use another word for the query’s', () => {
    const glossary = WEIGHTS.glossary;
    try {
      expect(top('双栈', 1)).to.deep.equal(['Kubernetes 1.23：IPv4/IPv6 双协议栈网络达到 GA']);
      expect(top('交换分区', 1)).to.deep.equal(['Kubernetes 1.28：在 Linux 上使用交换内存的 Beta 支持']);
      WEIGHTS.glossary = 0;
      expect(top('双栈', 1)).to.not.deep.equal(['Kubernetes 1.23：IPv4/IPv6 双协议栈网络达到 GA']);
    } finally {
      WEIGHTS.glossary = glossary;
    }
  });

  it('finds authors by name', () => {
    const hits = engine.search('Hemant Kumar', { limit: 3 }).results;
    for (const h of hits) expect(h.authors.join(' ')).to.match(/Hemant Kumar/);
    expect(engine.search('author:"Sascha Grunert"').total).to.equal(7);
  });
});
