/** `/k8sblog unfollow <query>`: stops one of the caller's follows. */
import type { FollowService } from '../../../follow/service.js';
import { unfollowReply } from '../../blocks/follow.js';
import type { CommandVerb } from '../../types.js';

export function unfollowVerb(service: FollowService): CommandVerb {
  return {
    name: 'unfollow',
    aliases: ['取消关注'],
    check: (rest) => (rest ? undefined : { key: 'problem.unfollowEmpty' }),
    help: { usage: 'unfollow <{keywords}>', zh: '取消一个关注', en: 'stop following a query' },
    async run({ rest, teamId, userId, respond, lang }) {
      const result = await service.unfollow({ workspace: teamId, user: userId, query: rest });
      await respond({ response_type: 'ephemeral', ...unfollowReply(result, lang) });
    },
  };
}
