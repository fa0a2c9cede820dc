import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createSlackApp } from '../../src/slack/index.js';
import { startLocalConsole } from '../../src/slack-standin/console.js';
import { mrkdwnToText, renderBlocks } from '../../src/slack-standin/text-render.js';
import { fixtureEngine } from './fixtures/engine.js';
import { memoryLog } from './harness.js';

describe('local console (no Slack credentials)', () => {
  it('sends typed lines as signed commands to the real app and presses buttons of the last answer', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    const local = await startLocalConsole({
      input,
      output,
      createApp: ({ botToken, signingSecret, apiUrl }) =>
        createSlackApp({
          config: { slack: { apiUrl, mode: 'http' }, port: 0, host: '127.0.0.1' },
          mode: 'http',
          botToken,
          signingSecret,
          searcher: fixtureEngine(),
          version: 't',
          log: memoryLog(),
        }),
    });
    input.write('kubeadm\nmore\nshare 1\n');
    input.end();
    await local.closed;
    expect(printed).to.include('8 results for “kubeadm” (1–5)');
    expect(printed).to.include('(6–8)');
    expect(printed).to.include('(posted to the channel)');
    expect(printed).to.include('[Share]');
    expect(printed).to.not.include('\u200B');
  });

  it('renders mrkdwn as plain text without terminal control characters', () => {
    expect(mrkdwnToText('*<https://k.io/a/|T &amp; x>*\n\u200B*调度器*\u200B x\u001b[31m')).to.equal('T & x (https://k.io/a/)\n调度器 x[31m');
    const { text, buttons } = renderBlocks([{ type: 'actions', elements: [{ type: 'button', action_id: 'p', text: { type: 'plain_text', text: 'Previous' }, value: 'v' }] }]);
    expect(text).to.equal('[Previous]');
    expect(buttons).to.deep.equal([{ label: 'Previous', actionId: 'p', value: 'v' }]);
  });
});
