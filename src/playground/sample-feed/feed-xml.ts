/**
 * An RSS 2.0 feed shaped like the one Hugo writes for kubernetes.io/zh-cn/blog: newest first; each item with title,
 * link (the permalink), pubDate in RFC 822 with an offset, guid = the permalink, and the article as escaped HTML in
 * `description`. The sample posts carry no article text, so their description says so and links to the original.
 */
import type { SamplePost } from './posts.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/** `2024-08-13` → `Tue, 13 Aug 2024 00:00:00 +0000`, as Hugo writes it. */
export function rfc822(date: string): string {
  return new Date(`${date}T00:00:00Z`).toUTCString().replace('GMT', '+0000');
}

/** The HTML the item's description holds (escaped once more in the XML). */
export function sampleArticleHtml(post: SamplePost): string {
  const credits = post.authors.trim() ? `<p><strong>作者</strong>：${xml(post.authors.trim())}</p>\n` : '';
  return (
    credits +
    `<p>《${xml(post.title)}》发表于 ${post.date}。</p>\n` +
    `<p>这是 k8sblog 离线示例 feed 里的一篇真实文章：标题、日期、作者和链接来自 Kubernetes 中文博客，正文请阅读<a href="${xml(post.url)}">原文</a>。</p>`
  );
}

export function sampleFeedXml(posts: readonly SamplePost[], selfUrl: string): string {
  const items = posts
    .map(
      (p) => `    <item>
      <title>${xml(p.title)}</title>
      <link>${xml(p.url)}</link>
      <pubDate>${rfc822(p.date)}</pubDate>
      <guid>${xml(p.url)}</guid>
      <description>${xml(sampleArticleHtml(p))}</description>
    </item>`,
    )
    .join('\n');
  const built = posts[0] ? `\n    <lastBuildDate>${rfc822(posts[0].date)}</lastBuildDate>` : '';
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Kubernetes Blog on Kubernetes (k8sblog sample)</title>
    <link>https://kubernetes.io/zh-cn/blog/</link>
    <description>Recent content in Kubernetes Blog on Kubernetes</description>
    <generator>k8sblog playground</generator>
    <language>zh-cn</language>${built}
    <atom:link href="${xml(selfUrl)}" rel="self" type="application/rss+xml" />
${items}
  </channel>
</rss>
`;
}
