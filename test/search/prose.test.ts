import { expect } from 'chai';
import { SearchEngine } from '../../src/search/engine.js';
import { isProse, proseOf } from '../../src/search/prose.js';
import { article } from './fixtures.js';

const MERMAID =
  'graph LR; pod((新 Pod))-->queue subgraph 调度器 queue(调度器队列) sched_cycle[/调度周期/] queue==>|弹出|sched_cycle classDef plain fill:#ddd;';

describe('search snippets show prose', () => {
  it('tells prose from diagrams, code, configuration and command output', () => {
    expect(isProse('调度门控有助于解决这个问题。它允许声明新创建的 Pod 尚未准备好进行调度。')).to.equal(true);
    expect(isProse('To start using your cluster, you can open up another terminal and run:')).to.equal(true);
    expect(isProse(MERMAID)).to.equal(false);
    expect(isProse('apiVersion: v1\nkind: Pod\nmetadata:\n  name: test')).to.equal(false);
    expect(isProse('kubectl get pods --watch')).to.equal(false);
    expect(isProse('NAME       READY   STATUS\ntest-pod   0/1     SchedulingGated')).to.equal(false);
    expect(isProse('# 选择已弃用的指标\n.[] | select(.name=="apiserver_request_total")')).to.equal(false);
  });

  it('drops comment closers and shortcode braces from prose', () => {
    expect(proseOf('目前,该卷的权限将递归更改。 -->\n\n{{< note >}}请注意这一点。{{< /note >}}')).to.equal(
      '目前,该卷的权限将递归更改。\n\n请注意这一点。',
    );
  });

  it('chooses the prose passage over diagram source, and shows code only when the words are only there', () => {
    const engine = SearchEngine.build([
      article({
        slug: 'gates',
        date: '2022-12-26',
        title: 'Pod 调度就绪态',
        body: `长时间无法被调度的 Pod 会浪费调度周期。\n\n${MERMAID}\n\n调度门控有助于解决这个问题,调度器会忽略该 Pod。 -->\n\nkubectl get pods --watch sched_cycle`,
      }),
    ]);
    const hit = engine.search('调度器').results[0];
    expect(hit.snippet).to.include('调度器会忽略该 Pod');
    expect(hit.snippet).to.not.match(/graph LR|-->|classDef|kubectl/);
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e));
    expect(marked).to.include('调度器');
    // sched_cycle is only in the diagram and the command: then that is what the snippet shows.
    expect(engine.search('sched_cycle').results[0].snippet).to.include('sched_cycle');
  });
});
