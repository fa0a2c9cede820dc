/** `/k8sblog subscribe [daily|weekly]`: this channel gets a digest of new articles (weekly unless told otherwise). */
import type { DigestService } from '../../../digest/service.js';
import { parseSubscribeArgs } from '../../../digest/service.js';
import { subscribeReply } from '../../blocks/digest.js';
import type { CommandVerb } from '../../types.js';

export function subscribeVerb(service: DigestService, tz: string): CommandVerb {
  return {
    name: 'subscribe',
    aliases: ['订阅'],
    // `subscribe to sig node news` is a search; only a cadence (or nothing) makes it the verb.
    accepts: (rest) => !('error' in parseSubscribeArgs(rest)),
    help: {
      usage: 'subscribe [daily|weekly]',
      zh: '本频道订阅新文章摘要（默认每周）',
      en: 'a digest of new posts in this channel (weekly by default)',
      examples: ['subscribe daily'],
    },
    async run({ rest, teamId, channelId, userId, respond }) {
      const parsed = parseSubscribeArgs(rest);
      if ('error' in parsed) return void (await respond({ response_type: 'ephemeral', text: parsed.error }));
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
