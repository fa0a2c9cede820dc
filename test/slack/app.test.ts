import { expect } from 'chai';
import { log } from '../../src/log.js';
import type { Searcher } from '../../src/search/types.js';
import { ZWSP } from '../../src/slack/mrkdwn.js';
import { eventCallback, linkSharedEvent, type SendOptions, SlackRequests } from '../../src/slack-standin/index.js';
import { ARTICLES } from './fixtures/articles.js';
import { fixtureEngine } from './fixtures/engine.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  buttonsOf,
  type Harness,
  SIGNING_SECRET,
  startHarness,
  TRANSPORTS,
  textsOf,
} from './harness.js';

type Json = Record<string, unknown>;

for (const transport of TRANSPORTS)
  describe(`slack app over ${transport === 'http' ? 'HTTP (signed requests)' : 'Socket Mode'}, Web API stand-in`, () => {
    let h: Harness;
    const searcher = fixtureEngine();

    before(async () => {
      h = await startHarness(searcher, {}, transport);
    });
    after(() => h.stop());
    afterEach(() => h.standin.reset());

    /** Every `<…>` that Slack parses (mrkdwn and the notification text) must be ours: a blog link or the sharer. */
    function assertNoForeignAngles(message: Json): void {
      const all = [...textsOf(message, ['mrkdwn']), String(message.text ?? '')].join('\n');
      for (const m of all.matchAll(/<[^>]*>/g)) {
        expect(m[0]).to.match(
          /^<(https:\/\/kubernetes\.io\/zh-cn\/blog\/[^|<>\s]*\|[^<>|]*|@U0[A-Z0-9]+)>$/,
          `unexpected markup ${m[0]}`,
        );
      }
    }

    describe('/k8sblog search', () => {
      it('answers a Chinese query ephemerally with linked titles, date · authors and bold that Slack renders in CJK text', async () => {
        const body = await h.command('调度器');
        expect(body.response_type).to.equal('ephemeral');
        const texts = textsOf(body);
        expect(texts[0]).to.match(/^\*2\* results for “调度器”/);
        expect(
          texts.some((t) =>
            t.startsWith(
              '*<https://kubernetes.io/zh-cn/blog/2023/12/19/scheduler-queueing-hints/|Kubernetes 1.29：调度器中的 QueueingHint>*',
            ),
          ),
        ).to.equal(true);
        expect(texts).to.include('2023-12-19 · Kensei Nakada (Mercari)');
        // 调度器 sits between CJK characters: the markers need zero-width spaces around them to render.
        expect(texts.some((t) => t.includes(`${ZWSP}*调度器*${ZWSP}`))).to.equal(true);
        expect(buttonsOf(body).map((b) => b.action_id)).to.deep.equal(['share_0', 'share_1']);
        assertNoForeignAngles(body);
      });

      it('answers an English term, case-insensitively, with the match in bold', async () => {
        const body = await h.command('SIDECAR');
        const texts = textsOf(body);
        expect(texts[0]).to.match(/^\*1\* result for “SIDECAR”/);
        expect(texts.some((t) => /(^|\s)\*Sidecar\* containers/.test(t))).to.equal(true);
      });

      it('pages with More results and Previous, replacing the ephemeral message', async () => {
        const first = await h.command('kubeadm');
        expect(textsOf(first)[0]).to.match(/^\*8\* results for “kubeadm” \(1–5\)/);
        const more = buttonsOf(first).find((b) => b.text === 'More results');
        expect(more, 'More results button').to.not.equal(undefined);
        expect(buttonsOf(first).some((b) => b.text === 'Previous')).to.equal(false);

        const url2 = h.standin.responseUrl('page');
        const res = await h.requests.click({ actionId: more!.action_id, value: more!.value, responseUrl: url2 });
        expect(res.status).to.equal(200);
        const second = (await h.standin.waitForResponse(url2)).body;
        expect(second.replace_original).to.equal(true);
        expect(textsOf(second)[0]).to.match(/\(6–8\)/);
        const ids = buttonsOf(second)
          .filter((b) => b.action_id.startsWith('share_'))
          .map((b) => b.value);
        const firstIds = buttonsOf(first)
          .filter((b) => b.action_id.startsWith('share_'))
          .map((b) => b.value);
        expect(ids).to.have.length(3);
        expect(ids.filter((id) => firstIds.includes(id))).to.deep.equal([]);
        expect(buttonsOf(second).some((b) => b.text === 'More results')).to.equal(false);

        const prev = buttonsOf(second).find((b) => b.text === 'Previous')!;
        const url3 = h.standin.responseUrl('prev');
        await h.requests.click({ actionId: prev.action_id, value: prev.value, responseUrl: url3 });
        const back = (await h.standin.waitForResponse(url3)).body;
        expect(textsOf(back)[0]).to.match(/\(1–5\)/);
      });

      it('says when nothing matched and offers the engine suggestion as a search', async () => {
        const body = await h.command('author:nobody kubeadm');
        expect(textsOf(body)[0]).to.include('No results for “author:nobody kubeadm”');
        const suggest = buttonsOf(body).find((b) => b.action_id === 'page_suggest');
        expect(suggest?.text).to.equal('Search “kubeadm”');
        const url = h.standin.responseUrl('suggest');
        await h.requests.click({ actionId: 'page_suggest', value: suggest!.value, responseUrl: url });
        expect(textsOf((await h.standin.waitForResponse(url)).body)[0]).to.match(/^\*8\* results for “kubeadm”/);
      });

      it('escapes mentions and links typed into the query, so nobody is notified and nothing is forged', async () => {
        const body = await h.command('<!channel> <@U123> <https://evil.example|click> &');
        const all = [...textsOf(body, ['mrkdwn']), String(body.text)].join('\n');
        expect(all).to.include('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp;');
        expect(all).to.not.include('<!channel>');
        assertNoForeignAngles(body);
      });

      it('escapes mentions and links that come from the archive', async () => {
        const body = await h.command('body');
        const all = textsOf(body).join('\n');
        expect(all).to.include('&lt;!here&gt;');
        expect(all).to.include('Alert &lt;!channel&gt; &amp; &lt;@U999&gt;');
        expect(all).to.include('&lt;@U999&gt;, Bob &amp; Co');
        assertNoForeignAngles(body);
      });
    });

    describe('verbs', () => {
      it("answers /k8sblog and /k8sblog help in the reader's language (users.info locale), with examples", async () => {
        h.standin.addUser({ id: 'U0ZHONG', locale: 'zh-CN' });
        for (const text of ['', 'help', '帮助']) {
          const body = await h.command(text);
          const all = textsOf(body).join('\n');
          expect(all, text).to.include('search articles');
          expect(all).to.not.include('搜索文章');
          const zh = textsOf(await h.command(text, { userId: 'U0ZHONG' })).join('\n');
          expect(zh).to.include('搜索文章');
          expect(zh).to.not.include('search articles');
          expect(all).to.include('`/k8sblog latest [n]`');
          expect(all).to.include('`/k8sblog 调度器`');
          expect(body.response_type).to.equal('ephemeral');
        }
      });

      it('lists the newest articles for latest [n], newest first', async () => {
        const three = await h.command('latest 3');
        const titles = textsOf(three).filter((t) => t.startsWith('*<'));
        expect(titles).to.have.length(3);
        expect(titles[0]).to.include('2023/12/19/scheduler-queueing-hints');
        expect(titles[1]).to.include('2022/10/05/scheduler-plugins');
        expect(buttonsOf(three).map((b) => b.action_id)).to.deep.equal(['share_0', 'share_1', 'share_2']);
        const dflt = await h.command('latest');
        expect(textsOf(dflt).filter((t) => t.startsWith('*<'))).to.have.length(5);
        const capped = await h.command('latest 500');
        expect(textsOf(capped).filter((t) => t.startsWith('*<'))).to.have.length(10);
      });

      it('treats "latest" followed by several words as a search (one word is a mistyped n: test/slack/verbs.test.ts)', async () => {
        const body = await h.command('latest sidecar lifecycle');
        expect(textsOf(body)[0]).to.match(/results? for “latest sidecar lifecycle”/);
      });
    });

    describe('Share', () => {
      async function share(channelId: string): Promise<{ url: string }> {
        const first = await h.command('sidecar', { channelId });
        const btn = buttonsOf(first).find((b) => b.action_id === 'share_0')!;
        const url = h.standin.responseUrl('share');
        const res = await h.requests.click({
          actionId: btn.action_id,
          value: btn.value,
          responseUrl: url,
          channelId,
          userId: 'U0BOB',
        });
        expect(res.status).to.equal(200);
        return { url };
      }

      it('posts the article into the channel, attributed, without Slack unfurling the link', async () => {
        await share('C0SHARE');
        const call = await h.standin.waitForCall('chat.postMessage');
        expect(call.token).to.equal(BOT_TOKEN);
        expect(call.args.channel).to.equal('C0SHARE');
        expect(call.args.unfurl_links).to.equal('false');
        expect(call.answer.ok).to.equal(true);
        const texts = textsOf(call.args);
        expect(texts[0]).to.include(
          '<https://kubernetes.io/zh-cn/blog/2020/06/01/sidecar-containers/|Sidecar containers in Kubernetes>',
        );
        expect(texts.join('\n')).to.include('shared by <@U0BOB>');
        expect(h.standin.messages('C0SHARE')).to.have.length(1);
      });

      it('explains not_in_channel (a private channel without the bot) ephemerally instead of failing silently', async () => {
        h.standin.addChannel({ id: 'G0PRIVATE', kind: 'private', isMember: false });
        const { url } = await share('G0PRIVATE');
        const reply = (await h.standin.waitForResponse(url)).body;
        expect(reply.response_type).to.equal('ephemeral');
        expect(reply.replace_original).to.equal(false);
        const all = textsOf(reply).join('\n');
        expect(all).to.include('/invite @k8sblog');
        // In the clicker's language only (the stand-in's users default to en-US).
        expect(all).to.include('Invite me');
        expect(all).to.not.include('邀请');
        expect(all).to.include('https://kubernetes.io/zh-cn/blog/2020/06/01/sidecar-containers/');
        expect(h.standin.callsTo('chat.postMessage')[0].answer).to.deep.include({ ok: false, error: 'not_in_channel' });
      });

      it('explains a DM the bot is not part of (channel_not_found) and an archived channel', async () => {
        h.standin.addChannel({ id: 'D0DIRECT', kind: 'im', isMember: false });
        const dm = await share('D0DIRECT');
        expect(textsOf((await h.standin.waitForResponse(dm.url)).body).join('\n')).to.include('direct message');
        h.standin.fail('chat.postMessage', 'is_archived');
        const archived = await share('C0ARCHIVED');
        expect(textsOf((await h.standin.waitForResponse(archived.url)).body).join('\n')).to.include('archived');
      });

      it('answers other failures with an error id that is also in the log', async () => {
        h.standin.fail('chat.postMessage', 'fatal_error');
        const { url } = await share('C0BROKEN');
        const reply = (await h.standin.waitForResponse(url)).body;
        const id = /E-[A-Z2-9]{8}/.exec(textsOf(reply).join('\n'))?.[0];
        expect(id, 'error id in the message').to.be.a('string');
        expect(h.log.lines.some((l) => l.level === 'error' && l.fields?.error_id === id)).to.equal(true);
      });
    });

    // Socket Mode has no signatures: the app itself opened the link with its app token.
    if (transport === 'http')
      describe('signature verification', () => {
        async function expect401(options: SendOptions): Promise<void> {
          const responseUrl = h.standin.responseUrl('unsigned');
          const res = await h.http!.command({ text: 'kubeadm', responseUrl }, options);
          expect(res.status).to.equal(401);
          await new Promise((r) => setTimeout(r, 150));
          expect(h.standin.responsesTo(responseUrl)).to.deep.equal([]);
        }

        it('rejects a request with no signature', () => expect401({ signature: null }));
        it('rejects a wrong signature', () => expect401({ signature: `v0=${'0'.repeat(64)}` }));
        it('rejects a timestamp more than 5 minutes old, even correctly signed', () =>
          expect401({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
        it('rejects a body signed with another secret', async () => {
          const other = new SlackRequests(`${h.url}/slack/events`, `${SIGNING_SECRET}x`);
          const responseUrl = h.standin.responseUrl('other-secret');
          const res = await other.command({ text: 'kubeadm', responseUrl });
          expect(res.status).to.equal(401);
          await new Promise((r) => setTimeout(r, 150));
          expect(h.standin.responsesTo(responseUrl)).to.deep.equal([]);
        });

        it('rejects an unsigned or stale event, which then unfurls nothing', async () => {
          const event = () =>
            eventCallback(
              linkSharedEvent({
                urls: ['https://kubernetes.io/zh-cn/blog/2020/06/01/sidecar-containers/'],
                source: 'conversations_history',
                channelId: 'C0UNSIGNED',
              }),
            );
          expect((await h.http!.event(event(), undefined, { signature: null })).status).to.equal(401);
          expect(
            (await h.http!.event(event(), undefined, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status,
          ).to.equal(401);
          await new Promise((r) => setTimeout(r, 150));
          expect(h.standin.callsTo('chat.unfurl')).to.deep.equal([]);
        });
      });

    describe('link unfurling', () => {
      const known = 'https://kubernetes.io/zh-cn/blog/2023/12/19/scheduler-queueing-hints/';

      it('unfurls every known spelling of an article link, keyed by the exact URLs shared, and leaves others alone', async () => {
        const shared = [
          'https://Kubernetes.io/ZH-CN/blog/2023/12/19/Scheduler-Queueing-Hints', // case, no trailing slash
          'https://kubernetes.io/zh/blog/2022/10/05/scheduler-plugins/?utm_source=x#part', // old /zh/, query, fragment
          'https://kubernetes.io/zh-cn/blog/2099/01/01/not-in-archive/',
          'https://kubernetes.io/docs/home/',
        ];
        const res = await h.requests.event(
          eventCallback(
            linkSharedEvent({
              urls: shared,
              source: 'conversations_history',
              channelId: 'C0LINKS',
              messageTs: '1700000000.000100',
            }),
          ),
        );
        expect(res.status).to.equal(200);
        const call = await h.standin.waitForCall('chat.unfurl');
        expect(call.args.channel).to.equal('C0LINKS');
        expect(call.args.ts).to.equal('1700000000.000100');
        const unfurls = call.args.unfurls as Record<string, { blocks: Json[] }>;
        expect(Object.keys(unfurls).sort()).to.deep.equal([shared[0], shared[1]].sort());
        const texts = textsOf(unfurls[shared[0]] as unknown as Json);
        expect(texts[0]).to.equal(`*<${known}|Kubernetes 1.29：调度器中的 QueueingHint>*`);
        expect(texts[1]).to.equal('2023-12-19 · Kensei Nakada (Mercari)');
        expect(texts[2].length).to.be.within(100, 310);
        expect(texts[3]).to.include('kubernetes.io');
      });

      it('unfurls in the composer with unfurl_id and source', async () => {
        await h.requests.event(
          eventCallback(
            linkSharedEvent({ urls: [known], source: 'composer', unfurlId: 'C0X.123', userId: 'U0COMPOSER' }),
          ),
        );
        const call = await h.standin.waitForCall('chat.unfurl');
        expect(call.args).to.include({ unfurl_id: 'C0X.123', source: 'composer' });
        expect(call.args).to.not.have.property('channel');
        expect(Object.keys(call.args.unfurls as Json)).to.deep.equal([known]);
      });

      it('unfurls a URL at most once per channel per 30 minutes (other channels still get it)', async () => {
        const send = (channelId: string) =>
          h.requests.event(
            eventCallback(linkSharedEvent({ urls: [known], source: 'conversations_history', channelId })),
          );
        await send('C0ONCE');
        await h.standin.waitForCall('chat.unfurl', (c) => c.args.channel === 'C0ONCE');
        await send('C0ONCE');
        await send('C0OTHER');
        await h.standin.waitForCall('chat.unfurl', (c) => c.args.channel === 'C0OTHER');
        await new Promise((r) => setTimeout(r, 100));
        expect(h.standin.callsTo('chat.unfurl').map((c) => c.args.channel)).to.deep.equal(['C0ONCE', 'C0OTHER']);
      });

      it('gives the 30-minute claim back when chat.unfurl fails, so the next share unfurls', async () => {
        h.standin.fail('chat.unfurl', 'cannot_unfurl_url');
        const send = () =>
          h.requests.event(
            eventCallback(linkSharedEvent({ urls: [known], source: 'conversations_history', channelId: 'C0RETRY' })),
          );
        await send();
        await h.standin.waitForCall('chat.unfurl');
        await send();
        await h.standin.waitFor((s) => s.callsTo('chat.unfurl').filter((c) => c.answer.ok).length === 1);
      });

      it('answers a retried event once', async () => {
        const envelope = eventCallback(
          linkSharedEvent({ urls: [known], source: 'conversations_history', channelId: 'C0RETRIED' }),
        );
        const statuses = [];
        statuses.push((await h.requests.event(envelope)).status);
        statuses.push((await h.requests.event(envelope, 1)).status);
        statuses.push((await h.requests.event(envelope, 2)).status);
        expect(statuses).to.deep.equal([200, 200, 200]);
        await h.standin.waitForCall('chat.unfurl');
        await new Promise((r) => setTimeout(r, 100));
        expect(h.standin.callsTo('chat.unfurl')).to.have.length(1);
        expect(h.log.lines.filter((l) => l.msg === 'repeated event delivery ignored')).to.have.length.of.at.least(2);
      });
    });

    describe('HTTP surface', () => {
      it('answers GET /healthz with articles, index_loaded_at and version', async () => {
        const res = await fetch(`${h.url}/healthz`);
        expect(res.status).to.equal(200);
        expect(await res.json()).to.deep.equal({
          articles: ARTICLES.length,
          index_loaded_at: '2024-01-02T03:04:05.000Z',
          version: '0.0.0-test',
        });
      });

      it('answers 404 elsewhere', async () => {
        expect((await fetch(`${h.url}/nope`)).status).to.equal(404);
      });

      it('logged no secret', () => {
        const text = JSON.stringify(h.log.lines);
        expect(text).to.not.include(BOT_TOKEN);
        expect(text).to.not.include(SIGNING_SECRET);
        expect(text).to.not.include(APP_TOKEN);
      });
    });
  });

describe('slack app: a failing search', () => {
  let h: Harness;
  const written: string[] = [];
  const realWrite = process.stderr.write.bind(process.stderr);
  before(async () => {
    const engine = fixtureEngine();
    const exploding: Searcher = Object.assign(Object.create(engine) as Searcher, {
      search(query: string): never {
        throw new Error(`engine exploded on ${query} with ${BOT_TOKEN}`);
      },
    });
    // The real logger, so the test sees what would reach the log file.
    h = await startHarness(exploding, { log });
  });
  after(() => h.stop());

  it('answers with a short ephemeral message and an error id; the detail goes to the log under that id, without secrets', async () => {
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let body: Record<string, unknown>;
    try {
      body = await h.command('kubeadm');
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.stderr.write = realWrite;
    }
    expect(body.response_type).to.equal('ephemeral');
    const shown = textsOf(body).join('\n');
    const id = /E-[A-Z2-9]{8}/.exec(shown)?.[0];
    expect(id).to.be.a('string');
    expect(shown).to.not.include('exploded');
    const line = written.find((l) => l.includes(id!));
    expect(line).to.match(/ERROR slash command failed/);
    expect(line).to.include('engine exploded on kubeadm');
    expect(line).to.include('"verb":"search"');
    expect(written.join('')).to.not.include(BOT_TOKEN);
  });
});

describe('slack app: start-up', () => {
  it('verifies the bot token with auth.test at SLACK_API_URL before listening', async () => {
    const h = await startHarness(fixtureEngine());
    try {
      const calls = h.standin.callsTo('auth.test');
      expect(calls.length).to.be.at.least(1);
      expect(calls.every((c) => c.token === BOT_TOKEN && c.answer.ok)).to.equal(true);
    } finally {
      await h.stop();
    }
  });

  it('refuses to start with a token Slack rejects, naming the problem', async () => {
    const err = await startHarness(fixtureEngine(), { botToken: 'xoxb-not-accepted' }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.match(/rejected the bot token \(invalid_auth\).*SLACK_BOT_TOKEN.*SLACK_API_URL/);
    expect((err as Error).message).to.not.include('xoxb-not-accepted');
  });
});
