/**
 * Link unfurling: every link in a `link_shared` event that names an article of the archive gets our preview through
 * `chat.unfurl`, keyed by the URL exactly as it was shared (Slack matches the key against the link it saw). Links the
 * archive does not know are left alone. One preview per article per channel per 30 minutes.
 */
import type { App } from '@slack/bolt';
import { type Unfurl, unfurlFor } from '../../blocks/unfurl.js';
import { reportError } from '../../errors.js';
import type { SlackDeps } from '../../types.js';

export const UNFURL_WINDOW_MS = 30 * 60 * 1000;

export function registerLinkShared(app: App, deps: SlackDeps): void {
  app.event('link_shared', async ({ event, client }) => {
    const composer = event.source === 'composer';
    // A draft in the composer has no channel yet ("COMPOSER"); its previews are rationed per user instead.
    const scope = composer ? `composer:${event.user}` : `channel:${event.channel}`;
    const unfurls: Record<string, Unfurl> = {};
    const claimed: string[] = [];
    for (const { url } of event.links) {
      if (Object.hasOwn(unfurls, url)) continue;
      // byUrl reads every spelling: any case, with or without the trailing slash, query, fragment, old /zh/ prefix.
      const article = deps.searcher.byUrl(url);
      if (!article) continue;
      const key = `${scope}|${article.url}`;
      if (!(await deps.unfurlOnce.claim(key, UNFURL_WINDOW_MS))) continue;
      claimed.push(key);
      unfurls[url] = unfurlFor(article);
    }
    if (claimed.length === 0) return;
    try {
      if (composer && event.unfurl_id) {
        await client.chat.unfurl({ unfurl_id: event.unfurl_id, source: 'composer', unfurls });
      } else {
        await client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls });
      }
      deps.log.debug('links unfurled', { count: claimed.length, source: event.source ?? 'conversations_history' });
    } catch (err) {
      // The preview did not happen, so a later share of the same link may try again.
      await Promise.all(claimed.map((k) => deps.unfurlOnce.release(k)));
      reportError(deps.log, 'unfurl failed', err, { channel: event.channel, links: Object.keys(unfurls).length });
    }
  });
}
