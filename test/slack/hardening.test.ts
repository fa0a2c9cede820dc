/**
 * Nothing from outside can exhaust, redirect or impersonate the bot through its HTTP receiver: bodies are bounded
 * and unsigned ones never read, a signed body that is not a Slack payload is refused, and answers go only to Slack.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config.js';
import { BODY_LIMIT } from '../../src/slack/request-guard.js';
import { blockActionsPayload, signRequest } from '../../src/slack-standin/index.js';
import { fixtureEngine } from './fixtures/engine.js';
import { buttonsOf, type Harness, startHarness } from './harness.js';

/** Sends raw bytes and resolves with the status line the server answered, or 'closed'. */
function rawRequest(url: string, head: string, body: Buffer | string = '', holdOpenMs = 0): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      if (body.length) socket.write(body);
    });
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\r\n')) {
        resolve(answer.split('\r\n')[0]);
        socket.destroy();
      }
    });
    socket.on('error', () => resolve(answer.split('\r\n')[0] || 'closed'));
    socket.on('close', () => resolve(answer.split('\r\n')[0] || 'closed'));
    if (holdOpenMs) setTimeout(() => socket.destroy(), holdOpenMs);
  });
}

function head(url: string, headers: Record<string, string>): string {
  const { host } = new URL(url);
  const lines = Object.entries({ host, ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST /slack/events HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

describe('HTTP receiver hardening', function () {
  this.timeout(60_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(fixtureEngine());
  });
  afterEach(() => h.stop());

  it('answers 401 to a request without signature headers before its declared 4 MB body arrives', async () => {
    const status = await rawRequest(
      h.url,
      head(h.url, { 'content-type': 'application/json', 'content-length': String(4 * 1024 * 1024) }),
      '{"a":',
    );
    expect(status).to.equal('HTTP/1.1 401 Unauthorized');
  });

  it(`answers 413 to a signed-looking body larger than ${BODY_LIMIT / 1024} KB, declared or chunked`, async () => {
    const signed = signRequest('not-the-secret', 'x');
    const declared = await rawRequest(
      h.url,
      head(h.url, { ...signed, 'content-type': 'application/json', 'content-length': String(BODY_LIMIT + 1) }),
    );
    expect(declared).to.equal('HTTP/1.1 413 Payload Too Large');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks = Buffer.concat(
      Array.from({ length: 6 }, () =>
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
    );
    const chunked = await rawRequest(
      h.url,
      head(h.url, { ...signed, 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      chunks,
    );
    expect(chunked).to.equal('HTTP/1.1 413 Payload Too Large');
  });

  it('refuses a correctly signed body that is JSON null, or payload=null, and keeps serving', async () => {
    expect((await h.http!.post('null', 'application/json')).status).to.equal(400);
    expect((await h.http!.post('payload=null', 'application/x-www-form-urlencoded')).status).to.equal(400);
    expect((await h.http!.post('[1,2]', 'application/json')).status).to.equal(400);
    const body = await h.command('kubeadm');
    expect(JSON.stringify(body)).to.include('kubeadm');
  });

  it('posts nothing to a response_url outside Slack (internal, metadata, other hosts), and logs it', async () => {
    for (const target of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/hook',
      'https://evil.example/x',
    ]) {
      const res = await h.requests.command({ text: 'kubeadm', responseUrl: target });
      expect(res.status).to.equal(200);
      expect(h.log.lines.some((l) => l.msg.includes('response_url is not a Slack address'))).to.equal(true);
    }
    // A real command afterwards is answered through the stand-in's own response_url as usual.
    expect(JSON.stringify(await h.command('kubeadm'))).to.include('kubeadm');
    expect(h.standin.callsTo('chat.postMessage')).to.have.length(0);
  });

  it('posts a replayed Share click (the same signed request again) once', async () => {
    const results = await h.command('sidecar', { channelId: 'C0REPLAY' });
    const btn = buttonsOf(results).find((b) => b.action_id === 'share_0')!;
    const payload = blockActionsPayload({
      actionId: btn.action_id,
      value: btn.value,
      responseUrl: h.standin.responseUrl('replay'),
      channelId: 'C0REPLAY',
      userId: 'U0BOB',
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    for (let i = 0; i < 3; i++)
      expect((await h.http!.post(body, 'application/x-www-form-urlencoded')).status).to.equal(200);
    await h.standin.waitForCall('chat.postMessage');
    // Time for a second post to show up, were there one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.standin.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0REPLAY')).to.have.length(1);
  });

  it('refuses a replayed request older than five minutes', async () => {
    const res = await h.http!.command(
      { text: 'kubeadm', responseUrl: h.standin.responseUrl('old') },
      { timestamp: Math.floor(Date.now() / 1000) - 600 },
    );
    expect(res.status).to.equal(401);
  });
});

describe('HTTP receiver under 100 connections trickling large unsigned bodies', function () {
  this.timeout(120_000);

  it('grows by less than 150 MB and keeps answering /healthz', async () => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join('test', 'slack', 'support', 'serve-app.ts')],
      {
        cwd: PROJECT_ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const lines = readline.createInterface({ input: child.stdout });
    const next = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
    try {
      const url = await next();
      child.stdin.write('rss\n');
      const before = Number(await next());

      const junk = signRequest('junk', 'junk');
      const sockets: net.Socket[] = [];
      const { hostname, port } = new URL(url);
      const piece = Buffer.alloc(200 * 1024, 'x');
      for (let i = 0; i < 100; i++) {
        const s = net.connect(Number(port), hostname);
        s.on('error', () => undefined);
        s.write(head(url, { ...junk, 'content-type': 'application/json', 'content-length': String(BODY_LIMIT - 10) }));
        s.write(piece);
        sockets.push(s);
      }
      await new Promise((r) => setTimeout(r, 2000));
      const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      expect(health.status).to.equal(200);
      child.stdin.write('rss\n');
      const during = Number(await next());
      for (const s of sockets) s.destroy();
      expect((during - before) / 1024 / 1024, 'RSS growth in MB').to.be.below(150);
    } finally {
      child.kill();
    }
  });
});
