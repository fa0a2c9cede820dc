import type { AlertMessage, AlertPoster, AlertPostResult, DmResult } from '../follow/port.js';
import { log as defaultLog } from '../log.js';
import { alertMessage } from './blocks/follow.js';
import { MAYBE_POSTED_ERRORS } from './digest-poster.js';
import { slackErrorCode } from './errors.js';
import { LocaleCache } from './i18n/locale.js';
import {
  createSlackCaller,
  describe,
  findMarkedMessage,
  RateLimitBudgetExceeded,
  type SlackCallerOptions,
} from './slack-calls.js';

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
  const caller = createSlackCaller(options);
  const { client, call } = caller;
  const command = options.command ?? '/k8sblog';
  // The DM has one reader: it is written in that person's language, looked up at send time (one users.info a day
  // per person, cached; Chinese when the lookup fails).
  const locale = new LocaleCache(options.log ?? defaultLog);
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
      const lang = await locale.langOf(client, message.user);
      const { text, blocks } = alertMessage(command, message.articles, lang);
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

    findPosted: ({ channel, marker, since }) =>
      findMarkedMessage(caller, { channel, marker, since, eventType: ALERT_EVENT_TYPE, unavailable: USER_ERRORS }),
  };
}
