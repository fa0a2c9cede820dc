/** `/k8sblog status`: feed health, this channel's last digest and subscription, articles in the archive. */
import type { DigestService } from '../../../digest/service.js';
import { statusMessage } from '../../blocks/digest.js';
import type { CommandVerb } from '../../types.js';
import { noArguments } from './problems.js';

export function statusVerb(service: DigestService, tz: string): CommandVerb {
  return {
    name: 'status',
    aliases: ['状态'],
    check: noArguments('status'),
    help: {
      usage: 'status',
      zh: '订阅源状态、上次摘要和本频道的订阅',
      en: "feed health, last digest and this channel's subscription",
    },
    async run({ teamId, channelId, respond, deps, lang }) {
      const status = await service.status({ workspace: teamId, channel: channelId });
      await respond({ response_type: 'ephemeral', ...statusMessage(status, tz, lang, deps.command) });
    },
  };
}
