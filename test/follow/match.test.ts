/** What a follow matches, on real articles of content/: about the subject, not mentioning it once in passing. */
import { expect } from 'chai';
import { FollowMatcher, MATCH_RATIO } from '../../src/follow/match.js';
import { SearchEngine } from '../../src/search/engine.js';
import { byTitle, contentArticles } from './support.js';

describe('follow matching (content/)', function () {
  this.timeout(60_000);
  let engine: SearchEngine;
  let matcher: FollowMatcher;

  before(async () => {
    engine = SearchEngine.build(await contentArticles());
    matcher = new FollowMatcher(engine);
  });

  it('kubeadm: the articles about kubeadm match, those naming it once in passing do not', async () => {
    const about = [
      await byTitle('kubeadm 七周年生日快乐'),
      await byTitle('kubeadm：使用 etcd Learner'),
      // Not in the title, but the setup it describes is kubeadm's, named eight times.
      await byTitle('在 Linux 上使用交换内存的 Beta 支持'),
    ];
    const passing = [
      await byTitle('Kubernetes 1.8 的五天'),
      await byTitle('IPv4/IPv6 双协议栈网络达到 GA'),
      await byTitle('使用 PriorityClass 确保你的关键任务 Pod 免遭驱逐'),
    ];
    for (const a of passing) expect(a.body.match(/kubeadm/gi)?.length, a.title).to.equal(1);
    const matched = matcher.matching(
      'kubeadm',
      [...about, ...passing].map((a) => a.id),
    );
    expect(
      about.filter((a) => !matched.has(a.id)).map((a) => a.title),
      'about kubeadm',
    ).to.deep.equal([]);
    expect(
      passing.filter((a) => matched.has(a.id)).map((a) => a.title),
      'kubeadm in passing',
    ).to.deep.equal([]);
  });

  it('scores like the search does: the best article scores 1, the threshold is MATCH_RATIO of it', async () => {
    const all = engine.search('kubeadm', { limit: 100, snippets: false }).results;
    const best = all[0].score;
    const expected = all.filter((h) => h.score >= best * MATCH_RATIO).map((h) => h.id);
    const ids = all.map((h) => h.id);
    expect([...matcher.matching('kubeadm', ids)].sort()).to.deep.equal([...expected].sort());
    expect(expected.length).to.be.within(2, all.length - 1);
  });

  it('matches Chinese queries and counts what it would have matched in the archive', async () => {
    const dedicated = await byTitle('自定义调度器');
    expect(matcher.matches('调度器', dedicated)).to.equal(true);
    const archive = matcher.archive('调度器');
    expect(archive.count).to.be.within(1, 20);
    expect(archive.examples.map((h) => h.id)).to.include(dedicated.id);
    expect(archive.examples.length).to.be.at.most(3);
  });

  it('a query of filters only matches whatever its filters let through', async () => {
    const all = await contentArticles();
    const paco = all.filter((a) => a.authors.some((n) => /paco xu/i.test(n)));
    expect(paco.length).to.be.greaterThan(0);
    const archive = matcher.archive('author:"Paco Xu"');
    expect(archive.count).to.equal(engine.search('author:"Paco Xu"', { limit: 100 }).total);
    const other = all.find((a) => !a.authors.some((n) => /paco/i.test(n)))!;
    expect(matcher.matching('author:"Paco Xu"', [paco[0].id, other.id])).to.deep.equal(new Set([paco[0].id]));
  });

  it('nothing matches a query the archive has no word of, and an article the index lacks is not known', () => {
    expect(matcher.archive('zzqqxxunknownword').count).to.equal(0);
    expect(matcher.knows('no-such-article')).to.equal(false);
  });
});
