/**
 * Writes src/playground/sample-feed/posts.json: the real posts that are newer than (or missing from) the archive —
 * the `in_seed=no` rows of seed/zh-cn-blog-posts.tsv — so that `npm start -- --sample-feed` can show a digest
 * offline without the bot reading seed/ at run time. The file is committed; re-run this after the table changes:
 *
 *   npx tsx test/playground/make-sample-feed.ts
 *
 * sample-feed.test.ts fails when the committed file and the table disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePostsTable } from '../../src/archive/import/posts-table.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { SamplePost } from '../../src/playground/sample-feed/posts.js';

export const POSTS_TSV = path.join(PROJECT_ROOT, 'seed', 'zh-cn-blog-posts.tsv');
export const SAMPLE_FILE = path.join(PROJECT_ROOT, 'src', 'playground', 'sample-feed', 'posts.json');
/** The real feed holds the 50 newest posts; the sample holds no more. */
const MAX_POSTS = 50;

export function samplePostsFromTsv(tsv: string): SamplePost[] {
  return parsePostsTable(tsv)
    .filter((row) => !row.inSeed)
    .map((row) => ({ date: row.date, url: row.url, title: row.title, authors: row.author }))
    .sort((a, b) => b.date.localeCompare(a.date) || a.url.localeCompare(b.url))
    .slice(0, MAX_POSTS);
}

export function sampleFileText(posts: SamplePost[]): string {
  return `${JSON.stringify(posts, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const posts = samplePostsFromTsv(readFileSync(POSTS_TSV, 'utf8'));
  writeFileSync(SAMPLE_FILE, sampleFileText(posts));
  console.log(
    `wrote ${posts.length} posts (${posts[posts.length - 1]?.date} … ${posts[0]?.date}) to ${path.relative(process.cwd(), SAMPLE_FILE)}`,
  );
}
