/**
 * "Share": post the article into the channel for everyone, attributed to the user who shared it, with our own preview
 * (`unfurl_links: false`). Where Slack refuses the post, the user is told why and what to do, never left guessing.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage } from '../../blocks/error.js';
import { ACTION } from '../../blocks/results.js';
import {
  articleGoneMessage,
  type ShareRefusal,
  sharedArticleMessage,
  shareRefusedMessage,
} from '../../blocks/share.js';
import { reportError, slackErrorCode } from '../../errors.js';
import type { SlackDeps } from '../../types.js';

const REFUSALS = new Set<string>(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/** Longer than Slack's five-minute signature window, so a replayed click can never post twice. */
const SHARE_ONCE_MS = 10 * 60_000;

export function registerShare(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION.share}_\\d+$`),
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const tell = (message: object) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
      const channel = body.channel?.id ?? body.container?.channel_id;
      const article = action.value ? deps.searcher.get(action.value) : undefined;
      // Posting into a channel is the one visible side effect: the same click (a retry, a replay) posts once.
      const clickKey = `share:${action.action_ts}:${body.trigger_id}:${body.user.id}:${channel}`;
      if (!(await deps.eventOnce.claim(clickKey, SHARE_ONCE_MS))) {
        deps.log.info('share click already handled; ignored', { user: body.user.id, channel });
        return;
      }
      const lang = () => deps.locale.langOf(client, body.user.id);
      try {
        if (!article) {
          await tell(articleGoneMessage(await lang()));
          return;
        }
        if (!channel) throw new Error('share click without a channel');
        await client.chat.postMessage({
          channel,
          ...sharedArticleMessage(article, body.user.id),
          unfurl_links: false,
          unfurl_media: false,
        });
        deps.log.info('article shared', { article: article.id, channel, user: body.user.id });
      } catch (err) {
        const code = slackErrorCode(err);
        if (article && code && REFUSALS.has(code)) {
          deps.log.info('share refused by Slack', { slack_error: code, channel, user: body.user.id });
          await tell(shareRefusedMessage(code as ShareRefusal, article, await lang())).catch((e: unknown) =>
            reportError(deps.log, 'could not explain a refused share', e),
          );
          return;
        }
        await deps.eventOnce.release(clickKey);
        const errorId = reportError(deps.log, 'share failed', err, {
          channel,
          user: body.user.id,
          article: article?.id,
        });
        await tell(errorMessage(errorId, await lang())).catch(() => undefined);
      }
    },
  );
}
