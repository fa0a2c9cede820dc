/** The Home tab's subscriptions section, from the DigestService: a workspace's active subscriptions and their last digest. */
import type { DigestService } from '../digest/service.js';
import type { HomeSource } from './types.js';

/** The Home tab lists this many; status() costs a few queries each. */
const MAX_SHOWN = 20;

export function digestHome(digest: DigestService): HomeSource {
  return {
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
