/** What the playground tests share: a playground on a free loopback port, over the real search engine and content/. */
import { readConfig } from '../../src/config.js';
import { type Playground, type PlaygroundOptions, startPlayground } from '../../src/playground/index.js';
import type { PageEntry, Timeline } from '../../src/playground/timeline.js';
import { buildFromContent } from '../../src/search/open.js';
import type { Searcher } from '../../src/search/types.js';
import { memoryLog } from '../slack/harness.js';

export { memoryLog };

/**
 * A playground as `npm start` runs it without credentials, on 127.0.0.1 and a free port, with the sample feed
 * unless told otherwise. Its own searcher (the archive plus what the feed adds), so tests do not share feed articles.
 */
export async function startTestPlayground(
  overrides: Partial<PlaygroundOptions> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<{ playground: Playground; searcher: Searcher; log: ReturnType<typeof memoryLog>; banner: string[] }> {
  const config = readConfig({ PORT: '0', LOG_LEVEL: 'warn', ...env });
  const { engine: searcher } = await buildFromContent(config.contentDir);
  const log = memoryLog();
  const banner: string[] = [];
  const playground = await startPlayground({
    config,
    searcher,
    version: '0.0.0-test',
    sampleFeed: true,
    log,
    print: (line) => banner.push(line),
    ...overrides,
  });
  return { playground, searcher, log, banner };
}

/** The first entry of the channel that satisfies `match`, now or after later changes; rejects with what was there. */
export function waitForEntry(
  timeline: Timeline,
  match: (e: PageEntry) => boolean,
  timeoutMs = 5000,
): Promise<PageEntry> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = timeline.list().find(match);
      if (!found) return false;
      clearTimeout(timer);
      timeline.off('change', onChange);
      resolve(found);
      return true;
    };
    const onChange = (): void => void check();
    const timer = setTimeout(() => {
      timeline.off('change', onChange);
      const seen = timeline.list().map((e) => `${e.kind}: ${e.html.replace(/<[^>]+>/g, ' ').slice(0, 120)}`);
      reject(new Error(`no matching entry within ${timeoutMs} ms; the channel holds:\n  ${seen.join('\n  ')}`));
    }, timeoutMs);
    if (!check()) timeline.on('change', onChange);
  });
}
