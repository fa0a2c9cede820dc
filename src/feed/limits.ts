/**
 * What one poll of the feed may bring in, and from where. The real feed is about 2 MB: 50 whole articles of at most
 * a few hundred KB of HTML each. Everything here is far above that and far below what hurts a 512 MiB instance.
 */

/** Hosts whose items are the blog (BLOG_HOSTS); an item linking anywhere else is not an article of ours. */
export const DEFAULT_BLOG_HOSTS: readonly string[] = ['kubernetes.io'];
