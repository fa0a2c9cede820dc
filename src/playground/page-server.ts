/**
 * The playground's HTTP server: the page (HTML, CSS, JS from public/), a small JSON API for what the user does on
 * it, a stream of timeline changes (server-sent events), and — for every other path — the Slack app itself
 * (/slack/events, /healthz), so one port serves both.
 *
 * The API only takes JSON POSTs from the page's own origin and, on loopback, only requests addressed to a loopback
 * host name: another web site open in the same browser can neither drive the bot nor read the channel.
 */

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { listenOn } from '../listen.js';
import type { Logger } from '../log.js';
import { PlaygroundInputError } from './slack-bridge.js';
import type { Timeline, TimelineEvent } from './timeline.js';

/** The page's files are read from the source tree, which `npm start` has too (tsc copies no assets into dist/). */
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'playground', 'public');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/slack-date.js': { file: 'slack-date.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** Defence in depth: even if some text escaped the renderer, the page runs no inline script and loads nothing remote. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const MAX_BODY = 64 * 1024;
const MAX_MESSAGE = 4000;
/** The names by which a browser on this machine or the network may address the page. */
function machineNames(configuredHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', os.hostname().toLowerCase(), configuredHost.toLowerCase()]);
  for (const list of Object.values(os.networkInterfaces()))
    for (const a of list ?? []) names.add(a.address.toLowerCase());
  names.delete('0.0.0.0');
  names.delete('::');
  return names;
}

export interface PageInfo {
  workspace: string;
  channel: { id: string; name: string };
  /** The user's DM with the bot (its Messages tab), and the pseudo-channel the Home tab's view is drawn in. */
  dm: { id: string };
  home: { id: string };
  user: { id: string; name: string };
  bot: string;
  command: string;
  /** `problem`: why the last poll failed, while it is failing. */
  feed: { url: string; sample: boolean; held?: number; problem?: string };
  /** A link from the archive, for the "paste a link" hint. */
  exampleLink?: string;
}

/** What the page can ask for; each resolves once the app has acknowledged (or the digest run is over). */
export interface PageActions {
  /** `dm`: written in the bot's Messages tab. */
  send(text: string, place: 'channel' | 'dm'): Promise<void>;
  click(entryId: string, actionId: string): Promise<void>;
  /** The message shortcut "Search the k8s blog" on a message. */
  shortcut(entryId: string): Promise<void>;
  openHome(): Promise<void>;
  /** Enter in an input of the Home view. */
  viewInput(actionId: string, value: string): Promise<void>;
  runDigest(): Promise<void>;
}

export interface PageServerOptions {
  host: string;
  port: number;
  timeline: Timeline;
  actions: PageActions;
  info: () => PageInfo;
  /** The Slack app's request handler; `next` when the path is not the app's. */
  slack: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
  log: Logger;
}

export class PageServer {
  private readonly streams = new Set<http.ServerResponse>();
  private readonly assets = new Map<string, Buffer>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: PageServerOptions,
  ) {
    for (const { file } of Object.values(ASSETS)) this.assets.set(file, readFileSync(path.join(PUBLIC_DIR, file)));
    options.timeline.on('change', this.broadcast);
  }

  static async start(options: PageServerOptions): Promise<PageServer> {
    const server = http.createServer();
    const page = new PageServer(server, options);
    server.on('request', (req, res) => {
      page.serve(req, res).catch((err: unknown) => {
        options.log.error('playground: request failed', {
          path: req.url,
          error: err instanceof Error ? err.message : String(err),
        });
        if (!res.headersSent) send(res, 500, { ok: false, error: 'internal error; see the log' });
        else res.end();
      });
    });
    try {
      await listenOn(server, options.port, options.host);
    } catch (err) {
      page.options.timeline.off('change', page.broadcast);
      throw err;
    }
    return page;
  }

  /** `http://127.0.0.1:3000` */
  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    const host =
      address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
    return `http://${host}:${port}`;
  }

  /** Tells open pages that the info changed (e.g. sample posts were published). */
  refreshInfo(): void {
    this.sendEvent('info', this.options.info());
  }

  async stop(): Promise<void> {
    this.options.timeline.off('change', this.broadcast);
    for (const res of this.streams) res.end();
    this.streams.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://playground');
    const path = url.pathname;
    const asset = ASSETS[path];
    if (asset || path.startsWith('/api/')) {
      if (!this.hostAllowed(req))
        return send(res, 421, {
          ok: false,
          error: 'this server answers only to the names of this machine (set HOST to the name you use)',
        });
    }
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      const body = this.assets.get(asset.file)!;
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (path === '/api/events' && req.method === 'GET') return this.openStream(req, res);
    if (path === '/api/state' && req.method === 'GET')
      return send(res, 200, { info: this.options.info(), entries: this.options.timeline.list() });
    if (path.startsWith('/api/') && req.method === 'POST') return this.api(path, req, res);
    if (path.startsWith('/api/')) return send(res, 404, { ok: false, error: 'not found' });
    this.options.slack(req, res, () => send(res, 404, { ok: false, error: 'not found' }));
  }

  private async api(path: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return send(res, 403, { ok: false, error: 'cross-origin requests are refused' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, { ok: false, error: 'send JSON' });
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch (err) {
      return send(res, 400, { ok: false, error: err instanceof Error ? err.message : 'bad request' });
    }
    const { actions } = this.options;
    try {
      if (path === '/api/message') {
        const text = body.text;
        if (typeof text !== 'string' || !text.trim()) return send(res, 400, { ok: false, error: 'text is required' });
        if (text.length > MAX_MESSAGE)
          return send(res, 400, { ok: false, error: `messages hold at most ${MAX_MESSAGE} characters` });
        await actions.send(text, body.place === 'dm' ? 'dm' : 'channel');
      } else if (path === '/api/shortcut') {
        if (typeof body.entry !== 'string') return send(res, 400, { ok: false, error: 'entry is required' });
        await actions.shortcut(body.entry);
      } else if (path === '/api/home') {
        await actions.openHome();
      } else if (path === '/api/view-input') {
        if (typeof body.action !== 'string' || typeof body.value !== 'string')
          return send(res, 400, { ok: false, error: 'action and value are required' });
        if (body.value.length > MAX_MESSAGE)
          return send(res, 400, { ok: false, error: `inputs hold at most ${MAX_MESSAGE} characters` });
        await actions.viewInput(body.action, body.value);
      } else if (path === '/api/action') {
        if (typeof body.entry !== 'string' || typeof body.action !== 'string')
          return send(res, 400, { ok: false, error: 'entry and action are required' });
        await actions.click(body.entry, body.action);
      } else if (path === '/api/digest') {
        await actions.runDigest();
        this.refreshInfo();
      } else {
        return send(res, 404, { ok: false, error: 'not found' });
      }
    } catch (err) {
      if (err instanceof PlaygroundInputError) return send(res, 400, { ok: false, error: err.message });
      throw err;
    }
    send(res, 200, { ok: true });
  }

  private openStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    this.streams.add(res);
    writeEvent(res, 'reset', { info: this.options.info(), entries: this.options.timeline.list() });
    // A comment now and then keeps proxies and idle timeouts from closing the stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      this.streams.delete(res);
    });
  }

  private readonly broadcast = (event: TimelineEvent): void => {
    if (event.type === 'entry') this.sendEvent('entry', event.entry);
    else this.sendEvent('remove', { id: event.id });
  };

  private sendEvent(name: string, data: unknown): void {
    for (const res of this.streams) writeEvent(res, name, data);
  }

  /**
   * Guards against DNS rebinding whatever the bind address: a request must name this machine (a loopback name, its
   * host name, one of its addresses, or HOST as configured); a rebound name of someone else's is refused.
   */
  private hostAllowed(req: http.IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0];
    return machineNames(this.options.host).has(name);
  }
}

function writeEvent(res: http.ServerResponse, name: string, data: unknown): void {
  // JSON has no raw line breaks, so one `data:` line carries it whole.
  res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected a JSON object');
        resolve(parsed as Record<string, unknown>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error('bad JSON'));
      }
    });
    req.on('error', reject);
  });
}
