/** One failure, one id: the user sees the id, the log holds the detail under the same id. */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `E-` and eight characters without look-alikes (0/O, 1/I), easy to read back over chat. */
export function newErrorId(): string {
  const bytes = randomBytes(8);
  let id = 'E-';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** Logs an error with a fresh id and returns the id; `fields` should say where it happened, never hold secrets. */
export function reportError(log: Logger, what: string, err: unknown, fields: Record<string, unknown> = {}): string {
  const errorId = newErrorId();
  log.error(what, { error_id: errorId, ...fields, error: describe(err) });
  return errorId;
}

/** The parts of an error worth logging; Slack SDK errors carry the API's answer in `data`, which we keep short. */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; data?: { error?: string } };
  return {
    name: e.name,
    message: e.message,
    ...(e.code ? { code: e.code } : {}),
    ...(e.data?.error ? { slack_error: e.data.error } : {}),
    stack: e.stack,
  };
}

/** Slack's error string of a failed Web API call (`not_in_channel`, …), when it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
