/** What the Slack layer's listeners share: the domain services they call and the shape of a command verb. */
import type { RespondFn, webApi } from '@slack/bolt';
import type { FollowService } from '../follow/service.js';
import type { Logger } from '../log.js';
import type { Searcher } from '../search/types.js';
import type { VerbHelp } from './blocks/help.js';
import type { RateLimiter } from './conversation/rate-limit.js';
import type { Lang, MessageKey } from './i18n/catalogue.js';
import type { LocaleCache } from './i18n/locale.js';
import type { OnceStore } from './once.js';

export interface SlackDeps {
  searcher: Searcher;
  log: Logger;
  /** Retried Events API deliveries are answered once: claims by event_id. */
  eventOnce: OnceStore;
  /** One unfurl per URL per channel per 30 minutes. */
  unfurlOnce: OnceStore;
  /** The verbs of /k8sblog between search/latest and help: the digest verbs (subscribe, unsubscribe, status). */
  verbs: CommandVerb[];
  /** The slash command's name, as in manifest.yml. */
  command: string;
  /** Follows, for the Unfollow button (the follow verbs come in `verbs`). */
  follows?: FollowService;
  /** The reader's language, looked up once a day per user. */
  locale: LocaleCache;
  /** Questions in DMs and mentions, per user. */
  questions: RateLimiter;
  /** What the Home tab shows besides search and the newest articles; absent, those sections are left out. */
  home?: HomeSource;
}

/** A digest subscription as the Home tab lists it. */
export interface HomeSubscription {
  channel: string;
  cadence: 'daily' | 'weekly';
  lastDigestAt?: Date;
}

/** One of the reader's follows as the Home tab lists it. */
export interface HomeFollow {
  query: string;
  pausedReason?: string;
}

export interface HomeSource {
  /** The workspace's active digest subscriptions. */
  subscriptions(team: string): Promise<HomeSubscription[]>;
  /** The reader's own follows, when follows are on. */
  follows?(team: string, user: string): Promise<HomeFollow[]>;
}

export interface CommandContext {
  /** The words after the verb, as typed (trimmed). */
  rest: string;
  userId: string;
  channelId: string;
  teamId: string;
  /** Answers the user ephemerally through the command's response_url. */
  respond: RespondFn;
  /** The whole verb table, in the order help lists it. */
  verbs: CommandVerb[];
  client: webApi.WebClient;
  deps: SlackDeps;
  /** The reader's language: every line of the answer is in it. */
  lang: Lang;
}

/**
 * Why the words after a verb do not fit it, as a catalogue line (`problem.*`) and its values: the answer words it
 * in the reader's language, e.g. "cadence must be daily or weekly, not “monthly”".
 */
export interface ArgumentProblem {
  key: Extract<MessageKey, `problem.${string}`>;
  values?: Record<string, string | number>;
}

/** One verb of the /k8sblog command: a file under listeners/commands/ exports one of these. */
export interface CommandVerb {
  name: string;
  /** Other words that select the verb (e.g. 帮助 for help). */
  aliases?: string[];
  /**
   * What is wrong with the words after the verb, or undefined when they fit (default: anything fits). The router
   * decides what a misfit means: the verb's usage error, or a search of the whole text (listeners/commands/router.ts).
   */
  check?(rest: string): ArgumentProblem | undefined;
  help: VerbHelp;
  run(ctx: CommandContext): Promise<void>;
}
