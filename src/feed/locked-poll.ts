/**
 * One poll of the feed under the store's poll lock, so the scheduler of each instance, `k8sblog poll` and
 * `k8sblog digest --now` never read and record the same feed at the same moment.
 */
import { type PollOptions, type PollResult, pollFeed } from './poller.js';

/** The named lock under which one instance at a time polls the feed. */
export const POLL_LOCK = 'poll';

/** The poll's result, or `busy` when another holder of the lock (another instance, a CLI run) is polling now. */
export async function pollUnderLock(
  options: PollOptions & { instanceId: string },
): Promise<PollResult | { status: 'busy' }> {
  const { instanceId, ...pollOptions } = options;
  const lock = await options.store.tryLock(POLL_LOCK, instanceId);
  if (!lock) return { status: 'busy' };
  try {
    return await pollFeed(pollOptions);
  } finally {
    await lock.release().catch(() => undefined);
  }
}
