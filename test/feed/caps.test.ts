/** The per-item and per-feed caps: cut, not dropped, and still a well-formed feed after cutting. */
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import { capArticle } from '../../src/feed/article-caps.js';
import { capLongElements } from '../../src/feed/cap-xml.js';
import {
  FEED_MAX_ITEMS,
  ITEM_MAX_HEADINGS,
  ITEM_MAX_HTML_CHARS,
  ITEM_MAX_TEXT_CHARS,
  ITEM_MAX_TITLE_CHARS,
} from '../../src/feed/limits.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { convertItems } from '../../src/feed/read-feed-core.js';

const item = (n: number, description: string, title = `第 ${n} 篇`) =>
  `<item><title>${title}</title><link>https://kubernetes.io/zh-cn/blog/2026/08/01/post-${n}/</link><description>${description}</description></item>`;
const feed = (...items: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`;

describe('feed caps', () => {
  it('cuts an oversize escaped or CDATA description in the XML so that it still parses, and leaves others alone', async () => {
    const escaped = '&lt;p&gt;容器 &amp; Pod&lt;/p&gt;\n'.repeat(200_000);
    const cdata = `<![CDATA[${'<p>调度器 & 节点</p>\n'.repeat(200_000)}]]>`;
    const xml = feed(item(1, escaped), item(2, cdata), item(3, '&lt;p&gt;short&lt;/p&gt;'));
    const capped = capLongElements(xml, 1_000_001);
    expect(capped.cutChars).to.deep.equal([escaped.length, cdata.length]);
    const parsed = await parseFeed(capped.xml);
    expect(parsed.items.map((i) => i.url.slice(-7))).to.deep.equal(['ost-1/', 'ost-2/', 'ost-3/'].map((s) => `p${s}`));
    expect(parsed.items[0].html.length).to.be.within(ITEM_MAX_HTML_CHARS / 2, ITEM_MAX_HTML_CHARS);
    expect(parsed.items[1].html.length).to.be.within(ITEM_MAX_HTML_CHARS / 2, ITEM_MAX_HTML_CHARS);
    expect(parsed.items[2].html).to.equal('<p>short</p>');
  });

  it('keeps the first FEED_MAX_ITEMS items and says how many were left out', async () => {
    const items = Array.from({ length: FEED_MAX_ITEMS + 25 }, (_, i) => item(i, 'x'));
    const parsed = await parseFeed(feed(...items));
    expect(parsed.items).to.have.length(FEED_MAX_ITEMS);
    expect(parsed.dropped).to.equal(25);
    expect(parsed.items[0].url).to.match(/post-0\/$/);
  });

  it('cuts an item’s HTML, text and title to the caps and reports it, keeping the article', async () => {
    const html = `&lt;p&gt;${'很长的段落。'.repeat(300_000)}&lt;/p&gt;`;
    const result = await convertItems(feed(item(1, html, '标'.repeat(2000))));
    const [only] = result.items;
    expect(only.article.body.length).to.be.within(ITEM_MAX_TEXT_CHARS * 0.9, ITEM_MAX_TEXT_CHARS);
    expect(only.article.title.length).to.equal(ITEM_MAX_TITLE_CHARS);
    expect(only.truncation?.htmlChars).to.be.above(ITEM_MAX_HTML_CHARS);
    expect(only.truncation?.textChars).to.be.above(ITEM_MAX_TEXT_CHARS);
  });

  it('cuts what an older version stored at a paragraph break near the cap', () => {
    const paragraph = `${'文'.repeat(999)}\n\n`;
    const article: Article = {
      id: 'a',
      title: 't',
      date: '2026-08-01',
      url: 'https://kubernetes.io/zh-cn/blog/2026/08/01/a/',
      slug: 'a',
      authors: [],
      translators: [],
      body: paragraph.repeat(1000),
      headings: Array.from({ length: 1000 }, (_, i) => `h${i}`),
      source: 'feed',
    };
    const { article: capped, truncation } = capArticle(article);
    expect(capped.body.length).to.be.at.most(ITEM_MAX_TEXT_CHARS);
    expect(capped.body.endsWith('文')).to.equal(true);
    expect(capped.headings.length).to.equal(ITEM_MAX_HEADINGS);
    expect(truncation?.textChars).to.equal(article.body.length);
    expect(capArticle(capped).truncation, 'a capped article is within the caps').to.equal(undefined);
  });
});
