/**
 * The glue between the page and the app, against a capturing endpoint in place of the app: the requests must be
 * Slack's, field for field and signed, and what the stand-in records must land in the channel with Slack's meaning.
 */

import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { linksToUnfurl, SlackBridge, toSlackText } from '../../src/playground/slack-bridge.js';
import { Timeline } from '../../src/playground/timeline.js';
import { SlackRequests, SlackStandin } from '../../src/slack-standin/index.js';

const SECRET = 'bridge-test-secret';
const TOKEN = 'xoxb-bridge-test';

interface Captured {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('playground Slack bridge', () => {
  let standin: SlackStandin;
  let app: http.Server;
  let captured: Captured[];
  let ackBody: string;
  let ackStatus: number;
  let timeline: Timeline;
  let bridge: SlackBridge;

  beforeEach(async () => {
    standin = await SlackStandin.start({ tokens: [TOKEN] });
    captured = [];
    ackBody = '';
    ackStatus = 200;
    app = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(ackStatus, { 'content-type': 'application/json' });
        res.end(ackBody);
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
    timeline = new Timeline();
    bridge = new SlackBridge({ standin, requests: new SlackRequests(endpoint, SECRET), timeline });
  });

  afterEach(async () => {
    bridge.close();
    await new Promise<void>((r) => app.close(() => r()));
    await standin.stop();
  });

  /** Checks Slack's signature the way Bolt does. */
  function verify(c: Captured): void {
    const ts = String(c.headers['x-slack-request-timestamp']);
    expect(Math.abs(Date.now() / 1000 - Number(ts))).to.be.below(10);
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${c.body}`).digest('hex')}`;
    expect(c.headers['x-slack-signature']).to.equal(expected);
  }

  const kinds = (): string[] => timeline.list().map((e) => e.kind);

  it('sends a typed slash command as Slack does: signed form fields with a fresh response_url', async () => {
    await bridge.send('/k8sblog  调度器 <script>');
    expect(captured).to.have.length(1);
    verify(captured[0]);
    expect(captured[0].headers['content-type']).to.equal('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(captured[0].body));
    expect(form).to.include({
      command: '/k8sblog',
      text: '调度器 <script>',
      user_id: 'U0ALICE',
      channel_id: 'C0GENERAL',
      team_id: 'T0STANDIN',
    });
    expect(form.response_url).to.match(new RegExp(`^${standin.origin}/response/`));
    expect(form.trigger_id).to.match(/^\d+\.\w+$/);
    expect(kinds()).to.deep.equal(['command']);

    // What the app posts to that response_url shows as an ephemeral answer.
    await fetch(form.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '*hi* <!channel>' }),
    });
    expect(kinds()).to.deep.equal(['command', 'ephemeral']);
    expect(timeline.list()[1].html).to.equal(
      '<div class="mrkdwn"><b>hi</b> <span class="mention broadcast">@channel</span></div>',
    );
  });

  it('refuses other commands without calling the app', async () => {
    await bridge.send('/giphy cats');
    expect(captured).to.have.length(0);
    expect(timeline.list().map((e) => [e.kind, e.tone])).to.deep.equal([
      ['command', undefined],
      ['notice', 'error'],
    ]);
  });

  it('shows a refused request and an acknowledgement that carries a message', async () => {
    ackStatus = 401;
    ackBody = '{"error":"invalid signature"}';
    await bridge.send('/k8sblog x');
    expect(timeline.list().at(-1)!.html).to.contain('HTTP 401');
    ackStatus = 200;
    ackBody = JSON.stringify({ text: 'Working on it…' });
    await bridge.send('/k8sblog y');
    expect(timeline.list().at(-1)).to.include({ kind: 'ephemeral' });
    expect(timeline.list().at(-1)!.html).to.contain('Working on it…');
  });

  it('sends a link_shared event for a message with blog links, with the message ts Slack would give', async () => {
    const link = 'https://kubernetes.io/zh-cn/blog/2024/08/13/kubernetes-v1-31-release/';
    await bridge.send(`看看 ${link}。还有 https://example.com/x 和 https://KUBERNETES.io/zh/blog/2020/x`);
    expect(captured).to.have.length(1);
    verify(captured[0]);
    expect(captured[0].headers['content-type']).to.equal('application/json');
    const envelope = JSON.parse(captured[0].body);
    expect(envelope).to.include({ type: 'event_callback', team_id: 'T0STANDIN', api_app_id: 'A0K8SBLOG' });
    expect(envelope.event_id).to.match(/^Ev[0-9A-F]+$/);
    const entry = timeline.list()[0];
    expect(entry.kind).to.equal('user');
    expect(envelope.event).to.deep.include({
      type: 'link_shared',
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      source: 'conversations_history',
      message_ts: entry.ts,
    });
    expect(envelope.event.links).to.deep.equal([
      { domain: 'kubernetes.io', url: link },
      { domain: 'kubernetes.io', url: 'https://KUBERNETES.io/zh/blog/2020/x' },
    ]);
    // The message itself shows its links as links, and its text escaped.
    expect(entry.html).to.contain(`<a href="${link}"`);

    // chat.unfurl keyed by channel + ts puts the preview under that message.
    const { webApi } = await import('@slack/bolt');
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: standin.url });
    await client.chat.unfurl({
      channel: 'C0GENERAL',
      ts: entry.ts,
      unfurls: { [link]: { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*preview*' } }] } },
    });
    const after = timeline.get(entry.id)!;
    expect([...after.unfurls.keys()]).to.deep.equal([link]);
    expect(timeline.list()[0].html).to.contain('<div class="unfurl"><div class="block section">');
  });

  it('sends no event for a message without links of the unfurl domain', async () => {
    await bridge.send('hello https://example.com/ <b>');
    expect(captured).to.have.length(0);
    expect(timeline.list()[0].html).to.contain('hello <a href="https://example.com/"');
    expect(timeline.list()[0].html).to.contain('&lt;b&gt;');
  });

  it('sends a click as a signed block_actions payload, and replaces the clicked ephemeral message on replace_original', async () => {
    const results = timeline.add({
      kind: 'ephemeral',
      channel: 'C0GENERAL',
      author: 'k8sblog',
      ts: '1700000000.000100',
      message: {
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: 'r' },
            accessory: {
              type: 'button',
              action_id: 'share_0',
              value: 'id-1',
              text: { type: 'plain_text', text: 'Share' },
            },
          },
          {
            type: 'actions',
            block_id: 'paging',
            elements: [
              {
                type: 'button',
                action_id: 'page_next',
                value: '{"q":"x","o":5}',
                text: { type: 'plain_text', text: 'More results' },
              },
            ],
          },
        ],
      },
    });
    await bridge.click(results.id, 'page_next');
    expect(captured).to.have.length(1);
    verify(captured[0]);
    const payload = JSON.parse(new URLSearchParams(captured[0].body).get('payload')!);
    expect(payload).to.deep.include({ type: 'block_actions', api_app_id: 'A0K8SBLOG' });
    expect(payload.user).to.include({ id: 'U0ALICE', username: 'alice' });
    expect(payload.channel).to.deep.equal({ id: 'C0GENERAL', name: 'general' });
    expect(payload.container).to.deep.equal({
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: 'C0GENERAL',
      is_ephemeral: true,
    });
    expect(payload).to.not.have.property('message'); // Slack cannot send an ephemeral message back
    expect(payload.trigger_id).to.be.a('string');
    expect(payload.actions).to.have.length(1);
    expect(payload.actions[0]).to.include({
      action_id: 'page_next',
      block_id: 'paging',
      value: '{"q":"x","o":5}',
      type: 'button',
    });
    expect(payload.actions[0].text).to.deep.include({ type: 'plain_text', text: 'More results' });

    // The Share button sits in a section without a block_id: Slack reports a generated one.
    await bridge.click(results.id, 'share_0');
    const share = JSON.parse(new URLSearchParams(captured[1].body).get('payload')!);
    expect(share.actions[0]).to.include({ action_id: 'share_0', value: 'id-1' });
    expect(share.actions[0].block_id).to.be.a('string').and.not.equal('');

    await fetch(payload.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'page 2' }),
    });
    expect(timeline.list()).to.have.length(1);
    expect(timeline.list()[0]).to.include({
      id: results.id,
      kind: 'ephemeral',
      html: '<div class="mrkdwn">page 2</div>',
    });
  });

  it('sends the whole message with a click on a channel message, and applies delete_original and new responses', async () => {
    const { webApi } = await import('@slack/bolt');
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: standin.url });
    const posted = await client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'digest',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'dismiss', text: { type: 'plain_text', text: 'Dismiss' } }],
        },
      ],
    });
    const entry = timeline.list()[0];
    expect(entry).to.include({ kind: 'bot', ts: posted.ts, author: 'k8sblog' });
    await bridge.click(entry.id, 'dismiss');
    const payload = JSON.parse(new URLSearchParams(captured[0].body).get('payload')!);
    expect(payload.container).to.include({ message_ts: posted.ts, is_ephemeral: false });
    expect(payload.message).to.include({ type: 'message', ts: posted.ts, text: 'digest', bot_id: 'B0K8SBLOG' });

    const post = (body: object) =>
      fetch(payload.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post({ response_type: 'in_channel', replace_original: false, text: 'for everyone' });
    expect(kinds()).to.deep.equal(['bot', 'bot']);
    await post({ delete_original: true });
    expect(kinds()).to.deep.equal(['bot']);
    expect(timeline.list()[0].html).to.contain('for everyone');
  });

  it('shows chat.update in place and only this user’s ephemeral messages', async () => {
    const { webApi } = await import('@slack/bolt');
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: standin.url });
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'v1' });
    await client.chat.update({ channel: 'C0GENERAL', ts: posted.ts!, text: 'v2' });
    expect(timeline.list()).to.have.length(1);
    expect(timeline.list()[0]).to.include({ edited: true, html: '<div class="mrkdwn">v2</div>' });
    await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0BOB', text: 'for bob' });
    await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'for alice' });
    expect(timeline.list().map((e) => [e.kind, e.html])).to.deep.equal([
      ['bot', '<div class="mrkdwn">v2</div>'],
      ['ephemeral', '<div class="mrkdwn">for alice</div>'],
    ]);
  });

  it('rejects clicks on unknown messages or buttons', async () => {
    await bridge.click('e999', 'x').then(
      () => expect.fail('should reject'),
      (err: Error) => expect(err.message).to.match(/gone/),
    );
    const e = timeline.add({
      kind: 'bot',
      channel: 'C0GENERAL',
      author: 'k8sblog',
      ts: '1.000001',
      message: { text: 'no buttons' },
    });
    await bridge.click(e.id, 'x').then(
      () => expect.fail('should reject'),
      (err: Error) => expect(err.message).to.match(/no button/),
    );
    expect(captured).to.have.length(0);
  });

  it('turns typed text into Slack message text and finds the links Slack would announce', () => {
    expect(toSlackText('a < b & c > d https://k8s.io/x?a=1&b=2。')).to.equal(
      'a &lt; b &amp; c &gt; d <https://k8s.io/x?a=1&amp;b=2>。',
    );
    expect(
      linksToUnfurl(
        'x https://kubernetes.io/a, https://kubernetes.io/a https://www.kubernetes.io/b https://notkubernetes.io/c',
      ),
    ).to.deep.equal(['https://kubernetes.io/a', 'https://www.kubernetes.io/b']);
  });
});
