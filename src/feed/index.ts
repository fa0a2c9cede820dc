export { pollFeed, restoreFeedArticles, FeedIndexSync } from './poller.js';
export type { LiveIndex, PollOptions, PollResult } from './poller.js';
export { fetchFeed, feedUserAgent, DEFAULT_FEED_TIMEOUT_MS } from './fetch-feed.js';
export { parseFeed } from './parse-feed.js';
export type { FeedItem, ParsedFeed } from './parse-feed.js';
export { feedItemToArticle } from './feed-article.js';
export { htmlToText } from './html-text.js';
export { FeedError } from './feed-error.js';
export { backoffMs, nextAttemptAt } from './backoff.js';
