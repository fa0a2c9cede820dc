/**
 * Posting an answer where a conversation happens (a thread, a DM). When Slack refuses the post because the bot may
 * not write there, the asker still gets the answer, ephemerally (`chat.postEphemeral`) with a line on how to invite
 * the bot; when even that is refused, the log says so.
 */
import type { webApi } from '@slack/bolt';
import { type SlackMessage, section } from '../blocks/message.js';
import { reportError, slackErrorCode } from '../errors.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import type { SlackDeps } from '../types.js';

const REFUSALS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
export const BOT_NAME = 'k8sblog';

export interface ReplyTarget {
  channel: string;
  user: string;
  threadTs?: string;
}

export async function postReply(
  client: webApi.WebClient,
  deps: SlackDeps,
  target: ReplyTarget,
  message: SlackMessage,
  lang: Lang,
): Promise<void> {
  const where = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) };
  try {
    await client.chat.postMessage({ ...where, ...message, unfurl_links: false, unfurl_media: false });
  } catch (err) {
    const code = slackErrorCode(err);
    if (!code || !REFUSALS.has(code)) {
      reportError(deps.log, 'answer could not be posted', err, { channel: target.channel, user: target.user });
      return;
    }
    deps.log.info('answer refused by Slack; answering the asker privately', { slack_error: code, ...where });
    const note = translator(lang)('notInChannel', { bot: BOT_NAME });
    await client.chat
      .postEphemeral({
        ...where,
        user: target.user,
        text: message.text,
        blocks: [section(note), ...message.blocks],
      })
      .catch((e: unknown) =>
        reportError(deps.log, 'answer refused, and the private answer too', e, {
          channel: target.channel,
          user: target.user,
          first_error: code,
        }),
      );
  }
}
