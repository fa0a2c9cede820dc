/** One blog post as the bot knows it, whatever it was loaded from (content/, a Hugo tree, the feed). */
export interface Article {
  /** Stable key: `<yyyy-mm-dd>-<slug>`; unique across the archive. */
  id: string;
  title: string;
  /** Publication date, `YYYY-MM-DD`. */
  date: string;
  /** Canonical URL, `https://kubernetes.io/zh-cn/blog/<yyyy>/<mm>/<dd>/<slug>/`, lower-cased. */
  url: string;
  slug: string;
  authors: string[];
  translators: string[];
  /** Plain text, paragraphs separated by blank lines; no Markdown markup. */
  body: string;
  /** Section headings in order, plain text. */
  headings: string[];
  /** The English original that Hugo sources keep in HTML comments, when there is one. */
  original?: string;
  /** Where the article came from (a file path, or `feed`). */
  source?: string;
}

/** `<date>-<slug>`, lower-cased; a slug may hold a `/` (one old post's does), which an id and a file name cannot. */
export function articleId(date: string, slug: string): string {
  return `${date}-${slug.toLowerCase().replace(/[\\/\s]+/g, '-')}`;
}
