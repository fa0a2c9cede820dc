/**
 * The digest's way into Slack: chat.postMessage for the digest, conversations.history to find a digest that a
 * killed run may have posted. Slack's answers are sorted into what the digest domain needs to decide: posted,
 * refused for this channel (pause it), refused (release it), or no trustworthy answer (look again next run).
 */
import type { DigestMessage, DigestPoster, PostResult } from '../digest/port.js';
import { digestMessage } from './blocks/digest.js';
import { slackErrorCode } from './errors.js';
import {
  createSlackCaller,
  describe,
  findMarkedMessage,
  RateLimitBudgetExceeded,
  type SlackCallerOptions,
} from './slack-calls.js';

/** The metadata event type our digests carry; conversations.history returns it with include_all_metadata. */
export const DIGEST_EVENT_TYPE = 'k8sblog_digest';

/** Errors that mean this channel will not take our messages until a person does something. */
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
/**
 * Error answers after which Slack's documentation says "it's possible some aspect of the operation succeeded": the
 * message may exist, so the delivery stays in doubt and the next run looks for it instead of sending it again.
 */
export const MAYBE_POSTED_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable']);

export type SlackDigestPosterOptions = SlackCallerOptions;

export function createSlackDigestPoster(options: SlackDigestPosterOptions): DigestPoster {
  const caller = createSlackCaller(options);
  const { client, call } = caller;

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

    findPosted: ({ channel, marker, since }) =>
      findMarkedMessage(caller, { channel, marker, since, eventType: DIGEST_EVENT_TYPE, unavailable: CHANNEL_ERRORS }),
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
