/**
 * At most `limit` questions per user per window (a sliding window of timestamps). Over the limit, the first refusal
 * in a window says so politely and the rest are dropped, so a flood does not become a flood of replies.
 */
export type RateVerdict = 'ok' | 'tell' | 'drop';

export class RateLimiter {
  private readonly seen = new Map<string, { times: number[]; told: boolean }>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  take(key: string): RateVerdict {
    const now = this.now();
    const entry = this.seen.get(key) ?? { times: [], told: false };
    entry.times = entry.times.filter((t) => t > now - this.windowMs);
    if (entry.times.length === 0) entry.told = false;
    this.seen.delete(key);
    this.seen.set(key, entry);
    if (this.seen.size > this.maxKeys) this.seen.delete(this.seen.keys().next().value as string);
    if (entry.times.length < this.limit) {
      entry.times.push(now);
      return 'ok';
    }
    if (entry.told) return 'drop';
    entry.told = true;
    return 'tell';
  }
}
