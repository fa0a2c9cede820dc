import type { PostRow } from './posts-table.js';

/** The lines of one article as the print view shows them, its title line excluded. */
export interface PrintChunk {
  post: PostRow;
  titleLine: string;
  lines: string[];
}

/**
 * Cuts the print text at the title lines the posts table names. An article ends where the next one's title
 * starts, so a short line that merely looks like a title never cuts an article in two.
 */
export function splitPrintText(printText: string, posts: PostRow[]): PrintChunk[] {
  const lines = printText.replace(/\r\n?/g, '\n').split('\n');
  const inSeed = posts.filter((p) => p.inSeed && p.seedLine !== undefined).sort((a, b) => a.seedLine! - b.seedLine!);
  const seen = new Set<number>();
  for (const post of inSeed) {
    const at = post.seedLine!;
    if (at < 1 || at > lines.length)
      throw new Error(`post ${post.slug}: seed_line ${at} is outside the print text (${lines.length} lines)`);
    if (seen.has(at)) throw new Error(`post ${post.slug}: seed_line ${at} is claimed by another post`);
    seen.add(at);
    if (!lines[at - 1].trim()) throw new Error(`post ${post.slug}: seed_line ${at} is an empty line`);
  }
  return inSeed.map((post, i) => {
    const start = post.seedLine!;
    const end = i + 1 < inSeed.length ? inSeed[i + 1].seedLine! - 1 : lines.length;
    return { post, titleLine: lines[start - 1].trim(), lines: lines.slice(start, end) };
  });
}
