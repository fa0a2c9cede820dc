/**
 * What one poll of the feed may bring in, and from where. The real feed is about 2 MB: 50 whole articles of at most
 * a few hundred KB of HTML each. Everything here is far above that and far below what hurts a 512 MiB instance: a
 * hostile or broken feed is cut down (and logged) instead of taking the bot's memory or event loop.
 */

/** Hosts whose items are the blog (BLOG_HOSTS); an item linking anywhere else is not an article of ours. */
export const DEFAULT_BLOG_HOSTS: readonly string[] = ['kubernetes.io'];

/** Bytes of one feed document read from the network (FEED_MAX_BYTES); past it the poll fails without reading on. */
export const DEFAULT_FEED_MAX_BYTES = 20 * 1024 * 1024;

/** Items read from one feed document, in its order (newest first); the rest are left for no one. */
export const FEED_MAX_ITEMS = 200;

/** Characters of one item's HTML (its description) turned into text; the rest is cut before conversion. */
export const ITEM_MAX_HTML_CHARS = 1_000_000;

/** Characters of plain text one article keeps (its body, and the English original from comments); the rest is cut. */
export const ITEM_MAX_TEXT_CHARS = 200_000;

/** Characters of an item's title, and of each of its headings. */
export const ITEM_MAX_TITLE_CHARS = 500;

/** Headings one article keeps. */
export const ITEM_MAX_HEADINGS = 200;

/**
 * Heap of the worker that decodes and parses the feed: rss-parser reads the whole document as one string, and a
 * document past this fails the poll instead of the process.
 */
export const PARSE_WORKER_HEAP_MB = 256;
