import { expect } from 'chai';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import type { Store } from '../../src/store/types.js';
import { buttonsOf, type Harness, textsOf } from '../slack/harness.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { startVerbHarness } from './support.js';

type Json = Record<string, unknown>;

describe('follow verbs over HTTP', function () {
  this.timeout(30_000);
  let h: Harness;
  let store: Store;
  const all = (body: Json) => textsOf(body).join('\n');

  let bed: Awaited<ReturnType<typeof startVerbHarness>>;

  before(async () => {
    bed = await startVerbHarness();
    ({ h, store } = bed);
    h.standin.addUser({ id: 'U0ZHONG', locale: 'zh-CN' });
  });
  after(() => bed?.stop());

  it('follow <query>: an ephemeral confirmation naming the query, its archive count and at most three examples', async () => {
    const body = await h.command('follow kubeadm');
    expect(body.response_type).to.equal('ephemeral');
    const text = all(body);
    expect(text).to.include('`kubeadm`').and.include('Following');
    expect(text).to.match(/It matches \d+ articles in the archive/);
    expect((text.match(/^• /gm) ?? []).length).to.be.within(1, 3);
    expect(blockKitProblems(body as unknown as SlackMessage)).to.deep.equal([]);
    expect((await h.command('follow  KUBEADM ')).text).to.include('already follow');
    const zh = all(await h.command('follow kubeadm', { userId: 'U0ZHONG' }));
    expect(zh)
      .to.include('已关注 `kubeadm`')
      .and.match(/文章库里有 \d+ 篇匹配/)
      .and.not.include('Following');
    expect(await store.followsOf('T0STANDIN', 'U0ALICE')).to.have.length(1);
  });

  it('follow with no query answers with its usage', async () => {
    const body = await h.command('follow');
    expect(all(body)).to.include('follow needs keywords after it').and.include('`/k8sblog follow &lt;keywords&gt;`');
    const zh = all(await h.command('follow', { userId: 'U0ZHONG' }));
    expect(zh)
      .to.include('follow 后面要写关键词')
      .and.include('`/k8sblog follow &lt;关键词&gt;`')
      .and.not.include('needs');
  });

  it('following lists only the caller’s follows, each with an Unfollow button that removes it', async () => {
    await h.command('follow 调度器');
    await h.command('follow etcd', { userId: 'U0BOB' });
    const body = await h.command('following');
    const text = all(body);
    expect(text).to.include('`kubeadm`').and.include('`调度器`').and.not.include('etcd');
    const buttons = buttonsOf(body).filter((b) => b.action_id === 'follow_unfollow');
    expect(buttons.map((b) => b.value)).to.deep.equal(['kubeadm', '调度器']);

    const url = h.standin.responseUrl('unfollow');
    const res = await h.requests.click({ actionId: buttons[0].action_id, value: buttons[0].value, responseUrl: url });
    expect(res.status).to.equal(200);
    const replaced = (await h.standin.waitForResponse(url)).body;
    expect(replaced.replace_original).to.equal(true);
    expect(all(replaced)).to.include('`调度器`').and.not.include('`kubeadm`');
    expect((await store.followsOf('T0STANDIN', 'U0ALICE')).map((f) => f.query)).to.deep.equal(['调度器']);
    expect(await store.followsOf('T0STANDIN', 'U0BOB')).to.have.length(1);
  });

  it('unfollow <query> removes one follow, and says so when there was none', async () => {
    expect(all(await h.command('unfollow 调度器'))).to.include('Unfollowed `调度器`');
    expect(all(await h.command('unfollow 调度器'))).to.include('You do not follow `调度器`');
    expect(all(await h.command('unfollow'))).to.include('unfollow needs the query');
  });

  it('at most 20 follows a person', async () => {
    for (let i = 0; i < 20; i++)
      await store.addFollow({ workspace: 'T0STANDIN', user: 'U0CAROL', query: `q${i}`, now: '2026-01-01T00:00:00Z' });
    expect(all(await h.command('follow kubeadm', { userId: 'U0CAROL' }))).to.include('at most 20');
    expect(await store.followsOf('T0STANDIN', 'U0CAROL')).to.have.length(20);
  });

  it("help lists follow, following and unfollow, in the reader's language", async () => {
    const english = all(await h.command('help'));
    const chinese = all(await h.command('help', { userId: 'U0ZHONG' }));
    for (const usage of ['follow &lt;keywords&gt;', 'following', 'unfollow &lt;keywords&gt;'])
      expect(english).to.include(`/k8sblog ${usage}`);
    for (const usage of ['follow &lt;关键词&gt;', 'following', 'unfollow &lt;关键词&gt;'])
      expect(chinese).to.include(`/k8sblog ${usage}`);
    expect(english).to.include('follow a query').and.not.include('关注一个查询');
    expect(chinese).to.include('关注一个查询').and.not.include('follow a query');
  });

  it('subscribe weekly <query>: the confirmation names the filter; status shows it', async () => {
    const body = await h.command('subscribe weekly kubeadm', { channelId: 'C0KUBE' });
    const text = all(body);
    expect(text).to.include('*Filter*: `kubeadm`').and.not.include('筛选');
    expect((text.match(/^• /gm) ?? []).length).to.be.within(1, 3);
    expect(blockKitProblems(body as unknown as SlackMessage)).to.deep.equal([]);
    expect(all(await h.command('status', { channelId: 'C0KUBE' }))).to.include(' · filter `kubeadm`');
    const zhStatus = all(await h.command('status', { channelId: 'C0KUBE', userId: 'U0ZHONG' }));
    expect(zhStatus).to.include(' · 筛选 `kubeadm`').and.not.include('filter');
    expect(all(await h.command('subscribe weekly', { channelId: 'C0KUBE' }))).to.include('No filter any more');
    expect((await store.getSubscription('T0STANDIN', 'C0KUBE'))?.filter).to.equal(undefined);
    expect(all(await h.command('subscribe monthly kubeadm', { channelId: 'C0KUBE' }))).to.include(
      'cadence must be daily or weekly, not “monthly”',
    );
  });
});
