/**
 * The answer to a verb with words it cannot take (`/k8sblog subscribe monthly`): what is wrong, in Chinese and
 * English, the verb's usage, and — when the words might have been meant as a search — a button that searches them.
 */

import { escapeText, plain, truncate } from '../mrkdwn.js';
import { cleanQuery, encodePage } from '../paging.js';
import type { ArgumentProblem } from '../types.js';
import type { VerbHelp } from './help.js';
import { type Block, button, context, type SlackMessage, section } from './message.js';
import { ACTION } from './results.js';

export function usageErrorMessage(
  command: string,
  help: VerbHelp,
  problem: ArgumentProblem,
  /** The whole text as typed, offered as a one-click search. */
  searchText?: string,
): SlackMessage {
  const usage = `${command} ${help.usage}`;
  const blocks: Block[] = [
    section(`${plain(problem.zh)}\n_${plain(problem.en)}_`),
    section(`用法 Usage: \`${escapeText(usage)}\`\n${plain(help.zh)} · _${plain(help.en)}_`),
  ];
  if (searchText) {
    const query = cleanQuery(searchText);
    blocks.push(
      section(
        `要搜索这些词吗？ Or search for these words: \`${escapeText(`${command} search ${truncate(query, 60)}`)}\``,
        button(ACTION.suggestion, truncate(`Search “${query}”`, 75), encodePage({ query, offset: 0 })),
      ),
    );
  }
  blocks.push(context(`\`${command} help\` 列出所有命令 · lists every command`));
  return { text: plain(`${problem.zh}。 ${problem.en}. Usage: ${usage}`), blocks };
}
