import { expect } from 'chai';
import { normaliseBlogUrl } from '../../src/archive/url.js';
import { feedItemToArticle } from '../../src/feed/feed-article.js';
import { parseFeed } from '../../src/feed/parse-feed.js';

describe('feed item URLs', () => {
  it('keep the case the site serves them under, and match any spelling', async () => {
    const link = 'https://kubernetes.io/zh-cn/blog/2015/04/Borg-Predecessor-To-Kubernetes/';
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Borg</title><link>${link}</link><pubDate>Thu, 23 Apr 2015 00:00:00 +0000</pubDate>
      <description>&lt;p&gt;text&lt;/p&gt;</description></item></channel></rss>`;
    const feed = await parseFeed(xml);
    const article = feedItemToArticle(feed.items[0]);
    expect(article.url).to.equal(link);
    expect(feed.items[0].url).to.equal(normaliseBlogUrl(link.toLowerCase()));
  });
});
