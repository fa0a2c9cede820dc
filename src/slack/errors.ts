/** One failure, one id: the user sees the id, the log holds the detail under the same id. */
import { describeSystemError, newErrorId, UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { redact } from '../log.js';

/** Logs an error with a fresh id and returns the id; `fields` should say where it happened, never hold secrets. */
export function reportError(log: Logger, what: string, err: unknown, fields: Record<string, unknown> = {}): string {
  const errorId = newErrorId();
  log.error(what, { error_id: errorId, ...fields, error: describe(err) });
  return errorId;
}

/** The parts of an error worth logging; Slack SDK errors carry the API's answer in `data`, which we keep short. */
function describe(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string };
  const slackError = slackErrorCode(err);
  return {
    name: e.name,
    message: e.message,
    ...(e.code ? { code: e.code } : {}),
    ...(slackError ? { slack_error: slackError } : {}),
    stack: e.stack,
  };
}

/** Slack's error string of a failed Web API call (`not_in_channel`, …), when it is one. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Slack's answers that mean the credential itself is wrong, as opposed to Slack being out of reach. */
const CREDENTIAL_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'invalid_token',
]);

/**
 * Why the app could not start, as one line: a rejected credential names the variable that holds it; a Slack that
 * could not be reached (DNS, refused, time-out, an HTTP error page) names the URL and the reason instead.
 */
export function startupProblem(err: unknown, apiUrl: string, variable: string, what: string): Error {
  const code = slackErrorCode(err) ?? slackErrorCode((err as { original?: unknown })?.original);
  const where = apiUrl.includes('slack.com') ? '' : ` (SLACK_API_URL=${apiUrl})`;
  if (code && CREDENTIAL_ERRORS.has(code))
    return new UserError(redact(`k8sblog: Slack rejected ${what} (${code}): check ${variable}${where}.`));
  if (code) return new UserError(redact(`k8sblog: Slack refused ${what} (${code})${where}.`));
  return new UserError(redact(`k8sblog: could not reach Slack at ${apiUrl}: ${unreachableReason(err)}.`));
}

/** The network-level cause inside the SDK's wrappers (RequestError.original, AxiosError.cause …). */
function unreachableReason(err: unknown): string {
  let e = err as { original?: unknown; cause?: unknown; code?: string; statusCode?: number; message?: string };
  for (let depth = 0; depth < 4 && e; depth++) {
    if (e.statusCode) return `HTTP ${e.statusCode}`;
    if (e.code && /^E[A-Z_]+$/.test(e.code) && e.code !== 'ERR_BAD_RESPONSE') {
      if (e.code === 'ECONNABORTED' || /timeout/i.test(e.message ?? '')) return 'timed out';
      return describeSystemError(e);
    }
    const inner = (e.original ?? e.cause) as typeof e | undefined;
    if (!inner) break;
    e = inner;
  }
  return e?.message?.split('\n')[0] ?? String(err);
}
