import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { UserError } from '../errors.js';
import { type Article, articleId } from './article.js';
import { extractBodyCredits, signOffAuthor } from './body-credits.js';
import { splitNames, stripEmphasis } from './credits.js';
import { splitHugoPage } from './hugo-page.js';
import { markdownToText } from './markdown-text.js';
import { canonicalBlogUrl, urlFromFrontMatter } from './url.js';
import { hugoUrlize } from './urlize.js';

export interface LoadProblem {
  path: string;
  reason: string;
}

export interface LoadedArchive {
  articles: Article[];
  problems: LoadProblem[];
  /** Posts the site does not publish (yet): drafts and posts dated after today. Not problems. */
  unpublished: LoadProblem[];
}

/** The whole tree could not be read: the caller keeps what it had and shows `message` (one line). */
/** A tree that cannot be loaded at all (missing, unreadable, no posts): a person fixes CONTENT_DIR or the tree. */
export class ArchiveLoadError extends UserError {
  override name = 'ArchiveLoadError';
}

export interface LoadOptions {
  /** Today, for telling published posts from future ones (default: the clock). */
  now?: Date;
}

/**
 * For a reload: the archive, or the one-line reason the tree cannot be used at all (missing or unreadable
 * directory, no posts in it, no post that loads). Never throws, so the caller can keep serving its old index.
 */
export async function readArchive(
  dir: string,
  options: LoadOptions = {},
): Promise<({ ok: true } & LoadedArchive) | { ok: false; error: string }> {
  try {
    return { ok: true, ...(await loadArchive(dir, options)) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Loads every post under `dir`: our own archive (content/) or a Hugo blog tree such as content/zh-cn/blog/_posts/
 * of the Kubernetes website (flat files, year folders, page bundles). A file that cannot be read is reported with
 * its reason and the others still load. Articles come back newest first. Throws ArchiveLoadError when the tree as a
 * whole cannot be used: an empty archive would otherwise replace a good index with nothing.
 */
export async function loadArchive(dir: string, options: LoadOptions = {}): Promise<LoadedArchive> {
  const files = await listPostFiles(dir);
  if (!files.length) throw new ArchiveLoadError(`${dir} holds no Markdown posts; point CONTENT_DIR at a blog tree`);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const articles: Article[] = [];
  const problems: LoadProblem[] = [];
  const unpublished: LoadProblem[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const rel = path.relative(dir, file) || file;
    try {
      const { article, draft } = parsePost(await readFile(file, 'utf8'), file);
      // Hugo leaves drafts and future posts out of a production build (buildDrafts and buildFuture are off).
      if (draft || article.date > today) {
        unpublished.push({ path: rel, reason: draft ? 'draft: true' : `dated ${article.date}, after today` });
        continue;
      }
      const clash = byId.get(article.id);
      if (clash) {
        problems.push({ path: rel, reason: `same date and slug as ${clash} (id ${article.id})` });
        continue;
      }
      byId.set(article.id, rel);
      articles.push(article);
    } catch (err) {
      problems.push({ path: rel, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  if (!articles.length && problems.length)
    throw new ArchiveLoadError(
      `none of the ${problems.length} posts in ${dir} loads (first: ${problems[0].path}: ${problems[0].reason})`,
    );
  articles.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));
  return { articles, problems, unpublished };
}

/**
 * Every page file under `dir`. In a page bundle (a folder with index.md, whatever the folder is called, even
 * `devicemanager-ga.md/`) the other Markdown files are the bundle's resources, not pages; `_index.md` is a section.
 */
async function listPostFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is not a directory'
          : `cannot be read (${code ?? String(err)})`;
    throw new ArchiveLoadError(`content directory ${dir} ${why}; check CONTENT_DIR`);
  }
  const pages = entries.filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name) && !/^_index\./i.test(e.name));
  const bundles = new Set(pages.filter((e) => /^index\./i.test(e.name)).map((e) => e.parentPath));
  return pages
    .filter((e) => /^index\./i.test(e.name) || !insideBundle(e.parentPath, bundles))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function insideBundle(folder: string, bundles: Set<string>): boolean {
  for (let f = folder; ; f = path.dirname(f)) {
    if (bundles.has(f)) return true;
    if (path.dirname(f) === f) return false;
  }
}

/** One Markdown file with front matter to an Article; throws with a reader-friendly reason. */
export function parseArticle(source: string, file: string): Article {
  return parsePost(source, file).article;
}

function parsePost(source: string, file: string): { article: Article; draft: boolean } {
  const page = splitHugoPage(source);
  const fm = readFrontMatter(page.frontMatter);
  const rawDate = page.frontMatter
    .map((yaml) => rawFrontMatterValue(yaml, 'date'))
    .filter((v) => v !== undefined)
    .at(-1);
  const title = typeof fm.title === 'string' || typeof fm.title === 'number' ? String(fm.title).trim() : '';
  if (!title) throw new Error('front matter has no title');
  const fromName = dateAndSlugFromFileName(file);
  const date = fm.date === undefined && !rawDate ? fromName?.date : readDate(fm.date, rawDate);
  if (!date)
    throw new Error(`front matter date ${JSON.stringify(rawDate ?? fm.date ?? null)} cannot be read as a date`);

  // Hugo's `:slug` is the front matter's slug, else the title (urlize makes either a path segment); the file name
  // gives a slug only when it also gave the date (the site's `[frontmatter] date = ["date", ":filename", …]`).
  const written = typeof fm.slug === 'string' || typeof fm.slug === 'number' ? String(fm.slug).trim() : '';
  const slug = written || (fm.date === undefined && !rawDate && fromName?.slug) || hugoUrlize(title);
  const overridden = typeof fm.url === 'string' && fm.url.trim() ? urlFromFrontMatter(fm.url) : undefined;
  const url = overridden ?? canonicalBlogUrl(date, slug);

  const body = extractBodyCredits(page.content);
  const text = markdownToText(body.markdown);
  const signedBy = signOffAuthor(body.markdown);
  const authors =
    namesFrom(fm.authors ?? fm.author) ??
    (body.credits.authors.length ? body.credits.authors : signedBy ? [signedBy] : []);
  const translators = namesFrom(fm.translators ?? fm.translator) ?? body.credits.translators;
  const original = [commentedTitle(page.frontMatter), text.comments ? stripCommentedFrontMatter(text.comments) : '']
    .filter(Boolean)
    .join('\n\n');

  const article: Article = {
    id: articleId(date, slug),
    title,
    date,
    url,
    slug,
    authors,
    translators,
    body: text.text,
    headings: text.headings,
    ...(original ? { original } : {}),
    source: file,
  };
  return { article, draft: fm.draft === true || fm.draft === 'true' };
}

/**
 * The front matter blocks merged, later keys winning, with keys lower-cased as Hugo reads them (`Author:` is
 * `author:`; gohugoio/hugo lower-cases page params, common/maps `PrepareParams`).
 */
function readFrontMatter(blocks: string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const yaml of blocks) {
    let data: Record<string, unknown>;
    try {
      // Passing options turns off gray-matter's cache by content, which would hand back a stale result object.
      data = (matter(`---\n${yaml}---\n`, {}).data ?? {}) as Record<string, unknown>;
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`front matter is not valid YAML: ${reason}`);
    }
    const exact = new Set(Object.keys(data).filter((k) => k === k.toLowerCase()));
    const seen = new Set<string>();
    for (const [key, value] of Object.entries(data)) {
      const lower = key.toLowerCase();
      if (key !== lower && (exact.has(lower) || seen.has(lower))) continue;
      seen.add(lower);
      merged[lower] = value;
    }
  }
  return merged;
}

/** The English title of a translated post whose original front matter sits in a comment above its own. */
function commentedTitle(blocks: string[]): string {
  if (blocks.length < 2) return '';
  const m = /^title\s*:\s*(.*)$/im.exec(blocks[0]);
  return m
    ? m[1]
        .trim()
        .replace(/^["']|["']$/g, '')
        .trim()
    : '';
}

/** Hugo's `:filename` date: a name that starts `YYYY-MM-DD` gives the date, and the rest of it the slug. */
function dateAndSlugFromFileName(file: string): { date: string; slug: string } | undefined {
  const base = path.basename(file).replace(/\.(md|markdown)$/i, '');
  const name = /^index$/i.test(base) ? path.basename(path.dirname(file)).replace(/\.(md|markdown)$/i, '') : base;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(name);
  const date = m && validDate(+m[1], +m[2], +m[3]);
  if (!date) return undefined;
  return { date, slug: name.slice(10).replace(/^[\s_-]+|[\s_-]+$/g, '') };
}

/**
 * The date as written, not as YAML's timestamp type turns it into a UTC instant: `2023-12-19T20:00:00-08:00` is
 * published on the 19th (Hugo builds the URL from that), though in UTC it is already the 20th.
 */
function readDate(value: unknown, raw: string | undefined): string | undefined {
  const written = raw && /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)/.exec(raw);
  if (written) return validDate(+written[1], +written[2], +written[3]);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

function validDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

function rawFrontMatterValue(frontMatter: string, key: string): string | undefined {
  const m = new RegExp(`^${key}\\s*:\\s*["']?([^"'\\n#]*)`, 'im').exec(frontMatter);
  return m ? m[1].trim() : undefined;
}

/** `author:` may be a list, or a Markdown string folded over lines: "[A](…) (X), [B](…)". */
function namesFrom(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const names = value.flatMap((v) => (typeof v === 'string' ? splitNames(stripEmphasis(v)) : []));
    return names.length ? names : undefined;
  }
  if (typeof value === 'string' && value.trim()) {
    const names = splitNames(stripEmphasis(value.replace(/\s*\n\s*/g, ' ')));
    return names.length ? names : undefined;
  }
  return undefined;
}

/** The commented copy of the English front matter keeps its title as text; the other keys are noise. */
function stripCommentedFrontMatter(text: string): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const kv = /^(\w+)\s*:\s*(.*)$/.exec(line);
      if (!kv || line.length > 200) return [line];
      if (kv[1] === 'title') return [kv[2].replace(/^["']|["']$/g, '')];
      return /^(layout|date|slug|url|author|authors|translator|reviewer|draft|canonicalUrl|evergreen|aliases|math)$/i.test(
        kv[1],
      )
        ? []
        : [line];
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
