/** "More results", "Previous" and the suggested query: run the search for that page and replace the ephemeral message. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage } from '../../blocks/error.js';
import { ACTION, resultsMessage } from '../../blocks/results.js';
import { reportError } from '../../errors.js';
import { decodePage, PAGE_SIZE } from '../../paging.js';
import type { SlackDeps } from '../../types.js';

const PAGE_ACTIONS = new RegExp(`^(${ACTION.next}|${ACTION.previous}|${ACTION.suggestion})$`);

export function registerPaging(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(PAGE_ACTIONS, async ({ ack, action, body, respond, client }) => {
    await ack();
    try {
      const lang = await deps.locale.langOf(client, body.user.id);
      const page = decodePage(action.value);
      if (!page) throw new Error(`unreadable page value on ${action.action_id}`);
      const result = deps.searcher.search(page.query, { limit: PAGE_SIZE, offset: page.offset });
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...resultsMessage(result, page.query, page.offset, lang, deps.command),
      });
    } catch (err) {
      const errorId = reportError(deps.log, 'paging failed', err, { action: action.action_id, user: body.user.id });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...errorMessage(errorId, await deps.locale.langOf(client, body.user.id)),
      }).catch(() => undefined);
    }
  });
}
