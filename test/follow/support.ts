/** Real articles from content/ for the follow tests: the archive's engine, and a few articles held back as "new". */
import path from 'node:path';
import type { Article } from '../../src/archive/article.js';
import { loadArchive } from '../../src/archive/load.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { SearchEngine } from '../../src/search/engine.js';

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
