/** `/k8sblog following`: the caller's follows (only theirs), each with an Unfollow button. */
import type { FollowService } from '../../../follow/service.js';
import { MAX_FOLLOWS_PER_USER } from '../../../store/types.js';
import { followingMessage } from '../../blocks/follow.js';
import type { CommandVerb } from '../../types.js';
import { noArguments } from './problems.js';

export function followingVerb(service: FollowService): CommandVerb {
  return {
    name: 'following',
    aliases: ['我的关注'],
    check: noArguments('following'),
    help: { usage: 'following', zh: '列出你的关注，可逐个取消', en: 'list your follows, with an Unfollow button each' },
    async run({ teamId, userId, respond, deps, lang }) {
      const follows = await service.following({ workspace: teamId, user: userId });
      await respond({
        response_type: 'ephemeral',
        ...followingMessage(deps.command, follows, MAX_FOLLOWS_PER_USER, lang),
      });
    },
  };
}
