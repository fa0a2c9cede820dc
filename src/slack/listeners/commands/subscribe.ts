/** `/k8sblog subscribe [daily|weekly]`: this channel gets a digest of new articles (weekly unless told otherwise). */
import type { DigestService } from '../../../digest/service.js';
import { parseSubscribeArgs } from '../../../digest/service.js';
import { subscribeReply } from '../../blocks/digest.js';
import type { ArgumentProblem, CommandVerb } from '../../types.js';
import { quoted } from './problems.js';

export function subscribeVerb(service: DigestService, tz: string): CommandVerb {
  return {
    name: 'subscribe',
    aliases: ['订阅'],
    check: cadenceProblem,
    help: {
      usage: 'subscribe [daily|weekly]',
      zh: '本频道订阅新文章摘要（默认每周）',
      en: 'a digest of new posts in this channel (weekly by default)',
      examples: ['subscribe daily'],
    },
    async run({ rest, teamId, channelId, userId, respond }) {
      const parsed = parseSubscribeArgs(rest);
      // The router only runs the verb when check() passed; a cadence that still does not parse is a bug.
      if ('error' in parsed) throw new Error(`subscribe ran with an unchecked cadence: ${parsed.error}`);
      const result = await service.subscribe({
        workspace: teamId,
        channel: channelId,
        userId,
        cadence: parsed.cadence,
      });
      await respond({ response_type: 'ephemeral', ...subscribeReply(result, tz) });
    },
  };
}

function cadenceProblem(rest: string): ArgumentProblem | undefined {
  if (!('error' in parseSubscribeArgs(rest))) return undefined;
  return {
    zh: `频率只能是 daily（每天）或 weekly（每周），不能是${quoted(rest)}`,
    en: `cadence must be daily or weekly, not ${quoted(rest)}`,
  };
}
