/** Real articles from content/ for the follow tests: the archive's engine, and a few articles held back as "new". */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Article } from '../../src/archive/article.js';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { DigestService } from '../../src/digest/service.js';
import { FollowMatcher } from '../../src/follow/match.js';
import { FollowService } from '../../src/follow/service.js';
import { SearchEngine } from '../../src/search/engine.js';
import { digestVerbs } from '../../src/slack/listeners/commands/digest-verbs.js';
import { followVerbs } from '../../src/slack/listeners/commands/follow-verbs.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { type Harness, startHarness } from '../slack/harness.js';

let cached: Promise<Article[]> | undefined;

export function contentArticles(): Promise<Article[]> {
  cached ??= loadArchive(path.join(PROJECT_ROOT, 'content')).then((r) => r.articles);
  return cached;
}

export async function byTitle(part: string): Promise<Article> {
  const found = (await contentArticles()).filter((a) => a.title.includes(part));
  if (found.length !== 1) throw new Error(`${found.length} articles of content/ have "${part}" in their title`);
  return found[0];
}

/** An engine over content/ without `held`: those arrive later, as a poll would bring them. */
export async function engineWithout(held: Article[]): Promise<SearchEngine> {
  const ids = new Set(held.map((a) => a.id));
  return SearchEngine.build((await contentArticles()).filter((a) => !ids.has(a.id)));
}

export const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export const VERB_TZ = 'Asia/Shanghai';

/** The Slack app over HTTP with every verb (search, digest and follow verbs) on content/ and a SQLite store of its own. */
export async function startVerbHarness(): Promise<{ h: Harness; store: Store; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-verbs-'));
  const store = await openStore({ dataDir: dir });
  const searcher = SearchEngine.build(await contentArticles());
  const matcher = new FollowMatcher(searcher);
  const follows = new FollowService({ store, matcher });
  const digest = new DigestService({
    store,
    config: { feedUrl: 'http://127.0.0.1:9/feed.xml', digestCron: '0 9 * * 1', digestTz: VERB_TZ },
    searcher,
    matcher,
  });
  const h = await startHarness(searcher, {
    verbs: [...digestVerbs(digest, VERB_TZ), ...followVerbs(follows)],
    follows,
  });
  return {
    h,
    store,
    async stop() {
      await h.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
