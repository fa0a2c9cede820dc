/**
 * The answer to a verb with words it cannot take (`/k8sblog subscribe monthly`): what is wrong, the verb's usage,
 * and — when the words might have been meant as a search — a button that searches them; all in the reader's language.
 */

import { type Lang, translator } from '../i18n/catalogue.js';
import { escapeText, plain, truncate } from '../mrkdwn.js';
import { cleanQuery, encodePage } from '../paging.js';
import type { ArgumentProblem } from '../types.js';
import { usageOf, type VerbHelp } from './help.js';
import { type Block, button, context, type SlackMessage, section } from './message.js';
import { ACTION } from './results.js';

/** The problem as one line of the reader's language (values inserted as typed: the caller escapes the line). */
export function problemText(problem: ArgumentProblem, lang: Lang): string {
  return translator(lang)(problem.key, problem.values);
}

export function usageErrorMessage(
  command: string,
  help: VerbHelp,
  problem: ArgumentProblem,
  lang: Lang,
  /** The whole text as typed, offered as a one-click search. */
  searchText?: string,
): SlackMessage {
  const t = translator(lang);
  const usage = `${command} ${usageOf(help, lang)}`;
  const what = problemText(problem, lang);
  const blocks: Block[] = [
    section(plain(what)),
    section(`${t('usage.line', { usage: `\`${escapeText(usage)}\`` })}\n${plain(help[lang])}`),
  ];
  if (searchText) {
    const query = cleanQuery(searchText);
    const search = `\`${escapeText(`${command} search ${truncate(query, 60)}`)}\``;
    blocks.push(
      section(
        t('usage.searchInstead', { search }),
        button(
          ACTION.suggestion,
          truncate(t('results.searchSuggestion', { suggestion: query }), 75),
          encodePage({ query, offset: 0 }),
        ),
      ),
    );
  }
  blocks.push(context(t('usage.helpHint', { help: `\`${escapeText(`${command} help`)}\`` })));
  return { text: plain(t('usage.text', { problem: what, usage })), blocks };
}
