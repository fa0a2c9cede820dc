/** `/k8sblog` and `/k8sblog help`: usage of every verb in the table, in Chinese and English. */
import { helpMessage } from '../../blocks/help.js';
import type { CommandVerb } from '../../types.js';

export const helpVerb: CommandVerb = {
  name: 'help',
  aliases: ['帮助', '-h', '--help', '?', '？'],
  accepts: (rest) => rest === '',
  help: { usage: 'help', zh: '显示本帮助', en: 'show this help' },
  async run({ respond, deps, verbs }) {
    const entries = verbs.map((v) => v.help);
    await respond({ response_type: 'ephemeral', ...helpMessage(deps.command, entries) });
  },
};
