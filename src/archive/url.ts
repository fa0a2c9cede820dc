/**
 * One identity for a blog post URL, whatever spelling reached us: the feed, a pasted link, the archive.
 * https, host lower-cased, the old `/zh/` prefix read as `/zh-cn/`, path lower-cased with one trailing slash,
 * no query, no fragment. Returns undefined for anything that is not an http(s) URL.
 */
export function normaliseBlogUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  let path = decodeSafely(url.pathname)
    .toLowerCase()
    .replace(/\/{2,}/g, '/');
  path = path.replace(/^\/zh\//, '/zh-cn/');
  if (!path.endsWith('/')) path += '/';
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return `https://${host}${path}`;
}

/** The canonical URL Hugo gives a post of the zh-cn blog. */
export function canonicalBlogUrl(date: string, slug: string): string {
  const [y, m, d] = date.split('-');
  return `https://kubernetes.io/zh-cn/blog/${y}/${m}/${d}/${slug.toLowerCase()}/`;
}

/** True for a link into the Chinese blog of kubernetes.io (old `/zh/` prefix included). */
export function isBlogUrl(raw: string): boolean {
  const url = normaliseBlogUrl(raw);
  return url !== undefined && /^https:\/\/kubernetes\.io\/zh-cn\/blog\/\d{4}\/\d{2}\/(?:\d{2}\/)?.+\/$/.test(url);
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
