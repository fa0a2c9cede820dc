/** `/k8sblog unsubscribe`: this channel's digest stops. */
import type { DigestService } from '../../../digest/service.js';
import { unsubscribeReply } from '../../blocks/digest.js';
import type { CommandVerb } from '../../types.js';
import { noArguments } from './problems.js';

export function unsubscribeVerb(service: DigestService): CommandVerb {
  return {
    name: 'unsubscribe',
    aliases: ['取消订阅'],
    check: noArguments('unsubscribe'),
    help: { usage: 'unsubscribe', zh: '取消本频道的摘要', en: "stop this channel's digest" },
    async run({ teamId, channelId, respond, lang }) {
      const result = await service.unsubscribe({ workspace: teamId, channel: channelId });
      await respond({ response_type: 'ephemeral', ...unsubscribeReply(result, lang) });
    },
  };
}
