import http from 'node:http';
import { expect } from 'chai';
import { PageServer } from '../../src/playground/page-server.js';
import { Timeline } from '../../src/playground/timeline.js';
import { memoryLog } from '../slack/harness.js';

/** Status of GET /api/state sent to 127.0.0.1 with the given Host header. */
function statusFor(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://127.0.0.1:${port}/api/state`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('playground page: Host checks whatever the bind address', () => {
  let page: PageServer;
  before(async () => {
    page = await PageServer.start({
      host: '0.0.0.0',
      port: 0,
      timeline: new Timeline(),
      actions: {
        send: async () => undefined,
        click: async () => undefined,
        runDigest: async () => undefined,
        shortcut: async () => undefined,
        openHome: async () => undefined,
        viewInput: async () => undefined,
      },
      info: () => ({
        workspace: 'w',
        channel: { id: 'C1', name: 'general' },
        dm: { id: 'D1' },
        home: { id: 'HOME' },
        user: { id: 'U1', name: 'alice' },
        bot: 'k8sblog',
        command: '/k8sblog',
        feed: { url: 'http://127.0.0.1:1/feed.xml', sample: false },
      }),
      slack: (_req, _res, next) => next(),
      log: memoryLog(),
    });
  });
  after(() => page.stop());

  it('bound to 0.0.0.0, refuses a DNS-rebound name and answers to its own names', async () => {
    const port = Number(new URL(page.url).port);
    expect(await statusFor(port, `evil.example:${port}`)).to.equal(421);
    expect(await statusFor(port, `localhost:${port}`)).to.equal(200);
    expect(await statusFor(port, `127.0.0.1:${port}`)).to.equal(200);
  });
});
