/**
 * The verbs of /k8sblog over real HTTP, the digest verbs included: a verb word with words it cannot take answers
 * with that verb's usage error (or, for several words, a search when one matches), and times carry their zone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DigestService } from '../../src/digest/service.js';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { digestVerbs } from '../../src/slack/listeners/commands/digest-verbs.js';
import { DEFAULT_ACTOR } from '../../src/slack-standin/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { formatZoned } from '../../src/zoned-time.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { fixtureEngine } from './fixtures/engine.js';
import { buttonsOf, type Harness, startHarness, textsOf } from './harness.js';

type Json = Record<string, unknown>;
const TZ = 'Asia/Shanghai';
const ZH_USER = 'U0ZHONG';
const HAN = /\p{Script=Han}/u;
const DATE_TOKEN = /<!date\^(\d+)\^\{date_short_pretty\} \{time\}\|([^<>|]*)>/g;

describe('slack verbs over HTTP: usage errors and times', function () {
  this.timeout(20_000);
  let h: Harness;
  let store: Store;
  let dir: string;
  const searcher = fixtureEngine();
  const all = (body: Json) => textsOf(body).join('\n');

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-verbs-'));
    store = await openStore({ dataDir: dir });
    const service = new DigestService({
      store,
      config: { feedUrl: 'http://127.0.0.1:9/feed.xml', digestCron: '0 9 * * 1', digestTz: TZ },
      searcher,
    });
    h = await startHarness(searcher, { verbs: digestVerbs(service, TZ) });
    h.standin.addUser({ id: ZH_USER, locale: 'zh-CN' });
  });
  after(async () => {
    await h?.stop();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => h.standin.reset());

  /** Each usage error: the problem in the reader's language (the default user reads English), the usage, ephemeral. */
  function expectUsageError(body: Json, problem: string, usage: string): void {
    expect(body.response_type).to.equal('ephemeral');
    const texts = textsOf(body);
    expect(texts[0]).to.include(problem);
    expect(all(body)).to.include(`\`/k8sblog ${usage}\``);
    expect(String(body.text)).to.include(problem);
    expect(all(body)).to.not.match(/No results|没有找到/);
    expect(blockKitProblems(body as unknown as SlackMessage)).to.deep.equal([]);
  }

  it("answers subscribe monthly with the cadence rule in the reader's language, subscribes nothing, and offers the search", async () => {
    for (const text of ['subscribe monthly', '订阅 每月', 'SUBSCRIBE Monthly']) {
      const body = await h.command(text);
      expectUsageError(body, 'cadence must be daily or weekly', 'subscribe [daily|weekly] [query]');
      // Only what the person typed may be Chinese in an English answer.
      expect(all(body).replaceAll(text, '').replaceAll('每月', ''), text).to.not.match(HAN);
      const search = buttonsOf(body).find((b) => b.action_id === 'page_suggest');
      expect(search?.text, text).to.equal(`Search “${text}”`);
    }
    const zh = await h.command('subscribe monthly', { userId: ZH_USER });
    expectUsageError(
      zh,
      '频率只能是 daily（每天）或 weekly（每周），不能是“monthly”',
      'subscribe [daily|weekly] [关键词]',
    );
    expect(all(zh)).to.not.include('cadence must');
    expect(buttonsOf(zh).find((b) => b.action_id === 'page_suggest')?.text).to.equal('搜索“subscribe monthly”');
    expect(await store.getSubscription(DEFAULT_ACTOR.teamId, DEFAULT_ACTOR.channelId)).to.equal(undefined);
  });

  it('answers latest abc, status extra and unsubscribe now with their usage errors', async () => {
    expectUsageError(await h.command('latest abc'), 'n must be a whole number (at most 10), not “abc”', 'latest [n]');
    expectUsageError(await h.command('status extra'), 'status takes no arguments (got “extra”)', 'status');
    expectUsageError(await h.command('unsubscribe now'), 'unsubscribe takes no arguments', 'unsubscribe');
    expectUsageError(await h.command('search'), 'search needs keywords after it', '&lt;keywords&gt;');
    const zh = { userId: ZH_USER };
    expectUsageError(await h.command('latest abc', zh), 'n 必须是整数（最多 10），不能是“abc”', 'latest [n]');
    expectUsageError(await h.command('status extra', zh), 'status 后面不接任何参数（多了 “extra”）', 'status');
    expectUsageError(await h.command('search', zh), 'search 后面要写关键词', '&lt;关键词&gt;');
  });

  it('runs the offered search when its button is clicked', async () => {
    const body = await h.command('latest sidecar');
    expectUsageError(body, 'not “sidecar”', 'latest [n]');
    const button = buttonsOf(body).find((b) => b.action_id === 'page_suggest')!;
    const url = h.standin.responseUrl('search');
    expect(
      (await h.requests.click({ actionId: button.action_id, value: button.value, responseUrl: url })).status,
    ).to.equal(200);
    const results = (await h.standin.waitForResponse(url)).body;
    expect(textsOf(results)[0]).to.match(/results? for “latest sidecar”/);
  });

  it('searches several words after a verb, noting the verb, and falls back to the usage error when nothing matches', async () => {
    const found = await h.command('latest sidecar containers');
    const texts = textsOf(found);
    expect(texts[0]).to.match(/results? for “latest sidecar containers”/);
    expect(texts.at(-1)).to.include('`/k8sblog latest [n]`').and.include('n must be a whole number');

    const none = await h.command('unsubscribe extra words');
    expectUsageError(none, 'unsubscribe takes no arguments (got “extra words”)', 'unsubscribe');
    // The search found nothing, so it is not offered again.
    expect(buttonsOf(none)).to.deep.equal([]);
  });

  it('tells times in the subscribe and status answers as <!date> tokens whose fallback names DIGEST_TZ', async () => {
    const before = Math.floor(Date.now() / 1000);
    const reply = await h.command('subscribe daily');
    const replyText = textsOf(reply)[0];
    const next = [...replyText.matchAll(DATE_TOKEN)];
    expect(next, replyText).to.have.length(1); // Next …
    for (const [, seconds, fallback] of next) {
      expect(fallback).to.equal(formatZoned(new Date(Number(seconds) * 1000), TZ));
      expect(fallback).to.match(/^\d{4}-\d{2}-\d{2} 09:00 \(Asia\/Shanghai\)$/);
      expect(Number(seconds)).to.be.greaterThan(before);
    }
    expect(replyText.replace(DATE_TOKEN, ''), 'no clock time outside a token').to.not.match(/\d{2}:\d{2}/);

    const status = all(await h.command('status'));
    const line = status.split('\n').find((l) => l.includes('*Subscription*'))!;
    const [subscribedAt, nextAt] = [...line.matchAll(DATE_TOKEN)];
    expect(Number(subscribedAt[1])).to.be.within(before - 1, before + 60);
    expect(subscribedAt[2]).to.equal(formatZoned(new Date(Number(subscribedAt[1]) * 1000), TZ));
    expect(nextAt[1]).to.equal(next[0][1]);
    expect(status).to.include('digest time zone: Asia/Shanghai');
    const zhStatus = all(await h.command('status', { userId: ZH_USER }));
    expect(zhStatus)
      .to.include('摘要时区：Asia/Shanghai')
      .and.include('*本频道订阅*：每天')
      .and.not.include('Subscription');
  });
});
