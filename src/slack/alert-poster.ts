/**
 * Alerts' way into Slack: conversations.open for the DM (im:write), chat.postMessage with the alert's marker in its
 * metadata, conversations.history of the DM to find an alert a killed run may have sent (needs im:history; without it
 * the lookup is `unknown`, permanent). Rate limits are waited out like digests' (slack-calls.ts).
 */
import type { LookupResult } from '../digest/port.js';
import type { AlertMessage, AlertPoster, AlertPostResult, DmResult } from '../follow/port.js';
import { alertMessage } from './blocks/follow.js';
import { MAYBE_POSTED_ERRORS, NO_HISTORY_ERRORS } from './digest-poster.js';
import { slackErrorCode } from './errors.js';
import { createSlackCaller, describe, RateLimitBudgetExceeded, type SlackCallerOptions } from './slack-calls.js';

export const ALERT_EVENT_TYPE = 'k8sblog_alert';

/** Answers that mean this person cannot get our DMs until something changes: their follows are paused. */
export const USER_ERRORS = new Set([
  'user_not_found',
  'cannot_dm_bot',
  'account_inactive',
  'user_disabled',
  'user_not_visible',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
]);

export function createSlackAlertPoster(options: SlackCallerOptions & { command?: string }): AlertPoster {
  const { client, call } = createSlackCaller(options);
  const command = options.command ?? '/k8sblog';
  return {
    async openDm(user: string): Promise<DmResult> {
      try {
        const res = await call('conversations.open', () => client.conversations.open({ users: user }));
        const id = res.channel?.id;
        return id
          ? { kind: 'opened', channel: id }
          : { kind: 'rejected', reason: 'conversations.open without a channel' };
      } catch (err) {
        const code = slackErrorCode(err);
        if (code && USER_ERRORS.has(code)) return { kind: 'user-unavailable', reason: code };
        return { kind: 'rejected', reason: code ? `conversations.open: ${code}` : describe(err) };
      }
    },

    async post(channel: string, message: AlertMessage): Promise<AlertPostResult> {
      const { text, blocks } = alertMessage(command, message.articles);
      try {
        const res = await call('chat.postMessage', () =>
          client.chat.postMessage({
            channel,
            text,
            blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { marker: message.marker } },
          }),
        );
        if (!res.ts) return { kind: 'unknown', reason: 'chat.postMessage answered ok without a ts' };
        return { kind: 'posted', ts: res.ts };
      } catch (err) {
        if (err instanceof RateLimitBudgetExceeded) return { kind: 'rejected', reason: err.message };
        const code = slackErrorCode(err);
        if (code && USER_ERRORS.has(code)) return { kind: 'user-unavailable', reason: code };
        if (code && MAYBE_POSTED_ERRORS.has(code)) return { kind: 'unknown', reason: code };
        if (code) return { kind: 'rejected', reason: code };
        return { kind: 'unknown', reason: describe(err) };
      }
    },

    async findPosted({ channel, marker, since }): Promise<LookupResult> {
      let cursor: string | undefined;
      try {
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
            if (meta?.event_type === ALERT_EVENT_TYPE && meta.event_payload?.marker === marker && m.bot_id && m.ts)
              return { kind: 'found', ts: m.ts };
          }
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!res.has_more || !cursor) return { kind: 'absent' };
        }
        return { kind: 'unknown', reason: 'too many messages since the claim to look through', permanent: false };
      } catch (err) {
        const code = slackErrorCode(err);
        if (code && NO_HISTORY_ERRORS.has(code))
          return { kind: 'unknown', reason: `conversations.history: ${code}`, permanent: true };
        if (code && USER_ERRORS.has(code)) return { kind: 'channel-unavailable', reason: code };
        return { kind: 'unknown', reason: `conversations.history: ${describe(err)}`, permanent: false };
      }
    },
  };
}
