/**
 * "More results" under a mention's answer (or its suggestion): the full list, with Share and paging, for whoever
 * pressed it, ephemerally — the public answer in the thread stays as it is.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage } from '../../blocks/error.js';
import { MENTION_ACTION } from '../../blocks/mention.js';
import { resultsMessage } from '../../blocks/results.js';
import { reportError } from '../../errors.js';
import { decodePage, PAGE_SIZE } from '../../paging.js';
import type { SlackDeps } from '../../types.js';

export function registerMentionMore(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(MENTION_ACTION.more, async ({ ack, action, body, respond, client }) => {
    await ack();
    try {
      const page = decodePage(action.value);
      if (!page) throw new Error('unreadable value on mention_more');
      const lang = await deps.locale.langOf(client, body.user.id);
      const result = deps.searcher.search(page.query, { limit: PAGE_SIZE, offset: 0 });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...resultsMessage(result, page.query, 0, lang, deps.command),
      });
    } catch (err) {
      const errorId = reportError(deps.log, 'mention results failed', err, { user: body.user.id });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...errorMessage(errorId, await deps.locale.langOf(client, body.user.id)),
      }).catch(() => undefined);
    }
  });
}
