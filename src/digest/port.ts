import type { Article } from '../archive/article.js';
import type { Cadence } from '../store/types.js';

/** One digest as the domain sees it; the chat adapter turns it into a message. */
export interface DigestMessage {
  workspace: string;
  channel: string;
  period: string;
  cadence: Cadence;
  /** Newest first. */
  articles: Article[];
  /**
   * Unique per (workspace, channel, period): the adapter stores it in the posted message so that a run that lost
   * track of a post (killed after sending, before recording) can find the message instead of posting it again.
   */
  marker: string;
}

export type PostResult =
  | { kind: 'posted'; ts: string }
  /** The chat refused this channel for good (gone, bot not a member, archived): the subscription is paused. */
  | { kind: 'channel-unavailable'; reason: string }
  /** The chat answered that it did not post (a bad request, rate limits past the waiting budget). */
  | { kind: 'rejected'; reason: string }
  /** No answer worth trusting (network failure, timeout, 5xx): the message may or may not exist. */
  | { kind: 'unknown'; reason: string };

export type LookupResult =
  | { kind: 'found'; ts: string }
  | { kind: 'absent' }
  | { kind: 'channel-unavailable'; reason: string }
  /** `permanent`: looking cannot work in this deployment (e.g. the app lacks the history scope). */
  | { kind: 'unknown'; reason: string; permanent: boolean };

/** The port through which the digest posts; Slack's adapter is src/slack/digest-poster.ts, tests may use others. */
export interface DigestPoster {
  post(message: DigestMessage): Promise<PostResult>;
  /** Looks in the channel, from `since` on, for a message carrying `marker`. */
  findPosted(query: { workspace: string; channel: string; marker: string; since: Date }): Promise<LookupResult>;
}

export function deliveryMarker(key: { workspace: string; channel: string; period: string }): string {
  return `k8sblog-digest:${key.workspace}:${key.channel}:${key.period}`;
}
