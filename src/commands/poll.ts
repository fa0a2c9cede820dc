/** `k8sblog poll`: reads the feed once now (backoff ignored) and stores what is new; prints what happened. */
import type { Article } from '../archive/article.js';
import { loadArchive } from '../archive/load.js';
import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';
import { makeInstanceId } from '../digest/schedule.js';
import { pollUnderLock } from '../feed/locked-poll.js';
import type { LiveIndex } from '../feed/poller.js';
import { log, setLogLevel } from '../log.js';
import { redactUrl } from '../redact.js';
import { openStore } from '../store/open-store.js';

const USAGE = 'usage: k8sblog poll [--json] [--feed-url URL]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('poll', USAGE, {
    args,
    options: { json: { type: 'boolean', default: false }, 'feed-url': { type: 'string' } },
  });
  const config = readConfig(process.env, { webApiOnly: true });
  setLogLevel(config.logLevel);
  const feedUrl = values['feed-url'] ?? config.feedUrl;
  const store = await openStore(config);
  try {
    const index = await archiveIndex(config.contentDir);
    const result = await pollUnderLock({
      store,
      feedUrl,
      blogHosts: config.blogHosts,
      maxBytes: config.feedMaxBytes,
      index,
      force: true,
      log,
      instanceId: makeInstanceId(),
    });
    if (result.status === 'busy') {
      console.error('poll: another instance is polling the feed right now; try again in a moment');
      return 1;
    }
    // The feed URL may carry credentials (user info, an access token): printed redacted like everywhere else.
    const shown = redactUrl(feedUrl);
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      switch (result.status) {
        case 'baseline':
          console.log(
            `first poll of ${shown}: ${result.items} items marked as seen (none will be announced); ${result.stored.length} stored for search`,
          );
          break;
        case 'updated':
          console.log(`${shown}: ${result.items} items, ${result.announced.length} new`);
          for (const a of result.announced)
            console.log(`  new: ${a.article.date}  ${a.article.title}  ${a.article.url}`);
          break;
        case 'not-modified':
          console.log(`${shown}: not modified since the last poll`);
          break;
        case 'failed':
          console.error(`${shown}: poll failed (${result.consecutiveFailures} in a row): ${result.reason}`);
          break;
        case 'backing-off':
          break;
      }
    }
    return result.status === 'failed' ? 1 : 0;
  } finally {
    await store.close();
  }
}

/**
 * The archive's URLs, so that a feed item already in content/ is not taken for new. New articles are stored; the
 * running bot adds them to its search index at its next poll.
 */
export async function archiveIndex(contentDir: string): Promise<LiveIndex | undefined> {
  try {
    const { articles } = await loadArchive(contentDir);
    const byUrl = new Map<string, Article>(articles.map((a) => [a.url, a]));
    return { byUrl: (url) => byUrl.get(url), add: () => undefined };
  } catch (err) {
    log.warn('poll: content/ could not be read; items are checked against the store only', {
      contentDir,
      error: String(err),
    });
    return undefined;
  }
}
