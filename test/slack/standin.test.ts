import { LogLevel, webApi } from '@slack/bolt';
import { expect } from 'chai';

const { WebClient, ErrorCode } = webApi;
type WebClient = webApi.WebClient;

import { SlackStandin } from '../../src/slack-standin/index.js';

describe('slack stand-in', () => {
  let standin: SlackStandin;
  let client: WebClient;

  beforeEach(async () => {
    standin = await SlackStandin.start({ tokens: ['xoxb-test-token'] });
    client = new WebClient('xoxb-test-token', { slackApiUrl: standin.url, retryConfig: { retries: 0 } });
  });
  afterEach(() => standin.stop());

  it('listens on loopback and records method, decoded args and token', async () => {
    expect(standin.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client.chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
      unfurl_links: false,
    });
    expect(res.ok).to.equal(true);
    expect(res.ts).to.match(/^\d+\.\d{6}$/);
    const [call] = standin.callsTo('chat.postMessage');
    expect(call.token).to.equal('xoxb-test-token');
    expect(call.args.blocks).to.deep.equal([{ type: 'divider' }]);
    expect(call.args.unfurl_links).to.equal('false');
    expect(standin.messages('C1')).to.have.length(1);
  });

  it('rejects unknown tokens', async () => {
    const other = new WebClient('xoxb-wrong', { slackApiUrl: standin.url, retryConfig: { retries: 0 } });
    const err = await other.auth.test().catch((e: unknown) => e as { data?: { error?: string } });
    expect(err).to.have.nested.property('data.error', 'invalid_auth');
  });

  it('answers not_in_channel, is_archived and channel_not_found from channel state', async () => {
    standin.addChannel({ id: 'G1', kind: 'private', isMember: false });
    standin.addChannel({ id: 'C2', isArchived: true });
    standin.addChannel({ id: 'D1', kind: 'im', isMember: false });
    const errors: string[] = [];
    for (const channel of ['G1', 'C2', 'D1']) {
      await client.chat
        .postMessage({ channel, text: 'x' })
        .catch((e: { data: { error: string } }) => errors.push(e.data.error));
    }
    expect(errors).to.deep.equal(['not_in_channel', 'is_archived', 'channel_not_found']);
  });

  it('fails scripted calls for the next N calls only, filtered by args', async () => {
    standin.fail('chat.postMessage', { error: 'not_in_channel', when: (a) => a.channel === 'C9' }, 1);
    await client.chat.postMessage({ channel: 'C1', text: 'ok' });
    const err = await client.chat
      .postMessage({ channel: 'C9', text: 'x' })
      .catch((e: { data: { error: string } }) => e.data.error);
    expect(err).to.equal('not_in_channel');
    const again = await client.chat.postMessage({ channel: 'C9', text: 'x' });
    expect(again.ok).to.equal(true);
  });

  it('answers rate_limited with HTTP 429 and Retry-After, which the SDK honours', async () => {
    standin.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 0 }, 2);
    const retrying = new WebClient('xoxb-test-token', {
      slackApiUrl: standin.url,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 3, minTimeout: 1, maxTimeout: 5 },
    });
    const res = await retrying.chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(res.ok).to.equal(true);
    expect(standin.callsTo('chat.postMessage').map((c) => c.status)).to.deep.equal([429, 429, 200]);

    standin.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 7 });
    const rejecting = new WebClient('xoxb-test-token', { slackApiUrl: standin.url, rejectRateLimitedCalls: true });
    const err = await rejecting.chat
      .postMessage({ channel: 'C1', text: 'x' })
      .catch((e: { code: string; retryAfter: number }) => e);
    expect(err).to.include({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('serves response_urls and lets a test wait for what was posted', async () => {
    const url = standin.responseUrl('search');
    const waiting = standin.waitForResponse(url);
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello', replace_original: true }),
    });
    const got = await waiting;
    expect(got.body).to.deep.equal({ text: 'hello', replace_original: true });
    expect(standin.responseUrl()).to.not.equal(url);
  });

  it('updates messages the bot posted and records unfurls', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'v1' });
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'v2' });
    expect(standin.messages('C1')[0].text).to.equal('v2');
    await client.chat.unfurl({ channel: 'C1', ts: posted.ts!, unfurls: { 'https://x/': { blocks: [] } } });
    expect(standin.callsTo('chat.unfurl')[0].args.unfurls).to.deep.equal({ 'https://x/': { blocks: [] } });
  });

  it('pages the history of a channel newest first, with metadata only when asked for', async () => {
    const metadata = { event_type: 'k8sblog_digest', event_payload: { marker: 'm-1' } };
    const first = await client.chat.postMessage({ channel: 'C1', text: 'one', metadata });
    await client.chat.postMessage({ channel: 'C1', text: 'two' });
    await client.chat.postMessage({ channel: 'C2', text: 'elsewhere' });
    const all = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(all.messages!.map((m) => m.text)).to.deep.equal(['two', 'one']);
    expect(all.messages![1].metadata).to.deep.equal(metadata);
    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.messages![1]).not.to.have.property('metadata');
    const newer = await client.conversations.history({ channel: 'C1', oldest: first.ts!, limit: 1 });
    expect(newer.messages!.map((m) => m.text)).to.deep.equal(['two']);
    expect(newer.has_more).to.equal(false);
    const paged = await client.conversations.history({ channel: 'C1', limit: 1 });
    expect(paged.has_more).to.equal(true);
    expect(paged.messages!.map((m) => m.text)).to.deep.equal(['two']);
    const rest = await client.conversations.history({
      channel: 'C1',
      limit: 1,
      cursor: paged.response_metadata!.next_cursor,
    });
    expect(rest.messages!.map((m) => m.text)).to.deep.equal(['one']);
    expect(rest.has_more).to.equal(false);
    expect(rest.response_metadata?.next_cursor).to.equal('');
  });

  it('waitFor rejects with what it saw when the condition never holds', async () => {
    await client.auth.test();
    const err = await standin.waitForCall('chat.postMessage', () => true, 50).catch((e: Error) => e.message);
    expect(err).to.match(/auth\.test→ok/);
  });
});

describe('slack stand-in record keeping', () => {
  it('keeps only the newest maxRecords calls', async () => {
    const standin = await SlackStandin.start({ maxRecords: 3 });
    try {
      const client = new WebClient('xoxb-any', { slackApiUrl: standin.url, retryConfig: { retries: 0 } });
      for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: 'C1', text: `m${i}` });
      expect(standin.calls.map((c) => c.args.text)).to.deep.equal(['m2', 'm3', 'm4']);
    } finally {
      await standin.stop();
    }
  });
});
