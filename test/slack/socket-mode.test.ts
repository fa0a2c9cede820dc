import { expect } from 'chai';
import net from 'node:net';
import { createSlackApp } from '../../src/slack/index.js';
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
  it('opens its connection through SLACK_API_URL with the app token and serves /healthz on PORT', async () => {
    const standin = await SlackStandin.start();
    // The stand-in has no WebSocket side: refusing the connection is enough to see where the client asked for it.
    standin.handle('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const port = await freePort();
    const slack = createSlackApp({
      config: { slack: { botToken: 'xoxb-socket', appToken: 'xapp-1-A1-socket', apiUrl: standin.url, mode: 'socket' }, port, host: '127.0.0.1' },
      searcher: fixtureEngine(),
      version: '9.9.9',
      indexLoadedAt: new Date(0),
      log: memoryLog(),
    });
    expect(slack.mode).to.equal('socket');
    void slack.start().catch(() => undefined);
    try {
      const open = await standin.waitForCall('apps.connections.open', () => true, 5000);
      expect(open.token).to.equal('xapp-1-A1-socket');
      expect(standin.callsTo('auth.test')[0].token).to.equal('xoxb-socket');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).to.include({ version: '9.9.9', index_loaded_at: '1970-01-01T00:00:00.000Z' });
    } finally {
      await slack.stop().catch(() => undefined);
      await standin.stop();
    }
  });
});
