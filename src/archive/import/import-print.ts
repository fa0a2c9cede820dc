import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { articleId } from '../article.js';
import { splitNames } from '../credits.js';
import { readPostsTable } from './posts-table.js';
import { splitPrintText } from './print-splitter.js';
import { printToMarkdown } from './print-to-markdown.js';
import { renderArchiveFile } from './write-markdown.js';

export interface ImportSummary {
  written: number;
  unchanged: number;
  removed: number;
  files: string[];
}

/** Where an article of the archive lives: content/<yyyy>/<yyyy-mm-dd>-<slug>.md */
export function archivePath(outDir: string, date: string, slug: string): string {
  return path.join(outDir, date.slice(0, 4), `${articleId(date, slug)}.md`);
}

/**
 * Builds content/ from the print view and the posts table. Files are rewritten only when their bytes change, and
 * files of a previous import that no longer correspond to a post are removed, so the tree always equals one import.
 */
export async function importPrintView(opts: {
  printFile: string;
  postsFile: string;
  outDir: string;
}): Promise<ImportSummary> {
  const [printText, posts] = await Promise.all([readFile(opts.printFile, 'utf8'), readPostsTable(opts.postsFile)]);
  const chunks = splitPrintText(printText, posts);
  const summary: ImportSummary = { written: 0, unchanged: 0, removed: 0, files: [] };
  const wanted = new Set<string>();
  for (const chunk of chunks) {
    const { post } = chunk;
    const body = printToMarkdown(chunk.lines);
    if (!body.markdown.trim()) throw new Error(`post ${post.slug}: the print text holds no body for it`);
    // The table's author comes from the post's own front matter, which is kinder to names than the print view
    // (it lost the separators between linked names); the print view is the only source of translators.
    const authors = post.author ? splitNames(post.author) : body.credits.authors;
    const file = archivePath(opts.outDir, post.date, post.slug);
    wanted.add(path.resolve(file));
    const text = renderArchiveFile(
      {
        title: post.title,
        date: post.date,
        slug: post.slug,
        url: post.url,
        authors,
        translators: body.credits.translators,
      },
      body.markdown,
    );
    await mkdir(path.dirname(file), { recursive: true });
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before === text) summary.unchanged++;
    else {
      await writeFile(file, text);
      summary.written++;
    }
    summary.files.push(file);
  }
  for (const stale of await listMarkdown(opts.outDir)) {
    if (!wanted.has(path.resolve(stale))) {
      await rm(stale);
      summary.removed++;
    }
  }
  return summary;
}

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => path.join(e.parentPath, e.name));
}
