/**
 * "At most once within a while" for keys: Slack event ids (retried deliveries are answered once) and
 * channel + URL pairs (an article is unfurled at most once per channel per 30 minutes). Kept behind an interface so a
 * shared store can back it when several instances run; the in-memory one serves a single process.
 */
export interface OnceStore {
  /** True the first time `key` is claimed within `ttlMs`; false while an earlier claim is still live. */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Gives a claim back (the work it guarded failed), so the next attempt may run. */
  release(key: string): void | Promise<void>;
}

export class MemoryOnceStore implements OnceStore {
  private readonly expires = new Map<string, number>();
  private claimsSinceSweep = 0;

  constructor(
    private readonly now: () => number = Date.now,
    /** Past this many live keys the oldest are dropped, so a flood of distinct keys cannot grow memory without bound. */
    private readonly maxKeys = 100_000,
  ) {}

  claim(key: string, ttlMs: number): boolean {
    const now = this.now();
    if (++this.claimsSinceSweep >= 1000) this.sweep(now);
    const until = this.expires.get(key);
    if (until !== undefined && until > now) return false;
    this.expires.delete(key); // re-insert so Map order stays oldest-first
    this.expires.set(key, now + ttlMs);
    if (this.expires.size > this.maxKeys) this.expires.delete(this.expires.keys().next().value as string);
    return true;
  }

  release(key: string): void {
    this.expires.delete(key);
  }

  get size(): number {
    return this.expires.size;
  }

  private sweep(now: number): void {
    this.claimsSinceSweep = 0;
    for (const [key, until] of this.expires) if (until <= now) this.expires.delete(key);
  }
}
