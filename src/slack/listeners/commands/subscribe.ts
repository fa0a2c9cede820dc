/**
 * `/k8sblog subscribe [daily|weekly [query]]`: this channel gets a digest of new articles (weekly unless told
 * otherwise), only those the query matches when one follows the cadence.
 */
import type { DigestService } from '../../../digest/service.js';
import { parseSubscribeArgs } from '../../../digest/service.js';
import { subscribeReply } from '../../blocks/digest.js';
import type { ArgumentProblem, CommandVerb } from '../../types.js';
import { followProblem, quoted } from './problems.js';

export function subscribeVerb(service: DigestService, tz: string): CommandVerb {
  return {
    name: 'subscribe',
    aliases: ['订阅'],
    check: cadenceProblem,
    help: {
      usage: 'subscribe [daily|weekly] [{query}]',
      zh: '本频道订阅新文章摘要（默认每周）；加关键词则只发匹配的文章',
      en: 'a digest of new posts in this channel (weekly by default); with a query, only posts that match it',
      examples: ['subscribe daily', 'subscribe weekly kubeadm'],
    },
    async run({ rest, teamId, channelId, userId, respond, lang }) {
      const parsed = parseSubscribeArgs(rest);
      // The router only runs the verb when check() passed; a cadence that still does not parse is a bug.
      if ('error' in parsed) throw new Error(`subscribe ran with an unchecked cadence: ${parsed.error}`);
      const result = await service.subscribe({
        workspace: teamId,
        channel: channelId,
        userId,
        cadence: parsed.cadence,
        filter: parsed.filter,
      });
      await respond({ response_type: 'ephemeral', ...subscribeReply(result, tz, lang) });
    },
  };
}

function cadenceProblem(rest: string): ArgumentProblem | undefined {
  const parsed = parseSubscribeArgs(rest);
  if ('error' in parsed) {
    const [word] = rest.split(/\s+/u, 1);
    return { key: 'problem.cadence', values: { got: quoted(word) } };
  }
  return parsed.filter ? followProblem(parsed.filter) : undefined;
}
