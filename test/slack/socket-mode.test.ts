import net from 'node:net';
import { expect } from 'chai';
import { UserError } from '../../src/errors.js';
import { createSlackApp, type SlackApp } from '../../src/slack/index.js';
import { SlackStandin } from '../../src/slack-standin/index.js';
import { fixtureEngine } from './fixtures/engine.js';
import { memoryLog } from './harness.js';

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
    // The stand-in has no WebSocket side. A passing outage makes the client wait before it asks again (stop() ends
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
