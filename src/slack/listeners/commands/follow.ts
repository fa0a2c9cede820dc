/** `/k8sblog follow <query>`: new articles the query matches come to the caller in a DM. */
import type { FollowService } from '../../../follow/service.js';
import { followReply } from '../../blocks/follow.js';
import type { CommandVerb } from '../../types.js';
import { followProblem } from './problems.js';

export function followVerb(service: FollowService): CommandVerb {
  return {
    name: 'follow',
    aliases: ['关注'],
    check: followProblem,
    help: {
      usage: 'follow <{keywords}>',
      zh: '关注一个查询：有匹配的新文章时私信你（每人最多 20 个）',
      en: 'follow a query: new posts that match it come to you in a DM (20 at most)',
      examples: ['follow kubeadm', 'follow author:"Paco Xu"'],
    },
    async run({ rest, teamId, userId, respond, deps, lang }) {
      const result = await service.follow({ workspace: teamId, user: userId, query: rest });
      await respond({ response_type: 'ephemeral', ...followReply(deps.command, result, lang) });
    },
  };
}
