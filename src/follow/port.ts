import type { Article } from '../archive/article.js';
import type { LookupResult } from '../digest/port.js';

/** One personal alert as the domain sees it; the chat adapter turns it into a DM. */
export interface AlertMessage {
  workspace: string;
  user: string;
  /** Newest first; each with the follows (queries) of this person that matched it. */
  articles: Array<{ article: Article; follows: string[] }>;
  /** Unique per (workspace, user, alert): kept in the DM's metadata so that recovery can find a DM it lost track of. */
  marker: string;
}

export type DmResult =
  | { kind: 'opened'; channel: string }
  /** Slack will not let the bot message this person (user_not_found, cannot_dm_bot, account_inactive, …). */
  | { kind: 'user-unavailable'; reason: string }
  | { kind: 'rejected'; reason: string };

export type AlertPostResult =
  | { kind: 'posted'; ts: string }
  | { kind: 'user-unavailable'; reason: string }
  /** The chat answered that it did not post. */
  | { kind: 'rejected'; reason: string }
  /** No answer worth trusting: the DM may or may not exist. */
  | { kind: 'unknown'; reason: string };

/** The port through which alerts reach people; Slack's adapter is src/slack/alert-poster.ts. */
export interface AlertPoster {
  /** The DM channel with this person (conversations.open; opening twice gives the same channel). */
  openDm(user: string): Promise<DmResult>;
  post(channel: string, message: AlertMessage): Promise<AlertPostResult>;
  /** Looks in the DM, from `since` on, for a message carrying `marker`. */
  findPosted(query: { workspace: string; channel: string; marker: string; since: Date }): Promise<LookupResult>;
}

export function alertMarker(key: { workspace: string; user: string; alertId: string }): string {
  return `k8sblog-alert:${key.workspace}:${key.user}:${key.alertId}`;
}
