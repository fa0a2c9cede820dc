/**
 * A local stand-in for Slack's Web API: an HTTP server on loopback that answers the methods the bot calls with
 * Slack-shaped JSON, records every call, serves `response_url` endpoints, and can be told to fail a method the way
 * Slack fails it (an error string, or HTTP 429 with Retry-After). Point SLACK_API_URL at `standin.url`.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiAnswer, type ApiArgs, METHODS, type MethodHandler } from './methods.js';
import { SocketModeSide } from './socket-mode.js';
import {
  type StandinChannel,
  type StandinMessage,
  type StandinTeam,
  type StandinUser,
  Workspace,
} from './workspace.js';

export interface StandinOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When given, only these tokens are accepted; any other answers `invalid_auth`. */
  tokens?: string[];
  /** When given, only these app-level tokens (`xapp-…`) may open Socket Mode links. */
  appTokens?: string[];
  /** The app's id, sent in Socket Mode's `hello`. */
  appId?: string;
  team?: Partial<StandinTeam>;
  bot?: Partial<{ userId: string; botId: string; name: string }>;
  /** What an unknown channel id is: a public channel the bot is in (default), or `channel_not_found`. */
  unknownChannels?: 'create' | 'not_found';
  /** How many calls and responses are kept (the oldest go first), so a long-running stand-in stays small. Default 10 000. */
  maxRecords?: number;
}

export interface RecordedCall {
  seq: number;
  at: number;
  method: string;
  /** Form fields or JSON body; fields Slack takes as JSON inside a form (blocks, unfurls, …) are decoded. */
  args: ApiArgs;
  token?: string;
  status: number;
  answer: ApiAnswer;
}

export interface RecordedResponse {
  seq: number;
  at: number;
  /** The full response_url that was posted to. */
  url: string;
  body: Record<string, unknown>;
}

export interface ScriptedFailure {
  /** Slack's error string, e.g. `not_in_channel`; `rate_limited` means HTTP 429 (see retryAfter). */
  error?: string;
  /** HTTP status to answer with instead of 200 (429 for rate limits, 500 for an outage). */
  status?: number;
  /** Seconds for the Retry-After header of a 429; default 1. */
  retryAfter?: number;
  /** Only calls whose args match fail (e.g. one channel); others are answered normally and do not use up `times`. */
  when?: (args: ApiArgs) => boolean;
}

interface ArmedFailure extends ScriptedFailure {
  remaining: number;
}

/** Fields that Slack accepts as JSON strings inside a form-encoded call. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'unfurls',
  'metadata',
  'user_auth_blocks',
  'user_auth_message',
  'view',
]);
/** The pseudo-method name that scripts failures of response_url posts. */
export const RESPONSE_URL = 'response_url';

export class SlackStandin extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly workspace: Workspace;
  private readonly failures = new Map<string, ArmedFailure[]>();
  private readonly handlers = new Map<string, MethodHandler>(Object.entries(METHODS));
  private server?: http.Server;
  private seq = 0;
  private responseCounter = 0;
  private origin_ = '';
  /** Socket Mode: `apps.connections.open` URLs, the links, envelopes and their acks. */
  readonly socketMode: SocketModeSide;

  private constructor(private readonly options: StandinOptions) {
    super();
    this.workspace = new Workspace(
      { id: 'T0STANDIN', name: 'k8sblog stand-in', domain: 'k8sblog-standin', ...options.team },
      { userId: 'U0K8SBLOG', botId: 'B0K8SBLOG', name: 'k8sblog', ...options.bot },
      options.unknownChannels ?? 'create',
    );
    this.socketMode = new SocketModeSide(() => this.origin_, this, options.appId ?? 'A0K8SBLOG');
    this.handlers.set('apps.connections.open', () => this.socketMode.open());
  }

  static async start(options: StandinOptions = {}): Promise<SlackStandin> {
    const standin = new SlackStandin(options);
    await standin.listen();
    return standin;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return this.origin_;
  }

  /** The Web API base URL, ending in a slash: the value for SLACK_API_URL. */
  get url(): string {
    return `${this.origin_}/api/`;
  }

  /** A fresh response_url to put into a slash command or an interaction payload. */
  responseUrl(label = 'r'): string {
    this.responseCounter += 1;
    return `${this.origin_}/response/${this.responseCounter}-${encodeURIComponent(label)}`;
  }

  /** Calls of one method, oldest first. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** What was posted to one response_url, oldest first. */
  responsesTo(url: string): RecordedResponse[] {
    return this.responses.filter((r) => r.url === url);
  }

  /**
   * Resolves with the predicate's first truthy value, checked now and after every recorded call or response;
   * rejects after `timeoutMs` with what was recorded, so a failing test says what happened instead.
   */
  waitFor<T>(predicate: (standin: SlackStandin) => T | undefined | null | false, timeoutMs = 2000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = predicate(this);
        } catch (err) {
          done();
          reject(err);
          return true;
        }
        if (value) {
          done();
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.calls.slice(-10).map((c) => `${c.method}→${c.answer.ok ? 'ok' : c.answer.error}`);
        reject(
          new Error(
            `stand-in: condition not met within ${timeoutMs} ms; last calls: ${seen.join(', ') || 'none'}; responses: ${this.responses.length}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.off('record', check);
      };
      if (!check()) this.on('record', check);
    });
  }

  /** The first recorded call of `method` that matches, waiting for it if need be. */
  waitForCall(
    method: string,
    match: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<RecordedCall> {
    return this.waitFor((s) => s.calls.find((c) => c.method === method && match(c)), timeoutMs);
  }

  /** The n-th (1-based) body posted to a response_url, waiting for it if need be. */
  waitForResponse(url: string, n = 1, timeoutMs = 2000): Promise<RecordedResponse> {
    return this.waitFor((s) => s.responsesTo(url)[n - 1], timeoutMs);
  }

  /**
   * The next `times` calls of `method` fail as Slack would fail them: `fail('chat.postMessage', 'not_in_channel')`,
   * `fail('chat.postMessage', { error: 'rate_limited', retryAfter: 0 }, 3)`, `fail('response_url', { status: 404 })`.
   * Scripts queue up in order; `times` may be Infinity.
   */
  fail(method: string, failure: string | ScriptedFailure, times = 1): void {
    const spec: ScriptedFailure = typeof failure === 'string' ? { error: failure } : failure;
    const queue = this.failures.get(method) ?? [];
    queue.push({ ...spec, remaining: times });
    this.failures.set(method, queue);
  }

  /** Answers `method` with a handler of the caller's (a method the stand-in lacks, or different behaviour). */
  handle(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  addChannel(channel: Partial<StandinChannel> & { id: string }): StandinChannel {
    return this.workspace.addChannel(channel);
  }

  addUser(user: Partial<StandinUser> & { id: string }): StandinUser {
    return this.workspace.addUser(user);
  }

  /** Messages the bot posted (and updated) in a channel, oldest first. */
  messages(channel: string): StandinMessage[] {
    return this.workspace.messages.filter((m) => m.channel === channel);
  }

  /** Forgets calls, responses and scripted failures (channels, users and messages stay). */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await this.socketMode.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private listen(): Promise<void> {
    const server = http.createServer((req, res) => {
      this.serve(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`stand-in error: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
    server.keepAliveTimeout = 30_000;
    server.on('upgrade', (req, socket, head: Buffer) => {
      if (!this.socketMode.upgrade(req, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        const { address, port } = server.address() as AddressInfo;
        const host = address.includes(':') ? `[${address}]` : address;
        this.origin_ = `http://${host}:${port}`;
        resolve();
      });
    });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://standin').pathname;
    const raw = await readBody(req);
    if (req.method === 'POST' && path.startsWith('/api/'))
      return this.serveApi(path.slice('/api/'.length), req, raw, res);
    if (req.method === 'POST' && path.startsWith('/response/')) return this.serveResponseUrl(path, raw, res);
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private serveApi(method: string, req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const args = parseArgs(req.headers['content-type'], raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    delete args.token;

    let status = 200;
    let headers: Record<string, string> = {};
    let answer: ApiAnswer;
    const scripted = this.takeFailure(method, args);
    // Slack keeps the two kinds of token apart: app-level tokens open Socket Mode links and do nothing else.
    const appLevel = method === 'apps.connections.open';
    const accepted = appLevel ? this.options.appTokens : this.options.tokens;
    if (!token) answer = { ok: false, error: 'not_authed' };
    else if (appLevel !== token.startsWith('xapp-')) answer = { ok: false, error: 'not_allowed_token_type' };
    else if (accepted && !accepted.includes(token)) answer = { ok: false, error: 'invalid_auth' };
    else if (scripted) ({ status, headers, answer } = failureAnswer(scripted));
    else {
      const handler = this.handlers.get(method);
      answer = handler ? handler(args, this.workspace) : { ok: false, error: 'unknown_method' };
    }
    this.record(
      'call',
      { seq: ++this.seq, at: Date.now(), method, args, token, status, answer } satisfies RecordedCall,
      this.calls,
    );
    sendJson(res, status, answer, headers);
  }

  private serveResponseUrl(path: string, raw: string, res: http.ServerResponse): void {
    const scripted = this.takeFailure(RESPONSE_URL, {});
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { text: String(parsed) };
    } catch {
      sendJson(res, 400, { ok: false, error: 'invalid_payload' });
      return;
    }
    if (scripted) {
      const { status, headers, answer } = failureAnswer(scripted);
      sendJson(res, status === 200 ? 404 : status, answer, headers);
      return;
    }
    this.record(
      'response',
      { seq: ++this.seq, at: Date.now(), url: `${this.origin_}${path}`, body } satisfies RecordedResponse,
      this.responses,
    );
    sendJson(res, 200, { ok: true });
  }

  private record<T>(event: 'call' | 'response', entry: T, into: T[]): void {
    into.push(entry);
    const max = this.options.maxRecords ?? 10_000;
    if (into.length > max) into.splice(0, into.length - max);
    this.emit(event, entry);
    this.emit('record', entry);
  }

  private takeFailure(method: string, args: ApiArgs): ScriptedFailure | undefined {
    const queue = this.failures.get(method);
    if (!queue) return undefined;
    const armed = queue.find((f) => f.remaining > 0 && (!f.when || f.when(args)));
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) queue.splice(queue.indexOf(armed), 1);
    return armed;
  }
}

function failureAnswer(f: ScriptedFailure): { status: number; headers: Record<string, string>; answer: ApiAnswer } {
  if (f.status === 429 || f.error === 'rate_limited' || f.error === 'ratelimited') {
    // Slack's 429 body says `ratelimited`; the SDK acts on the status and the Retry-After header.
    return {
      status: 429,
      headers: { 'retry-after': String(f.retryAfter ?? 1) },
      answer: { ok: false, error: 'ratelimited' },
    };
  }
  return { status: f.status ?? 200, headers: {}, answer: { ok: false, error: f.error ?? 'internal_error' } };
}

function parseArgs(contentType: string | undefined, raw: string): ApiArgs {
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw || '{}');
      return parsed && typeof parsed === 'object' ? { ...(parsed as ApiArgs) } : {};
    } catch {
      return {};
    }
  }
  const args: ApiArgs = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? decodeJson(value) : value;
  }
  return args;
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
