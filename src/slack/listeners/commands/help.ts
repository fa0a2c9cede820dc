/** `/k8sblog` and `/k8sblog help`: usage of every verb in the table, in the reader's language. */
import { helpMessage } from '../../blocks/help.js';
import type { CommandVerb } from '../../types.js';
import { quoted } from './problems.js';

export const helpVerb: CommandVerb = {
  name: 'help',
  aliases: ['帮助', '-h', '--help', '?', '？'],
  // `help subscribe` shows the help; several words (`help me with pods`) are more likely a search.
  check: (rest) => (/\s/u.test(rest) ? { key: 'problem.helpOneWord', values: { got: quoted(rest) } } : undefined),
  help: { usage: 'help', zh: '显示本帮助', en: 'show this help' },
  async run({ respond, deps, verbs, lang }) {
    const entries = verbs.map((v) => v.help);
    await respond({ response_type: 'ephemeral', ...helpMessage(deps.command, entries, lang) });
  },
};
