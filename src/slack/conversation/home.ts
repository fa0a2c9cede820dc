/** Publishing one user's Home tab (views.publish), with or without a search in it. */
import type { webApi } from '@slack/bolt';
import { homeView } from '../blocks/home.js';
import type { Lang } from '../i18n/catalogue.js';
import { PAGE_SIZE } from '../paging.js';
import type { SlackDeps } from '../types.js';

const NEWEST = 5;

export async function publishHome(
  client: webApi.WebClient,
  deps: SlackDeps,
  who: { user: string; team: string; lang: Lang },
  query?: string,
): Promise<void> {
  const subscriptions = deps.home
    ? await deps.home.subscriptions(who.team).catch((err: unknown) => {
        deps.log.warn('Home tab: subscriptions unavailable', {
          error: err instanceof Error ? err.message : String(err),
        });
        return undefined;
      })
    : undefined;
  const follows = deps.home?.follows
    ? await deps.home.follows(who.team, who.user).catch((err: unknown) => {
        deps.log.warn('Home tab: follows unavailable', { error: err instanceof Error ? err.message : String(err) });
        return undefined;
      })
    : undefined;
  const result = query ? deps.searcher.search(query, { limit: PAGE_SIZE, offset: 0 }) : undefined;
  const view = homeView(
    {
      newest: deps.searcher.latest(NEWEST),
      query,
      result,
      subscriptions,
      follows,
      command: deps.command,
      // Slack renders <!date> in the reader's own zone and language.
      when: (d) => `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time}|${d.toISOString()}>`,
    },
    who.lang,
  );
  await client.views.publish({ user_id: who.user, view });
}
