import type { Article } from '../archive/article.js';

/**
 * Everything the bot must remember between runs, behind one interface with two implementations: SQLite (one
 * instance, a file under DATA_DIR) and PostgreSQL (DATABASE_URL; several instances may share it). Times are
 * ISO-8601 UTC strings in both, so the two behave the same and sort the same.
 */
export type Cadence = 'daily' | 'weekly';

/** `paused`: Slack refused the channel (not_in_channel, is_archived, …); it gets nothing until someone subscribes again. */
export type SubscriptionStatus = 'active' | 'paused' | 'unsubscribed';

export interface Subscription {
  workspace: string;
  channel: string;
  cadence: Cadence;
  status: SubscriptionStatus;
  subscribedBy: string;
  subscribedAt: string;
  updatedAt: string;
  /** Articles that arrived (feed sequence number) at or before this are older than the subscription. */
  sinceSeq: number;
  lastError?: string;
  pausedAt?: string;
  /** A search query: the digest holds only the new articles it matches (see src/follow/match.ts); none: all of them. */
  filter?: string;
}

export interface FeedState {
  feedUrl: string;
  etag?: string;
  lastModified?: string;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastFailureReason?: string;
  consecutiveFailures: number;
  /** When the first successful poll marked the feed's items as seen without announcing them. */
  baselineAt?: string;
  /** Items in the feed at the last successful poll that changed anything (a 304 keeps the previous count). */
  lastItemCount?: number;
}

/** An article that arrived from the feed; `announce: false` for those found by the first poll (searchable, never posted). */
export interface FeedArticle {
  seq: number;
  article: Article;
  firstSeenAt: string;
  announce: boolean;
}

export interface NewFeedArticle {
  article: Article;
  announce: boolean;
}

/** What one successful poll changes, written in one transaction so that a crash leaves either all of it or none. */
export interface PollCommit {
  feedUrl: string;
  now: string;
  etag?: string;
  lastModified?: string;
  /** Normalised URLs of every item in the feed. */
  seenUrls: string[];
  articles: NewFeedArticle[];
  itemCount: number;
  /** True on the first successful poll of this feed: it records the baseline time. */
  baseline: boolean;
}

export type DeliveryStatus = 'claimed' | 'posted';

/** One digest message: (workspace, channel, period) is unique, which is what makes a second post impossible to claim. */
export interface Delivery {
  workspace: string;
  channel: string;
  period: string;
  cadence: Cadence;
  articleIds: string[];
  status: DeliveryStatus;
  /** The instance that claimed it, then the one that last started sending it. */
  claimedBy: string;
  claimedAt: string;
  /** Set just before the message is sent: a claimed delivery without it was certainly never posted. */
  postStartedAt?: string;
  /** Times a run started sending it; the compare-and-set of markPostStarted is on this count. */
  attempts: number;
  postedAt?: string;
  messageTs?: string;
}

export interface DeliveryKey {
  workspace: string;
  channel: string;
  period: string;
}

export interface ClaimRequest {
  workspace: string;
  channel: string;
  period: string;
  cadence: Cadence;
  claimedBy: string;
  now: string;
  /** At most this many articles in one message; the rest wait for the next period. */
  maxArticles: number;
  /** A filtered subscription: only these pending articles (feed seq) may go into the digest. */
  onlySeqs?: number[];
}

export type ClaimResult =
  | { kind: 'claimed'; delivery: Delivery; articles: FeedArticle[] }
  | { kind: 'exists'; delivery: Delivery }
  | { kind: 'nothing-new' }
  | { kind: 'not-subscribed' };

/** A lock that keeps several instances from polling or posting at the same time. */
export interface JobLock {
  readonly name: string;
  /**
   * True once the holder has learnt that the lock is no longer its own (PostgreSQL: its connection failed, so the
   * server freed the lock; SQLite: its lease was taken over). Another instance may be running the same job by then,
   * so a run stops taking on new work.
   */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, with any password removed: for logs and `status`. */
  readonly location: string;
  close(): Promise<void>;

  /** Subscribes, or changes the cadence of, or resumes a paused subscription (which keeps its undelivered articles). */
  subscribe(input: {
    workspace: string;
    channel: string;
    cadence: Cadence;
    by: string;
    now: string;
    /** The digest's filter query; undefined or empty: every new article. Subscribing again replaces it. */
    filter?: string;
  }): Promise<Subscription>;
  /** Returns false when the channel had no active or paused subscription. */
  unsubscribe(workspace: string, channel: string, now: string): Promise<boolean>;
  getSubscription(workspace: string, channel: string): Promise<Subscription | undefined>;
  /** Subscriptions with status `active`, optionally of one cadence. */
  activeSubscriptions(cadence?: Cadence): Promise<Subscription[]>;
  pauseSubscription(workspace: string, channel: string, reason: string, now: string): Promise<void>;

  getFeedState(feedUrl: string): Promise<FeedState | undefined>;
  /** Of the given normalised URLs, those already seen. */
  seenAmong(urls: string[]): Promise<Set<string>>;
  commitPoll(commit: PollCommit): Promise<FeedArticle[]>;
  /** Records a failed poll: the reason and the failure count change, nothing else does (no ETag, no seen items). */
  recordPollFailure(feedUrl: string, reason: string, now: string): Promise<FeedState>;
  /** A 304 or an unchanged feed: only the poll and success times move. */
  recordPollUnchanged(feedUrl: string, now: string): Promise<void>;
  /** Stored feed articles in arrival order, those after `afterSeq` only when given. */
  feedArticles(afterSeq?: number): Promise<FeedArticle[]>;
  countFeedArticles(): Promise<number>;

  /** Articles an active subscription has not had yet (arrived after it, not in any of its deliveries). */
  pendingArticles(workspace: string, channel: string, limit: number): Promise<FeedArticle[]>;
  /** In one transaction: the delivery row, and its articles reserved for it, or what is already there. */
  claimDelivery(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Records that `by` is about to send the delivery, only if it is still claimed and its attempt count is still
   * `attempts` (what `by` read when it claimed or picked it up). False means another run marked it first: that run
   * sends it, this one must not.
   */
  markPostStarted(key: DeliveryKey, expected: { attempts: number; by: string }, now: string): Promise<boolean>;
  completeDelivery(key: DeliveryKey, messageTs: string, now: string): Promise<void>;
  /** Gives a delivery up when Slack certainly did not post it: its articles go back to the channel's pending list. */
  releaseDelivery(key: DeliveryKey): Promise<void>;
  /** Claimed deliveries that were never completed, oldest first. */
  unfinishedDeliveries(): Promise<Delivery[]>;
  getDelivery(key: DeliveryKey): Promise<Delivery | undefined>;
  deliveryArticles(key: DeliveryKey): Promise<FeedArticle[]>;
  lastPostedDelivery(workspace: string, channel: string): Promise<Delivery | undefined>;
  /**
   * Takes pending articles that a filtered subscription's query does not match out of its pending list for good (a
   * later change of filter does not bring them back).
   */
  skipArticles(workspace: string, channel: string, seqs: number[]): Promise<void>;

  /** Adds a follow (at most MAX_FOLLOWS_PER_USER a person); resumes the person's paused follows (they are back). */
  addFollow(input: { workspace: string; user: string; query: string; now: string }): Promise<AddFollowResult>;
  /** Returns false when the person had no follow of that query (compared as {@link followKey} says). */
  removeFollow(workspace: string, user: string, query: string): Promise<boolean>;
  /** One person's follows, oldest first. */
  followsOf(workspace: string, user: string): Promise<Follow[]>;
  /** Every follow that is not paused, by workspace, user, then age. */
  activeFollows(): Promise<Follow[]>;
  /** Pauses every follow of a person Slack will not let the bot message (user_not_found, cannot_dm_bot, …). */
  pauseFollows(workspace: string, user: string, reason: string, now: string): Promise<void>;
  /** Announced feed articles after `afterSeq` that this person has not been alerted to, in arrival order. */
  alertCandidates(workspace: string, user: string, afterSeq: number): Promise<FeedArticle[]>;
  /** Records that the person's follows were checked against every article up to `seq` (never moves back). */
  markFollowsChecked(workspace: string, user: string, seq: number): Promise<void>;
  /** In one transaction: the alert row and one alerted_articles row per article not yet alerted to this person. */
  claimAlert(request: AlertClaimRequest): Promise<AlertClaimResult>;
  /** Like markPostStarted, for an alert; records the DM channel the message goes to. */
  markAlertPostStarted(
    key: AlertKey,
    expected: { attempts: number; by: string; dmChannel: string },
    now: string,
  ): Promise<boolean>;
  /** `messageTs` undefined: sent as far as we can tell but never found (see docs/follows.md); not sent again. */
  completeAlert(key: AlertKey, messageTs: string | undefined, now: string): Promise<void>;
  /** Gives an alert up when Slack certainly did not send it: its articles may be alerted again. */
  releaseAlert(key: AlertKey): Promise<void>;
  unfinishedAlerts(): Promise<Alert[]>;
  getAlert(key: AlertKey): Promise<Alert | undefined>;
  alertArticles(key: AlertKey): Promise<AlertArticle[]>;

  /**
   * Takes the named lock if no live holder has it. PostgreSQL: a session advisory lock, freed by the server when
   * the holder's connection ends (a killed process included). SQLite: a lease row, taken over once it expires or
   * once its holder's process is gone from this machine.
   */
  tryLock(name: string, holder: string): Promise<JobLock | undefined>;
}

/** At most this many follows per person. */
export const MAX_FOLLOWS_PER_USER = 20;

/** A person's standing search: new articles it matches reach them in a DM. */
export interface Follow {
  workspace: string;
  user: string;
  /** As the person typed it (spaces collapsed). */
  query: string;
  createdAt: string;
  /** Articles that arrived (feed seq) at or before this are older than the follow. */
  sinceSeq: number;
  /** The follows of this person were checked against every article up to this seq. */
  checkedSeq: number;
  pausedReason?: string;
  pausedAt?: string;
}

export type AddFollowResult =
  | { kind: 'added' | 'exists'; follow: Follow; resumed: number }
  | { kind: 'limit'; count: number };

/** Two spellings of one query are one follow: NFKC, lower case, single spaces. */
export function followKey(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface AlertKey {
  workspace: string;
  user: string;
  /** `a<seq>`: the first article's feed seq (an article is in one alert of a person at most, so it is unique). */
  alertId: string;
}

/** One DM to one person; like a digest Delivery, but keyed per article through alerted_articles. */
export interface Alert extends AlertKey {
  status: DeliveryStatus;
  claimedBy: string;
  claimedAt: string;
  /** The DM channel conversations.open gave, recorded with the mark (recovery looks there). */
  dmChannel?: string;
  postStartedAt?: string;
  attempts: number;
  postedAt?: string;
  messageTs?: string;
}

export interface AlertArticle {
  feed: FeedArticle;
  /** The person's follows (queries) that matched it. */
  follows: string[];
}

export interface AlertClaimRequest {
  workspace: string;
  user: string;
  matches: Array<{ seq: number; follows: string[] }>;
  claimedBy: string;
  now: string;
}

export type AlertClaimResult =
  | { kind: 'claimed'; alert: Alert; articles: AlertArticle[] }
  | { kind: 'exists'; alert: Alert }
  | { kind: 'nothing-new' }
  | { kind: 'not-following' };
