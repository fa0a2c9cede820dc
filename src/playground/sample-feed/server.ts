/**
 * `--sample-feed`: a feed server on loopback that plays the blog publishing new posts, so a digest can be seen with
 * no internet. It starts with the newest few sample posts held back; publish(n) releases the next n of them, oldest
 * first, as the blog would. It answers conditional GETs (ETag) the way a real web server does.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sampleFeedXml } from './feed-xml.js';
import { SAMPLE_POSTS, type SamplePost } from './posts.js';

export const SAMPLE_FEED_PATH = '/zh-cn/feed.xml';
/**
 * Newest posts held back at start. "Run digest now" publishes PUBLISH_PER_RUN (2) per run: a digest of two, then,
 * in the next period, one more, after which the feed has nothing new.
 */
export const DEFAULT_HELD = 3;

export interface SampleFeedOptions {
  host?: string;
  port?: number;
  /** How many of the newest posts are held back at start, to be published later. Default DEFAULT_HELD. */
  held?: number;
  posts?: readonly SamplePost[];
}

export class SampleFeed {
  private published: number;
  private requests_ = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly posts: readonly SamplePost[],
    held: number,
  ) {
    this.published = Math.max(0, posts.length - held);
  }

  static async start(options: SampleFeedOptions = {}): Promise<SampleFeed> {
    const posts = options.posts ?? SAMPLE_POSTS;
    const server = http.createServer();
    const feed = new SampleFeed(server, posts, Math.min(options.held ?? DEFAULT_HELD, posts.length));
    server.on('request', (req, res) => feed.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return feed;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}${SAMPLE_FEED_PATH}`;
  }

  /** Posts in the feed now, newest first. */
  get items(): readonly SamplePost[] {
    return this.posts.slice(this.posts.length - this.published);
  }

  /** Posts still held back. */
  get held(): number {
    return this.posts.length - this.published;
  }

  /** Feed requests answered so far (304s included). */
  get requests(): number {
    return this.requests_;
  }

  /** Puts the next `n` held posts (oldest first) into the feed; returns them. */
  publish(n = 1): SamplePost[] {
    const count = Math.max(0, Math.min(n, this.held));
    const start = this.posts.length - this.published - count;
    this.published += count;
    return this.posts.slice(start, start + count).reverse();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    if (path !== SAMPLE_FEED_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    this.requests_ += 1;
    const body = sampleFeedXml(this.items, this.url);
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      etag,
      'content-length': Buffer.byteLength(body),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
