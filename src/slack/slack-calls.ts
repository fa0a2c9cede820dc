/**
 * Web API calls for the bot's own posts (digests, alerts): no SDK retries (a retried post whose answer was lost is a
 * duplicate), and rate limits waited out as Retry-After says, within a budget of time and attempts.
 */

import { webApi } from '@slack/bolt';
import type { LookupResult } from '../digest/port.js';
import { log as defaultLog, type Logger } from '../log.js';
import { slackErrorCode } from './errors.js';

/** A Retry-After of 0, missing or unreadable is waited as this many seconds. */
const MIN_RETRY_AFTER_S = 1;
/** Tries of one call while rate limited; past them the message is given back to the next run. */
const MAX_RATE_LIMIT_ATTEMPTS = 5;

export interface SlackCallerOptions {
  token: string;
  /** Base URL of the Web API (SLACK_API_URL); a local stand-in in tests and the playground. */
  apiUrl: string;
  log?: Logger;
  /** The longest a caller waits, in total, on Retry-After for one call before giving up for this run. */
  maxRateLimitWaitMs?: number;
  /** How many times one call is tried while rate limited before giving up for this run (default 5). */
  maxRateLimitAttempts?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** For tests: how to wait (default: setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

export interface SlackCaller {
  client: webApi.WebClient;
  /**
   * Calls a method, waiting out rate limits as Retry-After says, up to the budget and a number of attempts: the job's
   * lock is held meanwhile, so a Retry-After of 0 (or none) must not turn into a tight loop.
   */
  call<T>(method: string, fn: () => Promise<T>): Promise<T>;
}

export function createSlackCaller(options: SlackCallerOptions): SlackCaller {
  const log = options.log ?? defaultLog;
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    // Retries are ours: the SDK's would re-send a post whose answer was lost (a duplicate), and would wait on 429
    // inside the call where we cannot see or bound it.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  const budget = options.maxRateLimitWaitMs ?? 15 * 60_000;
  const maxAttempts = options.maxRateLimitAttempts ?? MAX_RATE_LIMIT_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const retryAfterS = rateLimitedFor(err);
        if (retryAfterS === undefined) throw err;
        const ms = Math.max(MIN_RETRY_AFTER_S, retryAfterS) * 1000;
        if (attempt >= maxAttempts || waited + ms > budget) throw new RateLimitBudgetExceeded(method, waited, attempt);
        log.warn('slack: rate limited; waiting as Retry-After says', {
          method,
          retryAfterSeconds: retryAfterS,
          attempt,
        });
        await sleep(ms);
        waited += ms;
      }
    }
  }
  return { client, call };
}

export class RateLimitBudgetExceeded extends Error {
  constructor(method: string, waitedMs: number, attempts: number) {
    super(`${method}: still rate limited after ${attempts} attempts and ${Math.round(waitedMs / 1000)} s of waiting`);
  }
}

/** Seconds to wait when the error is a rate limit (HTTP 429 with Retry-After, or Slack's `ratelimited` answer). */
function rateLimitedFor(err: unknown): number | undefined {
  const e = err as { code?: string; retryAfter?: number; message?: string };
  if (e?.code === webApi.ErrorCode.RateLimitedError)
    return typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : MIN_RETRY_AFTER_S;
  // A 429 whose Retry-After is missing or not a number: the SDK throws a plain error naming the header.
  if (typeof e?.message === 'string' && e.message.startsWith('Retry header did not contain a valid timeout'))
    return MIN_RETRY_AFTER_S;
  const code = slackErrorCode(err);
  if (code === 'ratelimited' || code === 'rate_limited') return MIN_RETRY_AFTER_S;
  return undefined;
}

export function describe(err: unknown): string {
  const e = err as { code?: string; message?: string; statusCode?: number };
  if (e?.code === webApi.ErrorCode.HTTPError) return `HTTP ${e.statusCode ?? '?'}`;
  return e?.message ?? String(err);
}

/** Errors that mean the history can never be read with this token (the lookup cannot work in this deployment). */
const NO_HISTORY_ERRORS = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'unknown_method',
  'method_deprecated',
  'no_permission',
]);

/**
 * Looks through a conversation's history since `since` for our message carrying `marker` in its metadata (how a
 * restarted process finds a digest or an alert it sent but never recorded). Pages of 200; a conversation with
 * thousands of messages since then is not looked through. `unavailable` lists the answers that mean the
 * conversation itself is gone for the bot.
 */
export async function findMarkedMessage(
  caller: SlackCaller,
  query: { channel: string; marker: string; since: Date; eventType: string; unavailable: ReadonlySet<string> },
): Promise<LookupResult> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < 10; page++) {
      const res = await caller.call('conversations.history', () =>
        caller.client.conversations.history({
          channel: query.channel,
          oldest: (query.since.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const m of res.messages ?? []) {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        // Only an app can attach metadata; a bot message is the least a message of ours must be.
        if (meta?.event_type === query.eventType && meta.event_payload?.marker === query.marker && m.bot_id && m.ts)
          return { kind: 'found', ts: m.ts };
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return { kind: 'absent' };
    }
    return { kind: 'unknown', reason: 'too many messages since the claim to look through', permanent: false };
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && query.unavailable.has(code)) return { kind: 'channel-unavailable', reason: code };
    if (code && NO_HISTORY_ERRORS.has(code))
      return { kind: 'unknown', reason: `conversations.history: ${code}`, permanent: true };
    return { kind: 'unknown', reason: `conversations.history: ${describe(err)}`, permanent: false };
  }
}
