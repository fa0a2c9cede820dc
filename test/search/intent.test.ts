import { expect } from 'chai';
import { SearchEngine } from '../../src/search/engine.js';
import { ROLE, releaseIntent, releaseRole } from '../../src/search/intent.js';
import { article } from './fixtures.js';

describe('search intent: the release of a version', () => {
  it('tells announcements, removals articles and feature posts apart by their titles', () => {
    expect(releaseRole('Kubernetes 1.24: 观星者', 'kubernetes-1-24-release-announcement')).to.deep.equal({
      version: '1.24',
      role: ROLE.announcement,
    });
    expect(releaseRole('Kubernetes 1.18: Fit & Finish', 'x')?.role).to.equal(ROLE.announcement);
    expect(releaseRole('Kubernetes 1.29 中的移除、弃用和主要变更', 'x')?.role).to.equal(ROLE.removals);
    expect(releaseRole('Kubernetes 在 v1.27 中移除的特性和主要变更', 'x')).to.deep.equal({
      version: '1.27',
      role: ROLE.removals,
    });
    expect(releaseRole('Kubernetes 1.26：CPUManager 正式发布', 'cpumanager-ga')?.role).to.equal(ROLE.feature);
    expect(releaseRole('Kubernetes 1.25: cgroup v2 升级到 GA', 'cgroupv2-ga-1-25')?.role).to.equal(ROLE.feature);
    expect(releaseRole('Gateway API v1.0：正式发布（GA）', 'gateway-api-ga')).to.equal(undefined);
  });

  it('reads a theme name as a word or two, its bracketed gloss aside; a sentence or a CamelCase kind is a feature', () => {
    for (const title of [
      'Kubernetes v1.36：ハル (Haru)',
      'Kubernetes v1.35：Timbernetes（世界树版本）',
      "Kubernetes v1.34：风与意志（O' WaW）",
      'Kubernetes v1.31: Elli',
      'Kubernetes 1.17：稳定',
    ])
      expect(releaseRole(title, 'x')?.role, title).to.equal(ROLE.announcement);
    for (const title of [
      'Kubernetes 1.26: 我们现在正在对二进制发布工件进行签名!',
      'Kubernetes v1.26：可追溯的默认 StorageClass',
      'Kubernetes v1.12: RuntimeClass 简介',
      'Kubernetes 1.30：一个很长很长的新特性标题名字超过十二个字',
    ])
      expect(releaseRole(title, 'x')?.role, title).to.equal(ROLE.feature);
    // The site's announcement slug settles it whatever the title says.
    expect(
      releaseRole('Kubernetes v1.33：一个很长很长的版本主题名字超过十二个字', 'kubernetes-v1-33-release')?.role,
    ).to.equal(ROLE.announcement);
  });

  it('reads a version with release words only as a release query', () => {
    const g = (text: string, version?: string) => ({ text, version });
    expect(releaseIntent([g('1.18', '1.18'), g('发布')])).to.equal('1.18');
    expect(releaseIntent([g('kubernetes'), g('1.29', '1.29'), g('release')])).to.equal('1.29');
    expect(releaseIntent([g('v1.18', '1.18')])).to.equal('1.18');
    expect(releaseIntent([g('1.24', '1.24'), g('移除')])).to.equal(undefined);
    expect(releaseIntent([g('1.28', '1.28'), g('正式发布')])).to.equal(undefined);
    // What is new in a release is what its announcement lists.
    expect(releaseIntent([g('new'), g('1.25', '1.25')])).to.equal('1.25');
    expect(releaseIntent([g('v1.28', '1.28'), g('新特性')])).to.equal('1.28');
  });

  it('ranks the announcement first, then the removals article, then the version’s feature posts', () => {
    const engine = SearchEngine.build([
      article({
        slug: 'grpc-probes',
        date: '2022-05-13',
        title: 'Kubernetes 1.24：gRPC 容器探针功能进入 Beta 阶段',
        body: 'Kubernetes 1.24 发布了 gRPC 探针。发布 发布 发布 1.24 1.24 1.24。',
      }),
      article({
        slug: 'kubernetes-1-24-release-announcement',
        date: '2022-05-03',
        title: 'Kubernetes 1.24: 观星者',
        body: '我们很高兴地宣布 Kubernetes 1.24 的发布。',
      }),
      article({
        slug: 'upcoming-changes-in-kubernetes-1-24',
        date: '2022-04-07',
        title: 'Kubernetes 1.24 中的移除和弃用',
        body: 'Kubernetes 1.24 发布时将移除 dockershim。',
      }),
      article({ slug: 'other', date: '2022-06-01', title: '发布流程', body: '每个版本的发布都很重要。1.24 也是。' }),
    ]);
    for (const q of ['1.24 发布', 'Kubernetes 1.24 release', 'v1.24'])
      expect(
        engine.search(q).results.map((h) => h.id.slice(11)),
        q,
      ).to.deep.equal([
        'kubernetes-1-24-release-announcement',
        'upcoming-changes-in-kubernetes-1-24',
        'grpc-probes',
        'other',
      ]);
  });
});
