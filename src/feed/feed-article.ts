import type { Article } from '../archive/article.js';
import { parseCreditLine } from '../archive/credits.js';
import { blogUrlAsWritten } from '../archive/url.js';
import { htmlToText } from './html-text.js';
import { ITEM_MAX_TEXT_CHARS } from './limits.js';
import type { FeedItem } from './parse-feed.js';

/** How many leading paragraphs may hold the credits ("作者：…", "译者：…"), as in the archive's own loader. */
const CREDIT_PARAGRAPHS = 4;

/**
 * A feed item as an Article like those of the archive: the same id (`<date>-<slug>`) and URL rules, so the same post
 * reached through the feed and through content/ is one article, and plain text from the item's HTML.
 */
export function feedItemToArticle(item: FeedItem): Article {
  const { date, slug } = dateAndSlug(item);
  // Past twice the text cap, converting more is wasted: capArticle cuts the body to ITEM_MAX_TEXT_CHARS and says so.
  const text = htmlToText(item.html, { maxTextChars: 2 * ITEM_MAX_TEXT_CHARS });
  const authors: string[] = [];
  const translators: string[] = [];
  const body: string[] = [];
  text.paragraphs.forEach((paragraph, i) => {
    // A credit paragraph may hold several lines ("作者：A<br>译者：B").
    if (i < CREDIT_PARAGRAPHS) {
      const lines = paragraph.split('\n');
      const credits = lines.map((line) => parseCreditLine(line));
      if (credits.some(Boolean)) {
        credits.forEach((c, j) => {
          if (!c) body.push(lines[j]);
          authors.push(...(c?.authors ?? []));
          translators.push(...(c?.translators ?? []));
        });
        return;
      }
    }
    body.push(paragraph);
  });
  const original = text.comments.trim();
  return {
    id: `${date}-${slug}`,
    title: item.title,
    date,
    // The link as the site serves it (a `url:` override keeps its case); item.url is only the matching key.
    url: blogUrlAsWritten(item.link) ?? item.url,
    slug,
    authors: unique(authors),
    translators: unique(translators),
    body: body.join('\n\n'),
    headings: text.headings,
    ...(original.length >= 40 ? { original } : {}),
    source: 'feed',
  };
}

/** The blog's permalinks carry the date and slug (`/blog/2024/08/13/kubernetes-v1-31-release/`); others use pubDate. */
function dateAndSlug(item: FeedItem): { date: string; slug: string } {
  const segments = new URL(item.url).pathname.split('/').filter(Boolean);
  const slug = segments[segments.length - 1] ?? 'post';
  const m = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\/$/.exec(item.url);
  if (m) return { date: `${m[1]}-${m[2]}-${m[3]}`, slug };
  const published = item.pubDate ? new Date(item.pubDate) : undefined;
  const date =
    published && !Number.isNaN(published.getTime())
      ? published.toISOString().slice(0, 10)
      : new Date().toISOString().slice(0, 10);
  return { date, slug };
}

function unique(names: string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}
