/**
 * The Home tab's own sections: the workspace's active digest subscriptions with their last digest (DigestService),
 * and the reader's follows (FollowService).
 */
import type { DigestService } from '../digest/service.js';
import type { FollowService } from '../follow/service.js';
import type { HomeSource } from './types.js';

/** The Home tab lists this many; status() costs a few queries each. */
const MAX_SHOWN = 20;

export function digestHome(digest: DigestService, follows?: FollowService): HomeSource {
  return {
    ...(follows
      ? {
          follows: async (team: string, user: string) =>
            (await follows.following({ workspace: team, user })).map((f) => ({
              query: f.query,
              pausedReason: f.pausedReason,
            })),
        }
      : {}),
    async subscriptions(team) {
      const mine = (await digest.subscriptions()).filter((s) => s.workspace === team).slice(0, MAX_SHOWN);
      return Promise.all(
        mine.map(async (s) => {
          const status = await digest.status({ workspace: s.workspace, channel: s.channel });
          return { channel: s.channel, cadence: s.cadence, lastDigestAt: status.lastDigest?.postedAt };
        }),
      );
    },
  };
}
