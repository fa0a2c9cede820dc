import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { type Article, articleId } from './article.js';
import { type CreditRole, parseCreditLine, splitNames, stripEmphasis } from './credits.js';
import { markdownToText } from './markdown-text.js';
import { canonicalBlogUrl, normaliseBlogUrl } from './url.js';

export interface LoadProblem {
  path: string;
  reason: string;
}

export interface LoadedArchive {
  articles: Article[];
  problems: LoadProblem[];
}

/**
 * Loads every post under `dir`: our own archive (content/) or a Hugo blog tree such as content/zh-cn/blog/_posts/
 * of the Kubernetes website (flat files, year folders, page bundles). A file that cannot be read is reported with
 * its reason and the others still load. Articles come back newest first.
 */
export async function loadArchive(dir: string): Promise<LoadedArchive> {
  const files = await listPostFiles(dir);
  const articles: Article[] = [];
  const problems: LoadProblem[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const rel = path.relative(dir, file) || file;
    try {
      const article = parseArticle(await readFile(file, 'utf8'), file);
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
  articles.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));
  return { articles, problems };
}

async function listPostFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name) && !/^_index\./i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** One Markdown file with front matter to an Article; throws with a reader-friendly reason. */
export function parseArticle(source: string, file: string): Article {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's cache by content, which would hand back a stale result object.
    parsed = matter(source, {});
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`front matter is not valid YAML: ${reason}`);
  }
  const fm = (parsed.data ?? {}) as Record<string, unknown>;
  const title = typeof fm.title === 'string' || typeof fm.title === 'number' ? String(fm.title).trim() : '';
  if (!title) throw new Error('front matter has no title');
  const date = readDate(fm.date, rawFrontMatterValue(parsed.matter, 'date'));
  if (!date)
    throw new Error(
      `front matter date ${JSON.stringify(rawFrontMatterValue(parsed.matter, 'date') ?? fm.date ?? null)} cannot be read as a date`,
    );

  const slug = (typeof fm.slug === 'string' && fm.slug.trim()) || slugFromPath(file);
  const overridden = typeof fm.url === 'string' && fm.url.trim() ? urlFromFrontMatter(fm.url.trim()) : undefined;
  const url = overridden ?? canonicalBlogUrl(date, slug);

  const body = extractBodyCredits(parsed.content);
  const text = markdownToText(body.markdown);
  const authors = namesFrom(fm.authors ?? fm.author) ?? body.credits.authors;
  const translators = namesFrom(fm.translators ?? fm.translator) ?? body.credits.translators;
  const original = text.comments ? stripCommentedFrontMatter(text.comments) : '';

  return {
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
  const m = new RegExp(`^${key}\\s*:\\s*["']?([^"'\\n#]*)`, 'm').exec(frontMatter);
  return m ? m[1].trim() : undefined;
}

/** Hugo names a post after its file (`2023-12-19-name.md` → `name`) or, in a page bundle, after its folder. */
function slugFromPath(file: string): string {
  const base = path.basename(file).replace(/\.(md|markdown)$/i, '');
  const name = /^index$/i.test(base) ? path.basename(path.dirname(file)) : base;
  return name.replace(/^\d{4}-\d{2}-\d{2}-/, '');
}

function urlFromFrontMatter(value: string): string {
  const absolute = /^https?:\/\//i.test(value) ? value : `https://kubernetes.io/${value.replace(/^\/+/, '')}`;
  return normaliseBlogUrl(absolute) ?? absolute;
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

/** Credit lines at the top of a body ("**作者：** …") belong in the credits, not in the text. */
function extractBodyCredits(markdown: string): { markdown: string; credits: Record<CreditRole, string[]> } {
  const credits: Record<CreditRole, string[]> = { authors: [], translators: [] };
  const lines = markdown.split('\n');
  let inComment = false;
  let visible = 0;
  for (let i = 0; i < lines.length && visible < 4; i++) {
    const line = lines[i];
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      inComment = !line.includes('-->');
      continue;
    }
    if (!line.trim()) continue;
    visible++;
    const credit = parseCreditLine(line);
    if (!credit) continue;
    for (const role of ['authors', 'translators'] as const) credits[role].push(...(credit[role] ?? []));
    lines[i] = '';
  }
  return { markdown: lines.join('\n'), credits };
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
