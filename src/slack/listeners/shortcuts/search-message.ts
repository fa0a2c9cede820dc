/**
 * The message shortcut "Search the k8s blog" (manifest.yml): searches with the message's text and answers the person
 * who chose it privately (ephemeral, through the shortcut's response_url), with Share on each result.
 */
import type { App, MessageShortcut } from '@slack/bolt';
import { errorMessage } from '../../blocks/error.js';
import { section } from '../../blocks/message.js';
import { resultsMessage } from '../../blocks/results.js';
import { questionOf } from '../../conversation/question.js';
import { reportError } from '../../errors.js';
import { translator } from '../../i18n/catalogue.js';
import { PAGE_SIZE } from '../../paging.js';
import type { SlackDeps } from '../../types.js';

export const SEARCH_MESSAGE_SHORTCUT = 'search_message';

export function registerSearchMessage(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: SEARCH_MESSAGE_SHORTCUT, type: 'message_action' },
    async ({ ack, shortcut, respond, client }) => {
      await ack();
      const user = shortcut.user.id;
      try {
        const lang = await deps.locale.langOf(client, user);
        const query = questionOf(shortcut.message.text ?? '');
        if (!query) {
          const text = translator(lang)('shortcut.empty');
          return void (await respond({ response_type: 'ephemeral', text, blocks: [section(text)] }));
        }
        const result = deps.searcher.search(query, { limit: PAGE_SIZE, offset: 0 });
        await respond({ response_type: 'ephemeral', ...resultsMessage(result, query, 0, lang, deps.command) });
      } catch (err) {
        const errorId = reportError(deps.log, 'message shortcut failed', err, { user });
        await respond({
          response_type: 'ephemeral',
          ...errorMessage(errorId, await deps.locale.langOf(client, user)),
        }).catch(() => undefined);
      }
    },
  );
}
