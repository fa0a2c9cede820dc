import Parser from 'rss-parser';
import { normaliseBlogUrl } from '../archive/url.js';
import { FeedError } from './feed-error.js';

/** One item of the feed, with its identity: the normalised permalink. */
export interface FeedItem {
  url: string;
  link: string;
  title: string;
  pubDate?: string;
  /** The item's description: the whole article as HTML, entities already unescaped once by the XML parser. */
  html: string;
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
  /** Items without a usable permalink, which cannot be tracked and so are left out (and logged). */
  skipped: Array<{ title?: string; reason: string }>;
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
  for (const raw of feed.items) {
    const title = typeof raw.title === 'string' ? raw.title.trim() : '';
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
    items.push({
      url,
      link,
      title: title || url,
      pubDate: typeof raw.pubDate === 'string' ? raw.pubDate.trim() : undefined,
      html: typeof raw.content === 'string' ? raw.content : '',
    });
  }
  return { title: feed.title, items, skipped };
}
