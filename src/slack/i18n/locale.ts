/**
 * The reader's language, from Slack's `users.info` with `include_locale` (scope users:read): looked up once per user
 * and kept for a day. A lookup that fails or takes too long answers Chinese (the blog's language) and is asked again
 * after a few minutes rather than a day, so a passing outage does not fix a reader's language for long.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { slackErrorCode } from '../errors.js';
import { type Lang, langOfLocale } from './catalogue.js';

export const LOCALE_TTL_MS = 24 * 60 * 60 * 1000;
const FAILURE_TTL_MS = 5 * 60 * 1000;
/** The reader is waiting on the answer: a slow lookup is not worth more than this. */
const LOOKUP_TIMEOUT_MS = 2000;
const MAX_USERS = 50_000;

export class LocaleCache {
  private readonly known = new Map<string, { lang: Lang; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async langOf(client: webApi.WebClient, userId: string | undefined): Promise<Lang> {
    if (!userId) return 'zh';
    const hit = this.known.get(userId);
    if (hit && hit.until > this.now()) return hit.lang;
    let lang: Lang = 'zh';
    let ttl = FAILURE_TTL_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        client.users.info({ user: userId, include_locale: true }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('users.info took too long')), LOOKUP_TIMEOUT_MS);
        }),
      ]);
      lang = langOfLocale(info.user?.locale);
      ttl = LOCALE_TTL_MS;
    } catch (err) {
      this.log.info('locale lookup failed; answering in Chinese', {
        user: userId,
        slack_error: slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err)),
      });
    } finally {
      clearTimeout(timer);
    }
    this.known.delete(userId);
    this.known.set(userId, { lang, until: this.now() + ttl });
    if (this.known.size > MAX_USERS) this.known.delete(this.known.keys().next().value as string);
    return lang;
  }
}
