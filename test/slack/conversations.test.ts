import { expect } from 'chai';
import { CATALOGUES } from '../../src/slack/i18n/catalogue.js';
import {
  appHomeOpenedEvent,
  appMentionEvent,
  directMessageEvent,
  eventCallback,
  messageShortcutPayload,
  viewInputPayload,
} from '../../src/slack-standin/index.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { fixtureEngine } from './fixtures/engine.js';
import { buttonsOf, type Harness, startHarness, TRANSPORTS, textsOf } from './harness.js';

type Json = Record<string, unknown>;
const settle = () => new Promise((r) => setTimeout(r, 300));

for (const transport of TRANSPORTS)
  describe(`conversations over ${transport === 'http' ? 'HTTP' : 'Socket Mode'}`, () => {
    let h: Harness;
    const subscriptions = [
      { channel: 'C0DIGEST', cadence: 'weekly' as const, lastDigestAt: new Date('2024-05-06T01:00:00Z') },
      { channel: 'C0DAILY', cadence: 'daily' as const },
    ];

    before(async () => {
      h = await startHarness(
        fixtureEngine(),
        {
          home: {
            subscriptions: async (team) => (team === 'T0STANDIN' ? subscriptions : []),
            follows: async (_team, user) =>
              user === 'U0ALICE'
                ? [{ query: 'kubeadm' }, { query: 'author:"Paco Xu"', pausedReason: 'cannot_dm_bot' }]
                : [],
          },
        },
        transport,
      );
      h.standin.addUser({ id: 'U0ZHONG', locale: 'zh-CN' });
      h.standin.addUser({ id: 'U0TW', locale: 'zh-TW' });
      h.standin.addUser({ id: 'U0JA', locale: 'ja-JP' });
    });
    after(() => h.stop());
    afterEach(() => h.standin.reset());

    const posted = (channel: string) => h.standin.waitForCall('chat.postMessage', (c) => c.args.channel === channel);

    describe('@mention', () => {
      it('answers in the thread of the mention with the 3 best articles and More results; chatter is not searched', async () => {
        const ts = '1700000001.000100';
        await h.requests.event(
          eventCallback(appMentionEvent({ text: '请问 有没有文章讲 kubeadm 升级? 谢谢', channelId: 'C0ASK', ts })),
        );
        const call = await posted('C0ASK');
        expect(call.args.thread_ts).to.equal(ts);
        const texts = textsOf(call.args as Json);
        expect(texts[0]).to.equal('The 3 best articles for “kubeadm 升级”:');
        expect(texts.filter((t) => t.startsWith('*<https://kubernetes.io/zh-cn/blog/'))).to.have.length(3);
        expect(texts.some((t) => /^2021-0\d-1\d · Alice \(Example\)$/.test(t))).to.equal(true);
        const more = buttonsOf(call.args as Json).find((b) => b.action_id === 'mention_more');
        expect(more?.text).to.equal('More results');
        expect(blockKitProblems(call.args as { blocks: unknown[] })).to.deep.equal([]);

        // Whoever presses it gets the whole list, privately, with Share.
        const url = h.standin.responseUrl('more');
        await h.requests.click({
          actionId: 'mention_more',
          value: more!.value,
          responseUrl: url,
          userId: 'U0ZHONG',
          isEphemeral: false,
        });
        const full = (await h.standin.waitForResponse(url)).body;
        expect(full.response_type).to.equal('ephemeral');
        expect(full.replace_original).to.equal(false);
        expect(textsOf(full)[0]).to.match(/^“kubeadm 升级” 共 \*\d+\* 条结果/);
        expect(buttonsOf(full).filter((b) => b.action_id.startsWith('share_'))).to.have.length(5);
      });

      it('answers inside the thread when the mention is already in one', async () => {
        await h.requests.event(
          eventCallback(
            appMentionEvent({
              text: 'sidecar',
              channelId: 'C0THREAD',
              ts: '1700000002.000200',
              threadTs: '1700000000.000001',
            }),
          ),
        );
        expect((await posted('C0THREAD')).args.thread_ts).to.equal('1700000000.000001');
      });

      it("answers nothing found with a friendly line and the suggestion, in the asker's language", async () => {
        await h.requests.event(
          eventCallback(appMentionEvent({ text: 'author:nobody kubeadm', channelId: 'C0NONE', userId: 'U0ZHONG' })),
        );
        const call = await posted('C0NONE');
        const texts = textsOf(call.args as Json);
        expect(texts[0]).to.include('没有找到与“author:nobody kubeadm”相关的文章');
        expect(texts.join('\n')).to.not.match(/[A-Za-z]{4,} (results|article)/);
        expect(buttonsOf(call.args as Json).map((b) => b.action_id)).to.deep.equal(['mention_more']);
      });

      it('answers a bare mention with how to ask', async () => {
        await h.requests.event(eventCallback(appMentionEvent({ text: '<@U0K8SBLOG>  谢谢', channelId: 'C0BARE' })));
        expect(textsOf((await posted('C0BARE')).args as Json)[0]).to.include('@k8sblog kubeadm upgrade');
      });

      it('answers a mention holding <!channel> without notifying anyone, and a 4,000-character one within limits', async () => {
        await h.requests.event(
          eventCallback(appMentionEvent({ text: '<!channel> <@U0BOB> sidecar &lt;b&gt;', channelId: 'C0LOUD' })),
        );
        const loud = await posted('C0LOUD');
        const all = [...textsOf(loud.args as Json, ['mrkdwn']), String(loud.args.text)].join('\n');
        expect(all).to.not.match(/<!channel>|<!here>|<@U0BOB>/);
        expect(all).to.include('&lt;b&gt;');
        await h.requests.event(
          eventCallback(
            appMentionEvent({ text: `kubeadm ${'调度器 '.repeat(1000)}`.slice(0, 4000), channelId: 'C0LONG' }),
          ),
        );
        const long = await posted('C0LONG');
        expect(long.answer.ok).to.equal(true);
        expect(blockKitProblems(long.args as { blocks: unknown[] })).to.deep.equal([]);
      });

      it('answers privately (chat.postEphemeral) where it may not post, and logs when even that fails', async () => {
        h.standin.addChannel({ id: 'C0NOTIN', isMember: false });
        h.standin.handle('chat.postEphemeral', (args) =>
          args.channel === 'C0NOTIN' ? { ok: true, message_ts: '1.2' } : { ok: false, error: 'channel_not_found' },
        );
        await h.requests.event(
          eventCallback(appMentionEvent({ text: 'sidecar', channelId: 'C0NOTIN', userId: 'U0BOB' })),
        );
        const eph = await h.standin.waitForCall('chat.postEphemeral');
        expect(eph.args.user).to.equal('U0BOB');
        expect(textsOf(eph.args as Json).join('\n')).to.include('/invite @k8sblog');
        expect(h.standin.callsTo('chat.postMessage')[0].answer).to.deep.include({ error: 'not_in_channel' });

        h.standin.addChannel({ id: 'C0GONE', isMember: false });
        await h.requests.event(eventCallback(appMentionEvent({ text: 'sidecar', channelId: 'C0GONE' })));
        await h.standin.waitFor((s) => s.callsTo('chat.postEphemeral').length === 2);
        await settle();
        expect(h.log.lines.some((l) => l.msg === 'answer refused, and the private answer too')).to.equal(true);
      });

      it('answers a retried mention once', async () => {
        const envelope = eventCallback(appMentionEvent({ text: 'sidecar', channelId: 'C0RETRY' }));
        await h.requests.event(envelope);
        await h.requests.event(envelope, 1);
        await posted('C0RETRY');
        await settle();
        expect(h.standin.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RETRY')).to.have.length(1);
      });
    });

    describe('direct messages', () => {
      it("answers any text with the slash command blocks, paging included, in the reader's language", async () => {
        await h.requests.event(eventCallback(directMessageEvent({ text: 'kubeadm', channelId: 'D0ALICE' })));
        const call = await posted('D0ALICE');
        expect(textsOf(call.args as Json)[0]).to.equal('*8* results for “kubeadm” (1–5)');
        expect(buttonsOf(call.args as Json).map((b) => b.text)).to.include('More results');
        await h.requests.event(
          eventCallback(directMessageEvent({ text: '调度器', channelId: 'D0ZHONG', userId: 'U0ZHONG' })),
        );
        expect(textsOf((await posted('D0ZHONG')).args as Json)[0]).to.equal('“调度器” 共 *2* 条结果（第 1–2 条）');
      });

      it('answers help with the help', async () => {
        await h.requests.event(eventCallback(directMessageEvent({ text: 'help', channelId: 'D0HELP' })));
        expect(textsOf((await posted('D0HELP')).args as Json).join('\n')).to.include('`/k8sblog latest [n]`');
      });

      it('ignores bots (itself included), edits, deletions and other subtypes', async () => {
        const quiet = [
          directMessageEvent({ text: 'kubeadm', channelId: 'D0QUIET', botId: 'B0OTHER' }),
          directMessageEvent({ text: 'kubeadm', channelId: 'D0QUIET', userId: 'U0K8SBLOG' }),
          directMessageEvent({ text: 'kubeadm', channelId: 'D0QUIET', subtype: 'message_changed' }),
          directMessageEvent({ text: 'kubeadm', channelId: 'D0QUIET', subtype: 'message_deleted' }),
          directMessageEvent({ text: 'kubeadm', channelId: 'D0QUIET', subtype: 'bot_message' }),
        ];
        for (const e of quiet) await h.requests.event(eventCallback(e));
        await settle();
        expect(h.standin.callsTo('chat.postMessage')).to.deep.equal([]);
      });

      it('answers 10 questions a minute per person, then says so once and stays quiet', async () => {
        for (let i = 0; i < 13; i++)
          await h.requests.event(
            eventCallback(directMessageEvent({ text: `sidecar ${i}`, channelId: 'D0FLOOD', userId: 'U0FLOOD' })),
          );
        await h.standin.waitFor((s) => s.callsTo('chat.postMessage').length >= 11, 5000);
        await settle();
        const texts = h.standin.callsTo('chat.postMessage').map((c) => String(c.args.text));
        expect(texts).to.have.length(11);
        expect(texts.filter((t) => t.includes('Please ask again in a minute'))).to.have.length(1);
        // Someone else is not held back by the flood.
        await h.requests.event(
          eventCallback(directMessageEvent({ text: 'sidecar', channelId: 'D0OTHER', userId: 'U0OTHER' })),
        );
        await posted('D0OTHER');
      });
    });

    describe('message shortcut', () => {
      it('searches with the message text and answers privately with Share on each result', async () => {
        const url = h.standin.responseUrl('shortcut');
        await h.requests.interaction(
          messageShortcutPayload({
            callbackId: 'search_message',
            message: { text: '有人知道 kubeadm 怎么升级吗？' },
            responseUrl: url,
          }),
        );
        const body = (await h.standin.waitForResponse(url)).body;
        expect(body.response_type).to.equal('ephemeral');
        expect(textsOf(body)[0]).to.match(/results for “kubeadm 怎么升级”/);
        expect(buttonsOf(body).filter((b) => b.action_id.startsWith('share_')).length).to.be.greaterThan(0);
      });

      it('says when the message has no text to search', async () => {
        const url = h.standin.responseUrl('empty');
        await h.requests.interaction(
          messageShortcutPayload({
            callbackId: 'search_message',
            message: { text: '<@U0BOB>' },
            responseUrl: url,
            userId: 'U0TW',
          }),
        );
        expect(textsOf((await h.standin.waitForResponse(url)).body)[0]).to.equal(CATALOGUES.zh['shortcut.empty']);
      });
    });

    describe('App Home', () => {
      it('publishes the search box, the newest articles and the subscriptions, within 100 blocks', async () => {
        await h.requests.event(eventCallback(appHomeOpenedEvent('U0ALICE')));
        const call = await h.standin.waitForCall('views.publish');
        expect(call.answer.ok).to.equal(true);
        const view = call.args.view as { type: string; blocks: Json[] };
        expect(view.type).to.equal('home');
        expect(view.blocks.length).to.be.at.most(100);
        expect(view.blocks.some((b) => b.type === 'input' && b.dispatch_action === true)).to.equal(true);
        const texts = textsOf(view as unknown as Json).join('\n');
        expect(texts).to.include('Newest articles');
        expect(texts).to.include('2023/12/19/scheduler-queueing-hints');
        expect(texts).to.include('<#C0DIGEST> · weekly · last digest: <!date^');
        expect(texts).to.include('<#C0DAILY> · daily · last digest: none yet');
        // The reader's own follows, paused ones with their reason.
        expect(texts).to.include('Your follows');
        expect(texts).to.match(
          /• kubeadm\n• author:"Paco Xu" \(paused: cannot＿dm＿bot\)|• kubeadm\n• author:"Paco Xu" \(paused: `cannot_dm_bot`\)/,
        );
      });

      it('runs the search box in the view, and ignores the Messages tab', async () => {
        await h.requests.interaction(
          viewInputPayload({ actionId: 'home_search', value: 'sidecar', userId: 'U0ZHONG' }),
        );
        const call = await h.standin.waitForCall('views.publish');
        expect(call.args.user_id).to.equal('U0ZHONG');
        const texts = textsOf(call.args.view as Json).join('\n');
        expect(texts).to.include('“sidecar” 的搜索结果（共 1 条）');
        expect(texts).to.include('sidecar-containers');
        expect(texts).to.include('最新文章');
        await h.requests.event(eventCallback(appHomeOpenedEvent('U0ALICE', 'messages')));
        await settle();
        expect(h.standin.callsTo('views.publish')).to.have.length(1);
      });
    });

    describe("reader's language", () => {
      it('looks the locale up once per user (users.info include_locale) and answers zh-* in Chinese, others in English', async () => {
        for (const [user, expected] of [
          ['U0TW', /共 \*1\* 条结果/],
          ['U0JA', /\*1\* result for/],
        ] as const) {
          await h.command('sidecar', { userId: user });
          const body = await h.command('sidecar', { userId: user });
          expect(textsOf(body)[0]).to.match(expected);
        }
        const lookups = h.standin.callsTo('users.info');
        // Both users were looked up earlier in this suite or now; never more than once each.
        expect(lookups.filter((c) => c.args.user === 'U0JA').length).to.be.at.most(1);
        expect(lookups.every((c) => c.args.include_locale === true || c.args.include_locale === 'true')).to.equal(true);
      });

      it('answers in Chinese when the lookup fails', async () => {
        h.standin.fail('users.info', 'user_not_found');
        const body = await h.command('sidecar', { userId: 'U0NOBODY' });
        expect(textsOf(body)[0]).to.match(/共 \*1\* 条结果/);
      });
    });
  });
