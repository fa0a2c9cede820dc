/**
 * A stand-in for kubernetes.io/zh-cn/feed.xml on 127.0.0.1: RSS 2.0 shaped like Hugo's (the newest 50 posts, each
 * with title, permalink link and guid, an RFC 822 pubDate and the whole article as escaped HTML in description),
 * built from the real post list in seed/zh-cn-blog-posts.tsv. It answers conditional GETs like a static
 * host (ETag, Last-Modified, 304) and can be told to fail: HTTP 500, no answer, garbage, non-UTF-8 bytes.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type PostRow, readPostsTable } from '../../src/archive/import/posts-table.js';
import { PROJECT_ROOT } from '../../src/config.js';

export const POSTS_TSV = path.join(PROJECT_ROOT, 'seed', 'zh-cn-blog-posts.tsv');

/** The rows of the real post list, newest first. `inSeed: false` rows from 2024 on are posts newer than the archive. */
export function loadPostRows(): Promise<PostRow[]> {
  return readPostsTable(POSTS_TSV);
}

export type FeedMode =
  | 'ok'
  /** HTTP 500 with an HTML error page. */
  | 'error-500'
  /** HTTP 404, as when the feed moved. */
  | 'error-404'
  /** Accepts the connection and never answers. */
  | 'hang'
  /** 200 with bytes that are not XML at all. */
  | 'garbage'
  /** 200 with an HTML page where the feed should be. */
  | 'html'
  /** The feed encoded as GB18030 but labelled (by default) as UTF-8: bytes that are not valid UTF-8. */
  | 'not-utf8'
  /** The feed encoded as GB18030 and correctly declared so. */
  | 'gb18030-declared';

export interface ServeOptions {
  /** Item order: newest first like Hugo, or shuffled (a feed that reorders must not cause reposts). */
  order?: 'newest-first' | 'reversed';
  /** Shifts every pubDate (a feed that changes dates must not cause reposts). */
  pubDateShiftHours?: number;
  /** Writes permalinks the way an older or careless feed might: http, /zh/, no trailing slash, upper case. */
  linkSpelling?: 'canonical' | 'variant';
  /** How many of the newest posts the feed holds; Hugo's default is 50... of what it is given. */
  limit?: number;
  /** Gives the newest post a description of about this many bytes of HTML (a hostile or broken feed). */
  hugeDescriptionBytes?: number;
}

export interface FeedRequest {
  at: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

export class FeedServer {
  readonly requests: FeedRequest[] = [];
  mode: FeedMode = 'ok';
  /** Whether to send validators (ETag, Last-Modified) and honour conditional requests. */
  conditional = true;
  /** Send the feed without Content-Length (chunked), so a reader only learns its size by reading. */
  chunked = false;
  /** Paths answered with a 302 to the given Location (absolute, or a path on this server). */
  readonly redirects = new Map<string, string>();
  private posts: PostRow[] = [];
  private document?: string;
  private body?: { xml: string; body: Buffer; etag: string };
  private serve: ServeOptions = {};
  private server?: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  private origin_ = '';

  static async start(): Promise<FeedServer> {
    const fs = new FeedServer();
    await fs.listen();
    return fs;
  }

  /** The feed's URL, the value for FEED_URL. */
  get url(): string {
    return `${this.origin_}/zh-cn/feed.xml`;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return this.origin_;
  }

  /** Serves these posts (newest first by date, as Hugo sorts them), the newest `limit` (default 50) of them. */
  setPosts(rows: PostRow[], options: ServeOptions = {}): void {
    this.posts = [...rows];
    this.serve = options;
    this.document = undefined;
  }

  /** The feed document for the current posts, as text; built once per setPosts (a huge one takes a while). */
  xml(): string {
    this.document ??= buildFeedXml(this.visiblePosts(), this.serve);
    return this.document;
  }

  /** The document as served, with its ETag; cached with the document. */
  private encoded(): { body: Buffer; etag: string } {
    const xml = this.xml();
    if (this.body?.xml !== xml) {
      const body = Buffer.from(xml, 'utf8');
      this.body = { xml, body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
    }
    return this.body;
  }

  conditionalHits(): number {
    return this.requests.filter((r) => r.status === 304).length;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private visiblePosts(): PostRow[] {
    const sorted = [...this.posts].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    return sorted.slice(0, this.serve.limit ?? 50);
  }

  private listen(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const { port } = server.address() as AddressInfo;
        this.origin_ = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const record = (status: number) =>
      this.requests.push({ at: Date.now(), path: req.url ?? '/', headers: req.headers, status });
    const pathname = new URL(req.url ?? '/', this.origin_).pathname;
    const location = this.redirects.get(pathname);
    if (location) {
      record(302);
      res.writeHead(302, { location, 'content-type': 'text/plain' }).end('moved');
      return;
    }
    if (pathname !== '/zh-cn/feed.xml') {
      record(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    switch (this.mode) {
      case 'hang':
        record(0);
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'error-500':
        record(500);
        res
          .writeHead(500, { 'content-type': 'text/html' })
          .end('<html><body><h1>500 Internal Server Error</h1></body></html>');
        return;
      case 'error-404':
        record(404);
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
        return;
      case 'garbage': {
        record(200);
        const junk = Buffer.alloc(4096);
        for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(junk);
        return;
      }
      case 'html':
        record(200);
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!doctype html><html><head><title>Kubernetes</title></head><body><p>maintenance</p></body></html>');
        return;
      case 'not-utf8': {
        record(200);
        const body = Buffer.from(new TextEncoderGb18030().encode(this.xml()));
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
        return;
      }
      case 'gb18030-declared': {
        record(200);
        const xml = this.xml().replace('encoding="utf-8"', 'encoding="GB18030"');
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(Buffer.from(new TextEncoderGb18030().encode(xml)));
        return;
      }
      case 'ok':
        break;
    }
    const { body, etag } = this.encoded();
    const newest = this.visiblePosts()[0];
    const lastModified = newest ? rfc822(newest.date, this.serve.pubDateShiftHours) : new Date(0).toUTCString();
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
    if (this.conditional) {
      headers.etag = etag;
      headers['last-modified'] = lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      // As a static host does: If-None-Match decides when present; otherwise If-Modified-Since.
      const fresh = inm !== undefined ? inm === etag : ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
      if (fresh) {
        record(304);
        res.writeHead(304, headers).end();
        return;
      }
    }
    record(200);
    res.writeHead(200, this.chunked ? headers : { ...headers, 'content-length': String(body.length) }).end(body);
  }
}

/** RFC 822 date as Hugo writes it: `Tue, 19 Dec 2023 00:00:00 +0000`. */
export function rfc822(date: string, shiftHours = 0): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + shiftHours * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function buildFeedXml(posts: PostRow[], options: ServeOptions = {}): string {
  const ordered = options.order === 'reversed' ? [...posts].reverse() : posts;
  const huge = options.hugeDescriptionBytes ? posts[0] : undefined;
  const items = ordered.map((row) => {
    const link = spell(row.url, options.linkSpelling);
    const html = row === huge ? hugeArticleHtml(options.hugeDescriptionBytes ?? 0) : articleHtml(row);
    return [
      '    <item>',
      `      <title>${xmlEscape(row.title)}</title>`,
      `      <link>${xmlEscape(link)}</link>`,
      `      <pubDate>${rfc822(row.date, options.pubDateShiftHours)}</pubDate>`,
      `      <guid>${xmlEscape(link)}</guid>`,
      `      <description>${xmlEscape(html)}</description>`,
      '    </item>',
    ].join('\n');
  });
  const newest = posts[0];
  return [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    '    <title>Kubernetes 博客 on Kubernetes</title>',
    '    <link>https://kubernetes.io/zh-cn/blog/</link>',
    '    <description>Recent content in Kubernetes 博客 on Kubernetes</description>',
    '    <generator>Hugo -- gohugo.io</generator>',
    '    <language>zh-cn</language>',
    newest ? `    <lastBuildDate>${rfc822(newest.date, options.pubDateShiftHours)}</lastBuildDate>` : '',
    '    <atom:link href="https://kubernetes.io/zh-cn/feed.xml" rel="self" type="application/rss+xml" />',
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/**
 * The HTML Hugo renders for a post, with what real posts carry: a 作者 credit paragraph (when the post has authors),
 * the English original in a comment, headings with ids, a link, inline code, a code block with markup characters,
 * and entities. The text is made up from the post's title; the shape is the real one.
 */
export function articleHtml(row: PostRow): string {
  const title = htmlEscape(row.title);
  const parts: string[] = [];
  if (row.author) parts.push(`<p><strong>作者</strong>：${htmlEscape(row.author)}</p>`);
  parts.push(
    `<!--\nThis post (${htmlEscape(row.slug)}) was translated from the English original of the same name.\n-->`,
  );
  parts.push(`<p>本文介绍「${title}」。Kubernetes 社区在这篇博文中说明了背景、设计和使用方法 &amp; 后续计划。</p>`);
  parts.push(`<h2 id="background">背景</h2>`);
  parts.push(
    `<p>如果你在使用 <code>kubectl</code>，请参阅<a href="https://kubernetes.io/zh-cn/docs/home/">文档</a>了解 &lt;细节&gt;。</p>`,
  );
  parts.push(
    `<pre tabindex="0"><code class="language-yaml" data-lang="yaml">apiVersion: v1\nkind: Pod\nmetadata:\n  name: &#34;demo&#34;\n</code></pre>`,
  );
  parts.push(`<h2 id="next">下一步</h2>`);
  parts.push(`<ul>\n<li>阅读 ${htmlEscape(row.slug)} 的设计文档</li>\n<li>加入 SIG 的讨论</li>\n</ul>`);
  return parts.join('\n');
}

/** About `bytes` bytes (UTF-8) of article HTML: paragraphs of Chinese and English with inline markup and entities. */
export function hugeArticleHtml(bytes: number): string {
  const paragraph =
    '<p>Kubernetes 集群中的 <code>Pod</code> 会被调度到节点上运行，<a href="https://kubernetes.io/zh-cn/docs/">文档</a>' +
    '说明了 &lt;细节&gt; &amp; 更多内容。The scheduler places each Pod on a node.</p>\n';
  const one = Buffer.byteLength(paragraph);
  return `<h2 id="huge">很长的文章</h2>\n${paragraph.repeat(Math.max(1, Math.ceil(bytes / one)))}`;
}

/** Spellings of one permalink that must all mean the same post. */
function spell(url: string, how: ServeOptions['linkSpelling']): string {
  if (how !== 'variant') return url;
  return url
    .replace(/^https:/, 'http:')
    .replace('://kubernetes.io/zh-cn/', '://Kubernetes.io/zh/')
    .replace(/\/$/, '')
    .concat('?utm_source=feed#top');
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');
}

/**
 * Node can decode GB18030 but has no encoder for it; the test needs real GB18030 bytes, so this builds them from
 * the decoder: every code point the feed uses is looked up once by decoding candidate two- and four-byte sequences.
 */
class TextEncoderGb18030 {
  private static table?: Map<number, number[]>;

  encode(text: string): Uint8Array {
    const table = TextEncoderGb18030.build();
    const out: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x80) {
        out.push(cp);
        continue;
      }
      const bytes = table.get(cp);
      if (!bytes) throw new Error(`no GB18030 bytes for U+${cp.toString(16)}`);
      out.push(...bytes);
    }
    return Uint8Array.from(out);
  }

  private static build(): Map<number, number[]> {
    if (TextEncoderGb18030.table) return TextEncoderGb18030.table;
    const table = new Map<number, number[]>();
    const decoder = new TextDecoder('gb18030', { fatal: true });
    for (let b1 = 0x81; b1 <= 0xfe; b1++) {
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue;
        try {
          const s = decoder.decode(Uint8Array.of(b1, b2));
          const cp = s.codePointAt(0);
          if (cp !== undefined && s.length <= 2 && !table.has(cp)) table.set(cp, [b1, b2]);
        } catch {
          // not a valid pair
        }
      }
    }
    // Four-byte sequences cover the rest of the BMP (letters with diacritics, some punctuation).
    for (let b1 = 0x81; b1 <= 0x84; b1++) {
      for (let b2 = 0x30; b2 <= 0x39; b2++) {
        for (let b3 = 0x81; b3 <= 0xfe; b3++) {
          for (let b4 = 0x30; b4 <= 0x39; b4++) {
            try {
              const s = decoder.decode(Uint8Array.of(b1, b2, b3, b4));
              const cp = s.codePointAt(0);
              if (cp !== undefined && !table.has(cp)) table.set(cp, [b1, b2, b3, b4]);
            } catch {
              // not a valid sequence
            }
          }
        }
      }
    }
    TextEncoderGb18030.table = table;
    return table;
  }
}
