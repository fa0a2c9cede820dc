/**
 * The digest's way into Slack: chat.postMessage for the digest, conversations.history to find a digest that a
 * killed run may have posted. Slack's answers are sorted into what the digest domain needs to decide: posted,
 * refused for this channel (pause it), refused (release it), or no trustworthy answer (look again next run).
 */
import type { DigestMessage, DigestPoster, LookupResult, PostResult } from '../digest/port.js';
import { digestMessage } from './blocks/digest.js';
import { slackErrorCode } from './errors.js';
import { createSlackCaller, describe, RateLimitBudgetExceeded, type SlackCallerOptions } from './slack-calls.js';

/** The metadata event type our digests carry; conversations.history returns it with include_all_metadata. */
export const DIGEST_EVENT_TYPE = 'k8sblog_digest';

/** Errors that mean this channel will not take our messages until a person does something. */
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
/**
 * Error answers after which Slack's documentation says "it's possible some aspect of the operation succeeded": the
 * message may exist, so the delivery stays in doubt and the next run looks for it instead of sending it again.
 */
export const MAYBE_POSTED_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable']);
/** Errors that mean the history can never be read with this token (the lookup cannot work in this deployment). */
export const NO_HISTORY_ERRORS = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'unknown_method',
  'method_deprecated',
  'no_permission',
]);

export type SlackDigestPosterOptions = SlackCallerOptions;

export function createSlackDigestPoster(options: SlackDigestPosterOptions): DigestPoster {
  const { client, call } = createSlackCaller(options);

  return {
    async post(message: DigestMessage): Promise<PostResult> {
      const { text, blocks } = digestMessage(message);
      try {
        const res = await call('chat.postMessage', () =>
          client.chat.postMessage({
            channel: message.channel,
            text,
            blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: {
              event_type: DIGEST_EVENT_TYPE,
              event_payload: { marker: message.marker, period: message.period },
            },
          }),
        );
        if (!res.ts) return { kind: 'unknown', reason: 'chat.postMessage answered ok without a ts' };
        return { kind: 'posted', ts: res.ts };
      } catch (err) {
        return classifyPostError(err);
      }
    },

    async findPosted({ channel, marker, since }): Promise<LookupResult> {
      let cursor: string | undefined;
      try {
        // Pages of 200 from `since` on; a channel that had thousands of messages since then is not looked through.
        for (let page = 0; page < 10; page++) {
          const res = await call('conversations.history', () =>
            client.conversations.history({
              channel,
              oldest: (since.getTime() / 1000).toFixed(6),
              include_all_metadata: true,
              limit: 200,
              ...(cursor ? { cursor } : {}),
            }),
          );
          for (const m of res.messages ?? []) {
            const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } })
              .metadata;
            // Only an app can attach metadata; a bot message is the least a message of ours must be.
            if (meta?.event_type === DIGEST_EVENT_TYPE && meta.event_payload?.marker === marker && m.bot_id && m.ts)
              return { kind: 'found', ts: m.ts };
          }
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!res.has_more || !cursor) return { kind: 'absent' };
        }
        return { kind: 'unknown', reason: 'too many messages since the claim to look through', permanent: false };
      } catch (err) {
        const code = slackErrorCode(err);
        if (code && CHANNEL_ERRORS.has(code)) return { kind: 'channel-unavailable', reason: code };
        if (code && NO_HISTORY_ERRORS.has(code))
          return { kind: 'unknown', reason: `conversations.history: ${code}`, permanent: true };
        return { kind: 'unknown', reason: `conversations.history: ${describe(err)}`, permanent: false };
      }
    },
  };
}

function classifyPostError(err: unknown): PostResult {
  if (err instanceof RateLimitBudgetExceeded) return { kind: 'rejected', reason: err.message };
  const code = slackErrorCode(err);
  if (code && CHANNEL_ERRORS.has(code)) return { kind: 'channel-unavailable', reason: code };
  if (code && MAYBE_POSTED_ERRORS.has(code)) return { kind: 'unknown', reason: code };
  // Any other error answer means the message was not posted.
  if (code) return { kind: 'rejected', reason: code };
  // A request error (no answer) or an HTTP error (5xx): Slack may have posted it.
  return { kind: 'unknown', reason: describe(err) };
}
