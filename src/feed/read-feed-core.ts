/** What the feed worker does with a decoded document, and what it answers; shared by the worker and its caller. */
import type { Article } from '../archive/article.js';
import { capArticle, type Truncation } from './article-caps.js';
import { feedItemToArticle } from './feed-article.js';
import { type ParsedFeed, parseFeed } from './parse-feed.js';

export interface ReadFeedInput {
  bytes: Uint8Array;
  contentType?: string;
  /** Characters of XML text one element may keep before parsing (capLongElements). */
  maxElementChars: number;
}

export interface ReadItem {
  url: string;
  article: Article;
  /** Set when a cap cut this item's HTML or text. */
  truncation?: Truncation;
}

export interface ReadFeed {
  items: ReadItem[];
  skipped: ParsedFeed['skipped'];
  dropped: number;
  /** Characters of each element cut in the XML before parsing. */
  cutChars: number[];
}

export type WorkerAnswer = { ok: true; result: ReadFeed } | { ok: false; message: string; kind?: string };

/** Parses a feed document and turns each item into an article within the caps. */
export async function convertItems(xml: string, cutChars: number[] = []): Promise<ReadFeed> {
  const feed = await parseFeed(xml);
  const items = feed.items.map((item): ReadItem => {
    const { article, truncation } = capArticle(feedItemToArticle(item));
    const cut = item.htmlChars !== undefined || truncation?.textChars !== undefined;
    return {
      url: item.url,
      article,
      ...(cut ? { truncation: { ...truncation, ...(item.htmlChars ? { htmlChars: item.htmlChars } : {}) } } : {}),
    };
  });
  return { items, skipped: feed.skipped, dropped: feed.dropped, cutChars };
}
