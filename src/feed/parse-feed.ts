import Parser from 'rss-parser';
import { normaliseBlogUrl } from '../archive/url.js';
import { cutText } from './article-caps.js';
import { FeedError } from './feed-error.js';
import { FEED_MAX_ITEMS, ITEM_MAX_HTML_CHARS, ITEM_MAX_TITLE_CHARS } from './limits.js';

/** One item of the feed, with its identity: the normalised permalink. */
export interface FeedItem {
  url: string;
  link: string;
  title: string;
  pubDate?: string;
  /** The item's description: the whole article as HTML, entities already unescaped once by the XML parser. */
  html: string;
  /** Characters of the description before it was cut to ITEM_MAX_HTML_CHARS, when it was. */
  htmlChars?: number;
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
  /** Items without a usable permalink, which cannot be tracked and so are left out (and logged). */
  skipped: Array<{ title?: string; reason: string }>;
  /** Items past FEED_MAX_ITEMS, left out. */
  dropped: number;
}

const parser = new Parser();

/** RSS 2.0 (or Atom / RSS 1.0) text to items; throws FeedError for anything that is not a feed. */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new FeedError(`not a readable RSS feed: ${reason}`, 'parse');
  }
  if (!feed || !Array.isArray(feed.items)) throw new FeedError('not a readable RSS feed: no items element', 'parse');

  const items: FeedItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const raw of feed.items) {
    // Skipped items count too: a feed of thousands of link-less items must not become thousands of log lines.
    if (items.length + skipped.length >= FEED_MAX_ITEMS) {
      dropped++;
      continue;
    }
    const title = typeof raw.title === 'string' ? cutText(raw.title.trim(), ITEM_MAX_TITLE_CHARS) : '';
    // Hugo writes the permalink as both link and guid; either will do when the other is missing.
    const link = [raw.link, raw.guid]
      .find((v): v is string => typeof v === 'string' && /^https?:\/\//i.test(v.trim()))
      ?.trim();
    const url = link ? normaliseBlogUrl(link) : undefined;
    if (!link || !url) {
      skipped.push({ title: title || undefined, reason: 'no http(s) permalink in link or guid' });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const html = typeof raw.content === 'string' ? raw.content : '';
    items.push({
      url,
      link,
      title: title || url,
      pubDate: typeof raw.pubDate === 'string' ? raw.pubDate.trim() : undefined,
      html: html.length > ITEM_MAX_HTML_CHARS ? cutHtml(html) : html,
      ...(html.length > ITEM_MAX_HTML_CHARS ? { htmlChars: html.length } : {}),
    });
  }
  return { title: feed.title, items, skipped, dropped };
}

/** The first ITEM_MAX_HTML_CHARS of a description, not ending inside a tag (the text converter would keep it). */
function cutHtml(html: string): string {
  const head = cutText(html, ITEM_MAX_HTML_CHARS);
  const lt = head.lastIndexOf('<');
  return lt >= 0 && head.indexOf('>', lt) < 0 ? head.slice(0, lt) : head;
}
