import { expect } from 'chai';
import { decodeFeed } from '../../src/feed/decode.js';
import { feedItemToArticle } from '../../src/feed/feed-article.js';
import { FeedError } from '../../src/feed/feed-error.js';
import { htmlToText } from '../../src/feed/html-text.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { buildFeedXml, loadPostRows } from '../support/feed-server.js';

describe('feed: HTML to text', () => {
  it('keeps every visible word, drops markup, decodes entities, and lists headings', () => {
    const html = [
      '<p><strong>作者</strong>：Jane Doe (Example)</p>',
      '<!-- The English original. -->',
      '<h2 id="x">为什么 &amp; 怎样</h2>',
      '<p>使用 <code>kubectl</code> 和 <a href="https://example.com/">文档</a> &lt;b&gt; &#34;q&#34; &#x4E2D;&nbsp;文 &unknown;</p>',
      '<pre><code>line 1\n  line &lt;2&gt;\n</code></pre>',
      '<script>alert("no")</script><style>p{}</style>',
      '<ul><li>一</li><li>二</li></ul>',
      '<p>a<br>b <img src="x.png" alt="图 1"></p>',
    ].join('\n');
    const out = htmlToText(html);
    expect(out.headings).to.deep.equal(['为什么 & 怎样']);
    expect(out.paragraphs).to.deep.equal([
      '作者：Jane Doe (Example)',
      '为什么 & 怎样',
      '使用 kubectl 和 文档 <b> "q" 中 文 &unknown;',
      'line 1\n  line <2>',
      '一',
      '二',
      'a\nb 图 1',
    ]);
    expect(out.comments).to.equal('The English original.');
    expect(out.paragraphs.join(' ')).to.not.match(/alert|p\{\}/);
  });
});

describe('feed: hostile HTML to text', () => {
  it('takes linear time on unclosed tags and CDATA openers (no regex backtracking)', () => {
    for (const [what, html] of [
      ['unclosed attribute quotes', '<a b="'.repeat(40_000)],
      ['unclosed tags', '<p x'.repeat(50_000)],
      ['CDATA openers', '<![CDATA['.repeat(25_000)],
    ]) {
      const started = performance.now();
      htmlToText(html);
      // ~200 KB each: well under 100 ms when linear; the regex tokenizer took tens of seconds.
      expect(performance.now() - started, what).to.be.below(3000);
    }
  });

  it('stops converting at maxTextChars, says so, and keeps entities outside the ~50 it used to know', () => {
    const out = htmlToText(`<p>${'文字'.repeat(100_000)}</p><p>after</p>`, { maxTextChars: 1000 });
    expect(out.truncated).to.equal(true);
    expect(out.paragraphs.join('').length).to.be.at.most(1000);
    expect(out.paragraphs.join('')).not.to.include('after');
    expect(htmlToText('<p>&alpha;&rightarrow;&check;&NotEqual;&unknown;</p>').paragraphs).to.deep.equal([
      'α→✓≠&unknown;',
    ]);
  });
});

describe('feed: items to articles', () => {
  it('reads a Hugo-shaped feed into articles with archive-style ids, URLs, authors and plain text', async () => {
    const rows = await loadPostRows();
    const newest = rows.filter((r) => !r.inSeed).slice(0, 3);
    const feed = await parseFeed(buildFeedXml(newest));
    expect(feed.items.map((i) => i.url)).to.deep.equal(newest.map((r) => r.url));
    const article = feedItemToArticle(feed.items[0]);
    expect(article).to.include({
      id: `${newest[0].date}-${newest[0].slug}`,
      date: newest[0].date,
      url: newest[0].url,
      title: newest[0].title,
      source: 'feed',
    });
    // The 作者 line becomes the authors and leaves the body.
    expect(article.authors.length).to.be.greaterThan(1);
    expect(article.authors[0]).to.equal('Arsh Sharma');
    expect(article.body).to.not.include('作者');
    expect(article.body).to.include('apiVersion: v1');
    expect(article.body).to.not.match(/<\/?(?:p|code|pre|a|h2|ul|li|strong)\b|&amp;|&lt;|&#34;/);
    expect(article.body).to.include('了解 <细节>').and.include('name: "demo"').and.include('使用方法 & 后续计划');
    expect(article.headings).to.deep.equal(['背景', '下一步']);
  });

  it('gives every spelling of a permalink one identity and skips items without one', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
      <item><title>A</title><link>http://Kubernetes.io/zh/blog/2024/08/13/Kubernetes-v1-31-release?x=1#y</link><description>&lt;p&gt;text text text&lt;/p&gt;</description></item>
      <item><title>A again</title><guid>https://kubernetes.io/zh-cn/blog/2024/08/13/kubernetes-v1-31-release/</guid></item>
      <item><title>no link</title><description>x</description></item>
    </channel></rss>`;
    const feed = await parseFeed(xml);
    expect(feed.items.map((i) => i.url)).to.deep.equal([
      'https://kubernetes.io/zh-cn/blog/2024/08/13/kubernetes-v1-31-release/',
    ]);
    expect(feed.skipped).to.deep.equal([{ title: 'no link', reason: 'no http(s) permalink in link or guid' }]);
    expect(feedItemToArticle(feed.items[0]).id).to.equal('2024-08-13-kubernetes-v1-31-release');
  });

  it('refuses what is not a feed', async () => {
    for (const text of [
      '<html><body>maintenance</body></html>',
      'not xml at all <<<',
      '<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut',
    ]) {
      const err = await parseFeed(text).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, text).to.be.instanceOf(FeedError);
      expect((err as FeedError).kind).to.equal('parse');
    }
  });
});

describe('feed: bytes to text', () => {
  it('decodes UTF-8 with or without a BOM and a declared GB18030, and refuses bytes that are not what they claim', () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><rss>中文</rss>';
    expect(decodeFeed(Buffer.from(xml))).to.equal(xml);
    expect(decodeFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]))).to.equal(xml);
    // 中文 in GB18030 is D6 D0 CE C4.
    const gb = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB18030"?><rss>'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('</rss>'),
    ]);
    expect(decodeFeed(gb)).to.include('<rss>中文</rss>');
    expect(() => decodeFeed(gb, 'application/rss+xml; charset=utf-8')).to.throw(
      FeedError,
      /not valid UTF-8 \(encoding from Content-Type\)/,
    );
    expect(() => decodeFeed(Buffer.from([0x3c, 0x72, 0xc3, 0x28, 0x3e]))).to.throw(FeedError, /not valid UTF-8/);
    expect(() => decodeFeed(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss/>'))).to.throw(
      FeedError,
      /unknown encoding/,
    );
  });
});
