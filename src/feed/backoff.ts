import type { FeedState } from '../store/types.js';

const BASE_MS = 5 * 60_000;
const MAX_MS = 6 * 60 * 60_000;

/**
 * After n failures in a row the feed is left alone for 5 min × 2^(n-1), at most 6 h. With the default 30-minute
 * poll this skips nothing for a one-off failure and backs off to a few polls a day when the blog is down for long.
 */
export function backoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.min(consecutiveFailures - 1, 20));
}

/** When the scheduled poll may next try the feed; undefined when it is healthy. */
export function nextAttemptAt(state: FeedState | undefined): Date | undefined {
  if (!state || state.consecutiveFailures <= 0 || !state.lastFailureAt) return undefined;
  return new Date(Date.parse(state.lastFailureAt) + backoffMs(state.consecutiveFailures));
}
