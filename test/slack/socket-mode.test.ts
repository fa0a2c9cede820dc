import { EventEmitter } from 'node:events';
import net from 'node:net';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { UserError } from '../../src/errors.js';
import { createSlackApp, type SlackApp } from '../../src/slack/index.js';
import { SlackStandin, SocketModeSide } from '../../src/slack-standin/index.js';
import { fixtureEngine } from './fixtures/engine.js';
import { APP_TOKEN, BOT_TOKEN, type Harness, memoryLog, startHarness } from './harness.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('slack app in Socket Mode', () => {
  let standin: SlackStandin;
  let slack: SlackApp;
  let port: number;

  beforeEach(async () => {
    standin = await SlackStandin.start();
    port = await freePort();
    slack = createSlackApp({
      config: {
        slack: { botToken: 'xoxb-socket', appToken: 'xapp-1-A1-socket', apiUrl: standin.url, mode: 'socket' },
        port,
        host: '127.0.0.1',
      },
      searcher: fixtureEngine(),
      version: '9.9.9',
      indexLoadedAt: new Date(0),
      log: memoryLog(),
    });
  });

  afterEach(async () => {
    await slack.stop().catch(() => undefined);
    await standin.stop();
  });

  it('opens its connection through SLACK_API_URL with the app token and serves /healthz on PORT', async () => {
    // A passing outage makes the client wait before it asks again (stop() ends
    // the wait), which leaves time to see where it asked and that /healthz is up meanwhile.
    standin.handle('apps.connections.open', () => ({ ok: false, error: 'internal_error' }));
    expect(slack.mode).to.equal('socket');
    void slack.start().catch(() => undefined);
    const open = await standin.waitForCall('apps.connections.open', () => true, 5000);
    expect(open.token).to.equal('xapp-1-A1-socket');
    expect(standin.callsTo('auth.test')[0].token).to.equal('xoxb-socket');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).to.include({ version: '9.9.9', index_loaded_at: '1970-01-01T00:00:00.000Z' });
    // HOST is honoured: bound to 127.0.0.1, the server is not on the other loopback addresses.
    await fetch(`http://127.0.0.2:${port}/healthz`).then(
      () => expect.fail('/healthz answered on an address other than HOST'),
      (e: unknown) => expect(String((e as Error).cause)).to.match(/ECONNREFUSED/),
    );
  });

  it('reports an app token Slack refuses as a configuration problem, and closes what it opened', async () => {
    standin.handle('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const err = await slack.start().then(
      () => expect.fail('start() should fail'),
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(UserError);
    expect((err as UserError).message).to.equal(
      `k8sblog: Slack rejected the Socket Mode connection (invalid_auth): check SLACK_APP_TOKEN (SLACK_API_URL=${standin.url}).`,
    );
    await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => expect.fail('/healthz still answers after a failed start'),
      (e: Error) => expect(e).to.be.an('error'),
    );
  });
});

describe('stand-in Socket Mode side with the app', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(fixtureEngine(), {}, 'socket');
  });
  after(() => h.stop());

  it('hands the app token a single-use ws:// URL on loopback, greets with hello, and gets every envelope acked', async () => {
    const open = h.standin.callsTo('apps.connections.open');
    expect(open).to.have.length(1);
    expect(open[0].token).to.equal(APP_TOKEN);
    const url = String(open[0].answer.url);
    expect(url).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\/[0-9a-f]+$/);
    // The URL was used: a second client with it is turned away.
    const second = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
      ws.on('open', () => {
        ws.close();
        resolve('opened');
      });
      ws.on('error', (e) => resolve(`error ${e.message}`));
    });
    expect(second).to.equal('refused 401');
    const before = h.standin.socketMode.acks.length;
    const body = await h.command('kubeadm');
    expect(String(body.text)).to.match(/8 results/);
    const acks = h.standin.socketMode.acks.slice(before);
    expect(acks.map((a) => a.type)).to.deep.equal(['slash_commands']);
    expect(h.standin.socketMode.problems).to.deep.equal([]);
  });

  it('refuses a bot token on apps.connections.open and an app token elsewhere, as Slack does', async () => {
    const call = (method: string, token: string) =>
      fetch(`${h.standin.url}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.json() as Promise<{ ok: boolean; error?: string }>,
      );
    expect(await call('apps.connections.open', BOT_TOKEN)).to.deep.equal({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await call('auth.test', APP_TOKEN)).to.deep.equal({ ok: false, error: 'not_allowed_token_type' });
    expect(await call('apps.connections.open', 'xapp-1-other')).to.deep.equal({ ok: false, error: 'invalid_auth' });
  });

  it('reconnects after disconnect (refresh_requested) and answers what is sent after', async () => {
    const opened = h.standin.socketMode.opened;
    h.standin.socketMode.disconnect('refresh_requested');
    // The client asks for a new URL after its back-off (seconds), then says hello again.
    await h.standin.socketMode.waitForLinks(opened + 1, 15_000);
    expect(h.standin.callsTo('apps.connections.open').length).to.be.at.least(2);
    const body = await h.command('sidecar');
    expect(String(body.text)).to.match(/1 result/);
  });

  it('reconnects after the link drops without a close frame', async () => {
    const opened = h.standin.socketMode.opened;
    h.standin.socketMode.drop();
    await h.standin.socketMode.waitForLinks(opened + 1, 15_000);
    const body = await h.command('调度器');
    expect(String(body.text)).to.match(/2 results/);
  });

  it('rejects a delivery nobody acknowledges, naming the envelope', async () => {
    const side = new SocketModeSide(() => 'http://127.0.0.1:1', new EventEmitter(), 'A0');
    const err = await side.deliver('events_api', {}, { timeoutMs: 50 }).catch((e: Error) => e);
    expect(String(err)).to.match(/waited .* for an open Socket Mode link/);
    await side.close();
  });
});
