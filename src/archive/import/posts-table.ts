import { readFile } from 'node:fs/promises';

/** One row of the posts table (zh-cn-blog-posts.tsv): the facts the print view lacks. */
export interface PostRow {
  date: string;
  slug: string;
  url: string;
  title: string;
  author: string;
  inSeed: boolean;
  /** 1-based line of the title in the print text; undefined when the post is not in it. */
  seedLine?: number;
}

const REQUIRED = ['date', 'slug', 'url', 'title', 'author', 'in_seed', 'seed_line'] as const;

export function parsePostsTable(text: string): PostRow[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  const col = Object.fromEntries(REQUIRED.map((name) => [name, header.indexOf(name)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const missing = REQUIRED.filter((name) => col[name] < 0);
  if (missing.length) throw new Error(`posts table: missing column(s) ${missing.join(', ')}`);
  return lines.map((line, i) => {
    const cells = line.split('\t');
    const cell = (name: (typeof REQUIRED)[number]) => (cells[col[name]] ?? '').trim();
    const date = cell('date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`posts table line ${i + 2}: bad date "${date}"`);
    const seedLine = cell('seed_line') ? Number(cell('seed_line')) : undefined;
    return {
      date,
      slug: cell('slug'),
      url: cell('url'),
      title: cell('title'),
      author: cell('author'),
      inSeed: cell('in_seed') === 'yes',
      seedLine: Number.isInteger(seedLine) ? seedLine : undefined,
    };
  });
}

export async function readPostsTable(file: string): Promise<PostRow[]> {
  return parsePostsTable(await readFile(file, 'utf8'));
}
