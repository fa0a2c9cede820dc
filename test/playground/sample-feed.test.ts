import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { feedItemToArticle } from '../../src/feed/feed-article.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { rfc822, sampleFeedXml } from '../../src/playground/sample-feed/feed-xml.js';
import { SAMPLE_POSTS } from '../../src/playground/sample-feed/posts.js';
import { SampleFeed } from '../../src/playground/sample-feed/server.js';
import { POSTS_TSV, SAMPLE_FILE, sampleFileText, samplePostsFromTsv } from './make-sample-feed.js';

describe('playground sample feed', () => {
  it('ships the in_seed=no posts of the shared table, as generated (re-run make-sample-feed.ts if this fails)', () => {
    const expected = sampleFileText(samplePostsFromTsv(readFileSync(POSTS_TSV, 'utf8')));
    expect(readFileSync(SAMPLE_FILE, 'utf8')).to.equal(expected);
    expect(SAMPLE_POSTS.length).to.be.within(10, 50);
    expect(SAMPLE_POSTS[0].date >= '2026-01-01').to.equal(true);
    for (let i = 1; i < SAMPLE_POSTS.length; i++)
      expect(SAMPLE_POSTS[i - 1].date >= SAMPLE_POSTS[i].date).to.equal(true);
  });

  it('writes a Hugo-shaped feed that the bot reads back into articles with their authors', async () => {
    const posts = SAMPLE_POSTS.slice(0, 3);
    const xml = sampleFeedXml(posts, 'http://127.0.0.1/zh-cn/feed.xml');
    expect(xml).to.contain(`<pubDate>${rfc822(posts[0].date)}</pubDate>`);
    expect(rfc822('2023-12-19')).to.equal('Tue, 19 Dec 2023 00:00:00 +0000');
    const feed = await parseFeed(xml);
    expect(feed.items.map((i) => i.url)).to.deep.equal(posts.map((p) => p.url));
    const article = feedItemToArticle(feed.items[0]);
    expect(article.title).to.equal(posts[0].title);
    expect(article.date).to.equal(posts[0].date);
    expect(article.authors.length).to.be.greaterThan(0);
    expect(article.authors.join(' ')).to.contain('Arsh Sharma');
    expect(article.body).to.contain('k8sblog 离线示例 feed');
  });

  it('escapes titles so that a post cannot break the XML', async () => {
    const xml = sampleFeedXml(
      [
        {
          date: '2025-01-01',
          url: 'https://kubernetes.io/zh-cn/blog/2025/01/01/x/',
          title: 'A <b>&</b> "B"',
          authors: 'C & D',
        },
      ],
      'http://x/',
    );
    const feed = await parseFeed(xml);
    expect(feed.items[0].title).to.equal('A <b>&</b> "B"');
    expect(feed.items[0].html).to.contain('C &amp; D');
  });

  describe('server', () => {
    let feed: SampleFeed;
    beforeEach(async () => {
      feed = await SampleFeed.start({ held: 3 });
    });
    afterEach(() => feed.stop());

    it('holds the newest posts back and publishes them oldest first', async () => {
      expect(feed.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/zh-cn\/feed\.xml$/);
      expect(feed.held).to.equal(3);
      const before = await parseFeed(await (await fetch(feed.url)).text());
      expect(before.items).to.have.length(SAMPLE_POSTS.length - 3);
      expect(before.items[0].url).to.equal(SAMPLE_POSTS[3].url);

      const published = feed.publish(2);
      expect(published.map((p) => p.url)).to.deep.equal([SAMPLE_POSTS[2].url, SAMPLE_POSTS[1].url]);
      const after = await parseFeed(await (await fetch(feed.url)).text());
      expect(after.items[0].url).to.equal(SAMPLE_POSTS[1].url);
      expect(feed.publish(5).map((p) => p.url)).to.deep.equal([SAMPLE_POSTS[0].url]);
      expect(feed.publish(1)).to.deep.equal([]);
      expect(feed.held).to.equal(0);
    });

    it('answers a conditional GET with 304 until something is published', async () => {
      const first = await fetch(feed.url);
      const etag = first.headers.get('etag')!;
      expect(first.headers.get('content-type')).to.contain('application/rss+xml');
      const again = await fetch(feed.url, { headers: { 'if-none-match': etag } });
      expect(again.status).to.equal(304);
      feed.publish(1);
      const changed = await fetch(feed.url, { headers: { 'if-none-match': etag } });
      expect(changed.status).to.equal(200);
      expect((await fetch(new URL('/other', feed.url))).status).to.equal(404);
    });
  });
});
