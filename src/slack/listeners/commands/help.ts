/** `/k8sblog` and `/k8sblog help`: usage of every verb in the table, in the reader's language. */
import { helpMessage } from '../../blocks/help.js';
import type { CommandVerb } from '../../types.js';
import { quoted } from './problems.js';

export const helpVerb: CommandVerb = {
  name: 'help',
  aliases: ['帮助', '-h', '--help', '?', '？'],
  // `help subscribe` shows the help; several words (`help me with pods`) are more likely a search.
  check: (rest) =>
    /\s/u.test(rest)
      ? { zh: `help 后面最多接一个词（多了 ${quoted(rest)}）`, en: `help takes at most one word (got ${quoted(rest)})` }
      : undefined,
  help: { usage: 'help', zh: '显示本帮助', en: 'show this help' },
  async run({ respond, deps, verbs, lang }) {
    const entries = verbs.map((v) => v.help);
    await respond({ response_type: 'ephemeral', ...helpMessage(deps.command, entries, lang) });
  },
};
