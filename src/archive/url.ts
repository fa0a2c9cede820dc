import { hugoUrlize } from './urlize.js';

/**
 * One identity for a blog post URL, whatever spelling reached us: the feed, a pasted link, the archive. A matching
 * key, never a link to show: the path is lower-cased so that `…/Borg-Predecessor-To-Kubernetes/` and a lower-cased
 * paste find the same post. Returns undefined for anything that is not an http(s) URL.
 */
export function normaliseBlogUrl(raw: string): string | undefined {
  const url = blogUrlAsWritten(raw);
  if (url === undefined) return undefined;
  const at = url.indexOf('/', 'https://'.length);
  return url.slice(0, at) + url.slice(at).toLowerCase();
}

/**
 * A blog URL cleaned up but spelled as its source wrote it: https, host lower-cased without `www.`, the old `/zh/`
 * prefix read as `/zh-cn/`, the path decoded with one trailing slash, no query, no fragment. The path keeps its case
 * because the site serves a `url:` override (`/zh-cn/blog/2015/04/Borg-Predecessor-To-Kubernetes/`) only under the
 * spelling its front matter gives (Hugo does not sanitize `url:`, see gohugo.io/content-management/urls).
 */
export function blogUrlAsWritten(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  let path = decodeSafely(url.pathname).replace(/\/{2,}/g, '/');
  path = path.replace(/^\/zh\//i, '/zh-cn/');
  if (!path.endsWith('/')) path += '/';
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return `https://${host}${path}`;
}

/**
 * The URL Hugo gives a post of the zh-cn blog without a `url:` override: `/:section/:year/:month/:day/:slug/` with
 * the slug through Hugo's urlize (see urlize.ts), under the language's prefix.
 */
export function canonicalBlogUrl(date: string, slug: string): string {
  const [y, m, d] = date.split('-');
  return `https://kubernetes.io/zh-cn/blog/${y}/${m}/${d}/${hugoUrlize(slug)}/`;
}

/**
 * A `url:` from front matter as a full URL. Hugo reads a value without a leading slash as relative to the page's
 * language (`blog/…` → `/zh-cn/blog/…`) and one with a leading slash as relative to the site root.
 */
export function urlFromFrontMatter(value: string): string {
  const trimmed = value.trim();
  if (/^https?:\/\//i.test(trimmed)) return blogUrlAsWritten(trimmed) ?? trimmed;
  const rooted = trimmed.startsWith('/') ? trimmed : `/zh-cn/${trimmed}`;
  const absolute = `https://kubernetes.io${rooted}`;
  return blogUrlAsWritten(absolute) ?? absolute;
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
