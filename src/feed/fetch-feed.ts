import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { redactUrl, redactUrlsIn } from '../redact.js';
import { FeedError } from './feed-error.js';
import { DEFAULT_FEED_MAX_BYTES } from './limits.js';
import { checkRedirect } from './redirect-policy.js';

export interface FetchFeedRequest {
  url: string;
  /** From the last successful poll: sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  /** FEED_MAX_BYTES: the real feed is about 2 MB (50 whole articles); far more than that is not a feed. */
  maxBytes?: number;
  userAgent?: string;
}

export type FetchFeedResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; bytes: Uint8Array; contentType?: string; etag?: string; lastModified?: string };

export const DEFAULT_FEED_TIMEOUT_MS = 20_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Redirects followed per poll; a moved feed needs one or two. */
export const MAX_REDIRECTS = 5;

let cachedAgent: string | undefined;

/** Names the bot to the blog's server, with a version so an operator there can tell releases apart. */
export function feedUserAgent(): string {
  if (!cachedAgent) {
    let version = '0';
    try {
      version =
        (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ??
        version;
    } catch {
      // A packaged build without package.json still polls; the version is only informative.
    }
    cachedAgent = `k8sblog/${version} (Slack bot for the Chinese Kubernetes blog; feed reader)`;
  }
  return cachedAgent;
}

/** One conditional GET of the feed; throws FeedError with a one-line reason for anything but a feed or a 304. */
export async function fetchFeed(req: FetchFeedRequest): Promise<FetchFeedResult> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const headers: Record<string, string> = {
    'user-agent': req.userAgent ?? feedUserAgent(),
    accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
  };
  const { url: feedUrl, authorization } = splitCredentials(req.url);
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;

  // One deadline for the whole exchange, redirects and body included: a server that trickles bytes times out too.
  const signal = AbortSignal.timeout(timeoutMs);
  let url = feedUrl;
  let res: Response;
  // Redirects are followed by hand so that each target is checked before anything is sent to it.
  for (let hop = 0; ; hop++) {
    // Credentials are for FEED_URL's origin only, never for where it redirects.
    const sameOrigin = new URL(url).origin === new URL(feedUrl).origin;
    try {
      res = await fetch(url, {
        headers: authorization && sameOrigin ? { ...headers, authorization } : headers,
        signal,
        redirect: 'manual',
      });
    } catch (err) {
      throw failure(err, timeoutMs);
    }
    if (!REDIRECT_STATUSES.has(res.status)) break;
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get('location');
    if (!location) throw new FeedError(`HTTP ${res.status} without a Location from ${redactUrl(url)}`, 'http');
    if (hop >= MAX_REDIRECTS)
      throw new FeedError(`more than ${MAX_REDIRECTS} redirects from ${redactUrl(req.url)}`, 'redirect');
    let next: string;
    try {
      next = new URL(location, url).toString();
    } catch {
      throw new FeedError(`HTTP ${res.status} with an unusable Location from ${redactUrl(url)}`, 'http');
    }
    const refused = await checkRedirect(feedUrl, next);
    if (refused) throw new FeedError(`redirect to ${redactUrl(next)} refused: ${refused}`, 'redirect');
    url = next;
  }
  if (res.status === 304) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'not-modified' };
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError(
      `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${redactUrl(req.url)}`,
      'http',
    );
  }
  const maxBytes = req.maxBytes ?? DEFAULT_FEED_MAX_BYTES;
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(res, maxBytes);
  } catch (err) {
    if (err instanceof FeedError) throw err;
    throw failure(err, timeoutMs);
  }
  return {
    kind: 'ok',
    bytes,
    contentType: res.headers.get('content-type') ?? undefined,
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
}

/** The body, read until it ends or passes maxBytes (then the connection is dropped and nothing more is read). */
async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  // One buffer of its own, so that it can be handed to the parsing worker without a copy.
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks.splice(0)) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): FeedError {
  return new FeedError(`feed is larger than ${formatMb(maxBytes)} MB (FEED_MAX_BYTES)`, 'too-large');
}

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

function failure(err: unknown, timeoutMs: number): FeedError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new FeedError(`timed out after ${timeoutMs / 1000} s`, 'timeout');
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new FeedError(`could not fetch the feed: ${redactUrlsIn(cause)}`, 'network');
}

/**
 * fetch() refuses URLs with user info; a FEED_URL of https://user:password@host/… means HTTP Basic authentication,
 * so the credentials move to a header and out of the URL.
 */
function splitCredentials(raw: string): { url: string; authorization?: string } {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw };
  const credentials = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { url: u.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
