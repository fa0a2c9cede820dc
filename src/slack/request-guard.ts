/**
 * The door in front of Bolt's HTTP receiver. Bolt reads a whole body (4 MB by default) before it checks the
 * signature, and hands `response_url`s to respond() as they come; so before Bolt sees a request, this guard:
 * refuses one without Slack's signature headers or with a stale timestamp without reading its body; reads at most
 * BODY_LIMIT bytes, and only for MAX_PENDING_BODIES requests at a time; checks the signature itself; refuses a body
 * that is not an object (a signed `null` crashes Bolt's receiver); and drops a request whose response_url points
 * anywhere but Slack (or the Slack stand-in of SLACK_API_URL). What passes is handed to Bolt already buffered.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../log.js';

/** Slack's payloads are a few kilobytes; the largest (a modal's state) stay far below this. */
export const BODY_LIMIT = 256 * 1024;
/** Bodies being read at once before their signature can be checked; more wait for none: they get 503. */
export const MAX_PENDING_BODIES = 64;
/** Slack's own rule: a request whose timestamp is further than this from now is a replay. */
const MAX_SKEW_S = 5 * 60;

export interface RequestGuardOptions {
  signingSecret: string;
  /** Base URL of Slack's Web API: a stand-in's host may also receive responses. */
  apiUrl: string;
  log: Logger;
  now?: () => number;
}

export type GuardVerdict = { pass: true; rawBody: Buffer } | { pass: false };

export function createRequestGuard(options: RequestGuardOptions) {
  const now = options.now ?? Date.now;
  let pending = 0;
  const allowedResponseOrigin = originOf(options.apiUrl);

  const refuse = (res: http.ServerResponse, status: number, why: string): GuardVerdict => {
    options.log.debug('slack request refused before the app', { status, why });
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
    res.end();
    return { pass: false };
  };

  return async function guard(req: http.IncomingMessage, res: http.ServerResponse): Promise<GuardVerdict> {
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature))
      return refuse(res, 401, 'no Slack signature');
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(now() / 1000 - ts) > MAX_SKEW_S) return refuse(res, 401, 'stale timestamp');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT) return refuse(res, 413, 'body larger than the limit');
    if (pending >= MAX_PENDING_BODIES) return refuse(res, 503, 'too many requests being read');

    pending++;
    let body: Buffer | undefined;
    try {
      body = await readBody(req, BODY_LIMIT);
    } finally {
      pending--;
    }
    if (!body) return refuse(res, 413, 'body larger than the limit');

    const expected = `v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return refuse(res, 401, 'bad signature');

    const parsed = parseBody(body, req.headers['content-type']);
    if (!parsed) return refuse(res, 400, 'body is not a Slack payload');
    const foreign = responseUrls(parsed).find((u) => !responseUrlAllowed(u, allowedResponseOrigin));
    if (foreign !== undefined) {
      options.log.warn('slack request dropped: its response_url is not a Slack address', { response_url: foreign });
      // Acknowledged, so Slack (or whoever signed it) does not retry; nothing is posted anywhere.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end();
      return { pass: false };
    }
    return { pass: true, rawBody: body };
  };
}

/** The body, or undefined once it grows past `limit` (the connection is then closed by the caller's answer). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
  });
}

type Payload = Record<string, unknown>;

/** A Slack payload is an object: a JSON object, form fields, or form fields whose `payload` is a JSON object. */
function parseBody(body: Buffer, contentType: string | undefined): Payload | undefined {
  const text = body.toString('utf8');
  const isObject = (v: unknown): v is Payload => typeof v === 'object' && v !== null && !Array.isArray(v);
  try {
    if (contentType?.split(';')[0].trim() === 'application/x-www-form-urlencoded') {
      const fields = parseQuery(text);
      if (fields.payload === undefined) return fields as Payload;
      if (typeof fields.payload !== 'string') return undefined;
      const payload: unknown = JSON.parse(fields.payload);
      return isObject(payload) ? payload : undefined;
    }
    const json: unknown = JSON.parse(text);
    return isObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Every response_url a payload carries: slash commands, block actions, and view submissions' response_urls. */
function responseUrls(payload: Payload): string[] {
  const out: unknown[] = [payload.response_url];
  if (Array.isArray(payload.response_urls))
    for (const r of payload.response_urls) out.push((r as Payload | null)?.response_url);
  return out.filter((u) => u !== undefined).map(String);
}

/** Slack's hosts (hooks.slack.com and the rest of slack.com, over https), or the origin of SLACK_API_URL. */
function responseUrlAllowed(raw: string, standinOrigin: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
  if (url.protocol === 'https:' && url.hostname === 'hooks.slack-gov.com') return true;
  return standinOrigin !== undefined && url.origin === standinOrigin;
}

function originOf(apiUrl: string): string | undefined {
  try {
    const u = new URL(apiUrl);
    // Slack's own API host is covered by the https rule above; only a stand-in's origin is added here.
    return u.hostname.endsWith('slack.com') ? undefined : u.origin;
  } catch {
    return undefined;
  }
}
