/**
 * The search index as the running bot has it (content/ plus the feed articles in the store), for the commands that
 * match follows and filtered digests outside the bot: `poll`, `follows` and `digest`.
 */
import type { Config } from '../config.js';
import { restoreFeedArticles } from '../feed/poller.js';
import { FollowMatcher } from '../follow/match.js';
import { log } from '../log.js';
import { openSearchEngine } from '../search/open.js';
import type { Store } from '../store/types.js';

export async function openMatcher(
  config: Pick<Config, 'contentDir' | 'indexFile'>,
  store: Store,
): Promise<FollowMatcher> {
  const quiet = { info: () => undefined, warn: (m: string, f?: Record<string, unknown>) => log.warn(m, f) };
  const { engine } = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, log: quiet });
  await restoreFeedArticles(store, engine, log);
  return new FollowMatcher(engine);
}
