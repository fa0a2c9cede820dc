/** `/k8sblog latest [n]`: the n newest articles (default 5, at most 10 so the message stays small). */
import { latestMessage } from '../../blocks/latest.js';
import type { CommandVerb } from '../../types.js';
import { quoted } from './problems.js';

export const LATEST_DEFAULT = 5;
export const LATEST_MAX = 10;

export const latestVerb: CommandVerb = {
  name: 'latest',
  aliases: ['最新', 'new', 'newest'],
  // A larger n is capped, not refused: `latest 50` still answers with the newest ten.
  check: (rest) =>
    rest === '' || /^\d{1,4}$/.test(rest)
      ? undefined
      : { key: 'problem.latestNumber', values: { max: LATEST_MAX, got: quoted(rest) } },
  help: {
    usage: 'latest [n]',
    zh: `最新的 n 篇文章（默认 ${LATEST_DEFAULT}，最多 ${LATEST_MAX}）`,
    en: `the n newest articles (default ${LATEST_DEFAULT}, at most ${LATEST_MAX})`,
    examples: ['latest 3'],
  },
  async run({ rest, respond, deps, lang }) {
    const n = rest ? Math.min(LATEST_MAX, Math.max(1, Number(rest))) : LATEST_DEFAULT;
    await respond({ response_type: 'ephemeral', ...latestMessage(deps.searcher.latest(n), lang) });
  },
};
