/**
 * `k8sblog start` as an operator runs it, in a process of its own, against the Slack stand-in on loopback: the
 * composition root wires every surface, over Socket Mode and over HTTP, and SIGHUP reloads the archive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  appHomeOpenedEvent,
  eventCallback,
  SlackRequests,
  SlackStandin,
  SocketRequests,
} from '../../src/slack-standin/index.js';
import { textsOf } from '../slack/harness.js';
import { freePort, startBotProcess as startBot, stopBotProcess as stopBot } from '../support/bot-process.js';

const BOT = 'xoxb-e2e-bot';
const APP = 'xapp-1-A0K8SBLOG-e2e';
const SECRET = 'e2e-signing-secret';

describe('k8sblog start end to end (a process of its own, the Slack stand-in on loopback)', function () {
  this.timeout(180_000);
  let dir: string;
  let standin: SlackStandin;
  let base: NodeJS.ProcessEnv;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-e2e-'));
    standin = await SlackStandin.start({ tokens: [BOT], appTokens: [APP] });
    base = {
      SLACK_BOT_TOKEN: BOT,
      SLACK_API_URL: standin.url,
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      FEED_URL: `http://127.0.0.1:${await freePort()}/feed.xml`,
      INDEX_FILE: path.join(dir, 'index.bin'),
    };
  });
  after(async () => {
    await standin.stop();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => standin.reset());

  it('Socket Mode: a slash command, a mention in a thread and the Home tab, then a clean stop', async () => {
    const port = await freePort();
    const bot = await startBot({ ...base, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: '' }, port);
    try {
      await standin.socketMode.waitForLinks(1, 30_000);
      const requests = new SocketRequests(standin.socketMode);
      const responseUrl = standin.responseUrl('e2e');
      await requests.command({ text: 'kubeadm', responseUrl });
      const answer = await standin.waitForResponse(responseUrl, 1, 30_000);
      expect(textsOf(answer.body as Record<string, unknown>).join('\n')).to.match(/kubeadm/i);

      await requests.event(
        eventCallback({
          type: 'app_mention',
          user: 'U0ALICE',
          text: '<@U0K8SBLOG> 请问 有没有文章讲 kubeadm 升级',
          ts: '1700000000.000100',
          channel: 'C0GENERAL',
        }),
      );
      const reply = await standin.waitForCall(
        'chat.postMessage',
        (c) => c.args.thread_ts === '1700000000.000100',
        30_000,
      );
      expect(JSON.stringify(reply.args)).to.match(/kubeadm/i);

      await requests.event(eventCallback(appHomeOpenedEvent('U0ALICE')));
      const home = await standin.waitForCall('views.publish', () => true, 30_000);
      expect(home.answer.ok).to.equal(true);
    } finally {
      expect(await stopBot(bot.child)).to.equal(0);
    }
  });

  it('HTTP: signed requests are answered, unsigned ones refused; SIGHUP reloads the archive and keeps answering', async () => {
    const port = await freePort();
    const bot = await startBot({ ...base, SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: SECRET }, port);
    try {
      const requests = new SlackRequests(`http://127.0.0.1:${port}/slack/events`, SECRET);
      const responseUrl = standin.responseUrl('e2e-http');
      expect((await requests.command({ text: '调度器', responseUrl })).status).to.equal(200);
      expect((await standin.waitForResponse(responseUrl, 1, 30_000)).body).to.be.an('object');
      const unsigned = await requests.command({ text: 'x', responseUrl }, { signature: null });
      expect(unsigned.status).to.equal(401);

      bot.child.kill('SIGHUP');
      for (let i = 0; i < 150 && !/search index: reloading/.test(bot.log()); i++)
        await new Promise((r) => setTimeout(r, 200));
      expect(bot.log()).to.match(/search index: reloading .* \(SIGHUP\)/);
      const after = standin.responseUrl('e2e-after');
      expect((await requests.command({ text: 'kubeadm', responseUrl: after })).status).to.equal(200);
      await standin.waitForResponse(after, 1, 30_000);
      expect(bot.child.exitCode, 'SIGHUP does not stop the bot').to.equal(null);
    } finally {
      expect(await stopBot(bot.child)).to.equal(0);
    }
  });
});
