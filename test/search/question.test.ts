import { expect } from 'chai';
import { SearchEngine } from '../../src/search/engine.js';
import { askingText, isQuestion } from '../../src/search/question.js';
import { article } from './fixtures.js';

describe('question intent', () => {
  it('tells questions from keyword queries', () => {
    for (const q of ['为什么 Pod 一直 Pending', '怎么给集群加一个节点', 'how to add a node', 'Pod 为啥重启？'])
      expect(isQuestion(q), q).to.equal(true);
    for (const q of ['Pod Pending', '集群节点', 'kubeadm join', 'showcase']) expect(isQuestion(q), q).to.equal(false);
  });

  it('keeps the title and headings shaped as a question or a how-to', () => {
    expect(askingText('kubeadm 七周年', ['节点如何接入集群', '总结', 'How to upgrade'])).to.equal(
      '节点如何接入集群\nhow to upgrade',
    );
    expect(askingText('发布说明', ['总结'])).to.equal('');
  });

  it('ranks the article whose how-to heading names the asked words above one that only mentions them', () => {
    const mentions = article({
      slug: 'mentions',
      date: '2023-05-01',
      title: 'StatefulSet 的最大不可用副本数',
      headings: ['背景'],
      body: '集群里的节点很多。集群扩容时会加入节点,节点上的 Pod 会重新调度。节点和集群的关系。'.repeat(2),
    });
    const answers = article({
      slug: 'answers',
      date: '2022-05-01',
      title: 'kubeadm 的新模式',
      headings: ['节点如何接入集群'],
      body: '使用 kubeadm join 命令,先检查控制平面是否健康,再等待证书签发完成。',
    });
    const engine = SearchEngine.build([mentions, answers]);
    expect(engine.search('怎么给集群加一个节点').results[0].id).to.equal(answers.id);
    // The same words asked as keywords: the question shape plays no part.
    const keywords = engine.search('集群 节点').results.map((h) => h.id);
    expect(keywords).to.have.members([mentions.id, answers.id]);
  });
});
