/**
 * A verb word followed by words the verb cannot take (see router.ts for the rule). Several words are searched
 * first, and the search answers when it finds something; otherwise the answer is the verb's usage error.
 */

import { usageOf } from '../../blocks/help.js';
import { context } from '../../blocks/message.js';
import { resultsMessage } from '../../blocks/results.js';
import { problemText, usageErrorMessage } from '../../blocks/usage.js';
import { translator } from '../../i18n/catalogue.js';
import { escapeText, plain } from '../../mrkdwn.js';
import { cleanQuery, PAGE_SIZE } from '../../paging.js';
import type { CommandVerb } from '../../types.js';
import type { Route } from './router.js';

export function misuseVerb(route: Extract<Route, { kind: 'misuse' }>): CommandVerb {
  const { verb, problem, text, searchFirst } = route;
  return {
    name: `${verb.name} (misused)`,
    help: verb.help,
    async run({ respond, deps, lang }) {
      if (searchFirst) {
        const query = cleanQuery(text);
        const result = deps.searcher.search(query, { limit: PAGE_SIZE, offset: 0 });
        if (result.total > 0) {
          const message = resultsMessage(result, query, 0, lang, deps.command);
          const usage = `\`${escapeText(`${deps.command} ${usageOf(verb.help, lang)}`)}\``;
          const note = context(
            translator(lang)('usage.searchNote', { usage, problem: plain(problemText(problem, lang)) }),
          );
          return void (await respond({ response_type: 'ephemeral', ...message, blocks: [...message.blocks, note] }));
        }
      }
      await respond({
        response_type: 'ephemeral',
        ...usageErrorMessage(deps.command, verb.help, problem, lang, searchFirst ? undefined : text),
      });
    },
  };
}
