/** The verbs follows add to /k8sblog, in the order help lists them. */
import type { FollowService } from '../../../follow/service.js';
import type { CommandVerb } from '../../types.js';
import { followVerb } from './follow.js';
import { followingVerb } from './following.js';
import { unfollowVerb } from './unfollow.js';

export function followVerbs(service: FollowService): CommandVerb[] {
  return [followVerb(service), followingVerb(service), unfollowVerb(service)];
}
