/**
 * The playground as `npm start` runs it without credentials — the real app, the stand-in, the page server, the
 * sample feed — driven through the page's HTTP API (the browser tests drive the same through Chromium).
 */

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { PUBLISH_PER_RUN } from '../../src/playground/digest-control.js';
import type { Playground } from '../../src/playground/index.js';
import { SAMPLE_POSTS } from '../../src/playground/sample-feed/posts.js';
import { DEFAULT_HELD, SampleFeed } from '../../src/playground/sample-feed/server.js';
import type { PageEntry } from '../../src/playground/timeline.js';
import { EVENTS_PATH } from '../../src/slack/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { type memoryLog, startTestPlayground, waitForEntry } from './support.js';

describe('playground (HTTP)', function () {
  this.timeout(20_000);
  let playground: Playground;
  let log: ReturnType<typeof memoryLog>;
  let banner: string[];
  let base: string;

  let store: Store;
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-playground-test-'));
    store = await openStore({ dataDir });
    ({ playground, log, banner } = await startTestPlayground({ store }));
    await playground.ready;
    base = playground.url.replace(/\/$/, '');
  });
  after(async () => {
    await playground?.stop();
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const say = async (text: string) => expect((await api('/api/message', { text })).status).to.equal(200);
  const click = async (entry: PageEntry, action: string) =>
    expect((await api('/api/action', { entry: entry.id, action })).status).to.equal(200);
  const text = (e: PageEntry) => e.html.replace(/<[^>]+>/g, '').replace(/\u200B/g, '');
  const newerThan = (e: PageEntry) => (x: PageEntry) => Number(x.id.slice(1)) > Number(e.id.slice(1));

  it('prints where the page is and what to set for real Slack', () => {
    const all = banner.join('\n');
    expect(all).to.contain(playground.url);
    for (const name of ['SLACK_BOT_TOKEN=xoxb-', 'SLACK_SIGNING_SECRET=', 'SLACK_APP_TOKEN=xapp-', '/slack/events'])
      expect(all).to.contain(name);
    expect(all).to.contain('manifest.yml');
  });

  it('tells the next scheduled digest with its zone, and what the sample feed holds as it releases it', async () => {
    const all = banner.join('\n');
    // The default DIGEST_CRON (Monday 09:00) in the default DIGEST_TZ.
    expect(all).to.match(
      /DIGEST_CRON\s+"0 9 \* \* 1" in DIGEST_TZ; next: \d{4}-\d{2}-\d{2} 09:00 \(Asia\/Shanghai\)\./,
    );
    // The banner's account of the runs is what a sample feed in the same state really publishes, run after run.
    const feed = await SampleFeed.start();
    try {
      const runs: string[] = [];
      for (let published = -1; published !== 0; ) {
        published = feed.publish(PUBLISH_PER_RUN).length;
        runs.push(published ? String(published) : 'none');
      }
      expect(all).to.contain(
        `holds back its ${DEFAULT_HELD} newest posts; each "Run digest now" first publishes the next ${PUBLISH_PER_RUN}, ` +
          `oldest first (${runs.join(', then ')}).`,
      );
    } finally {
      await feed.stop();
    }
    expect(all).to.not.contain('npm start --');
  });

  it('serves the page with a strict content security policy, and the app on the same port', async () => {
    expect(playground.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(playground.url);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-security-policy')).to.contain("script-src 'self'");
    expect(await page.text()).to.contain('<script type="module" src="/app.js">');
    expect((await fetch(`${base}/app.js`)).headers.get('content-type')).to.contain('javascript');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).to.equal(200);
    expect(((await health.json()) as { articles: number }).articles).to.be.at.least(207);
  });

  it('leaves signature checks on: an unsigned request to the app gets 401', async () => {
    const res = await fetch(base + EVENTS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=/k8sblog&text=x',
    });
    expect(res.status).to.equal(401);
  });

  it('answers a Chinese query, pages with More results, and shares into the channel', async () => {
    const start = playground.timeline.list().length;
    await say('/k8sblog 调度器');
    const results = await waitForEntry(
      playground.timeline,
      (e) => e.kind === 'ephemeral' && /results for “调度器”/.test(text(e)),
    );
    expect(playground.timeline.list()[start].kind).to.equal('command');
    expect(text(results)).to.match(/\(1–5\)/);
    expect(results.html).to.match(/<b><a href="https:\/\/kubernetes\.io\/zh-cn\/blog\/[^"]+"[^>]*>[^<]+<\/a><\/b>/);
    expect(results.html).to.contain('data-action-id="page_next"');

    await click(results, 'page_next');
    const page2 = await waitForEntry(playground.timeline, (e) => e.id === results.id && /\(6–10\)/.test(text(e)));
    expect(page2.html).to.contain('data-action-id="page_prev"');
    expect(
      playground.timeline.list().filter((e) => e.kind === 'ephemeral' && /results for/.test(text(e))),
    ).to.have.length(1);

    await click(page2, 'share_0');
    const shared = await waitForEntry(playground.timeline, (e) => e.kind === 'bot' && /shared by/.test(text(e)));
    expect(text(shared)).to.contain('@alice');
    const call = playground.standin.callsTo('chat.postMessage').at(-1)!;
    expect(call.args).to.include({ channel: 'C0GENERAL' });
  });

  it('unfurls a pasted blog link under the message that holds it', async () => {
    const link = 'https://kubernetes.io/zh-cn/blog/2023/12/19/kubernetes-1-29-taint-eviction-controller';
    await say(`看看这篇 ${link}?utm=x`);
    const unfurled = await waitForEntry(
      playground.timeline,
      (e) => e.kind === 'user' && e.html.includes('class="unfurl"'),
    );
    expect(text(unfurled)).to.contain('看看这篇');
    const call = playground.standin.callsTo('chat.unfurl').at(-1)!;
    expect(call.args).to.include({ channel: 'C0GENERAL', ts: unfurled.ts });
    expect(Object.keys(call.args.unfurls as object)).to.deep.equal([`${link}?utm=x`]);
  });

  it('says when "Run digest now" has no subscription to post for', async () => {
    const last = playground.timeline.list().at(-1)!;
    expect((await api('/api/digest', {})).status).to.equal(200);
    const notice = await waitForEntry(playground.timeline, (e) => newerThan(last)(e) && e.kind === 'notice');
    expect(text(notice)).to.match(/not subscribed.*\/k8sblog subscribe/);
    expect(playground.sampleFeed!.held).to.equal(3); // nothing published for nobody
  });

  it('posts a digest of the posts the sample blog publishes, once per period', async () => {
    await store.subscribe({
      workspace: 'T0STANDIN',
      channel: 'C0GENERAL',
      cadence: 'daily',
      by: 'U0ALICE',
      now: new Date().toISOString(),
    });
    const last = playground.timeline.list().at(-1)!;
    expect((await api('/api/digest', {})).status).to.equal(200);
    const digest = await waitForEntry(playground.timeline, (e) => newerThan(last)(e) && e.kind === 'bot');
    const published = SAMPLE_POSTS.slice(DEFAULT_HELD - PUBLISH_PER_RUN, DEFAULT_HELD);
    for (const post of published) {
      expect(text(digest)).to.contain(post.title);
      expect(digest.html).to.contain(`href="${post.url}"`);
    }
    expect(text(digest)).to.not.contain(SAMPLE_POSTS[0].title); // still held back
    const notices = playground.timeline
      .list()
      .filter((e) => newerThan(last)(e) && e.kind === 'notice')
      .map(text);
    expect(notices[0]).to.match(/^Sample feed: the blog published “.+” \(\d{4}-\d{2}-\d{2}\) and “.+”/);
    expect(notices.at(-1)).to.match(/^Digest for \d{4}-\d{2}-\d{2} posted with 2 articles\.$/);
    const posted = playground.standin.callsTo('chat.postMessage').at(-1)!;
    expect(posted.args).to.include({ channel: 'C0GENERAL', unfurl_links: 'false' });

    // The same period again: the last sample post arrives, but the channel had its digest.
    const before = playground.standin.callsTo('chat.postMessage').length;
    expect((await api('/api/digest', {})).status).to.equal(200);
    expect(playground.standin.callsTo('chat.postMessage')).to.have.length(before);
    expect(text(playground.timeline.list().at(-1)!)).to.match(/already got its digest/);
    const state = (await (await fetch(`${base}/api/state`)).json()) as { info: { feed: { held: number } } };
    expect(state.info.feed.held).to.equal(0);
  });

  it('refuses requests that are not from its own page', async () => {
    expect((await api('/api/message', { text: 'x' }, { origin: 'https://evil.example' })).status).to.equal(403);
    const plain = await fetch(`${base}/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"text":"x"}',
    });
    expect(plain.status).to.equal(415);
    // A DNS-rebound name reaches the port but not the API.
    const rebound = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(`${base}/api/state`, { headers: { host: 'evil.example:3000' } }, (res) =>
          resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(rebound).to.equal(421);
    expect((await api('/api/message', { text: 'x'.repeat(5000) })).status).to.equal(400);
    expect((await api('/api/action', { entry: 'e99999', action: 'x' })).status).to.equal(400);
    expect(log.lines.filter((l) => l.level === 'error')).to.deep.equal([]);
  });

  it('tells on the page when FEED_URL cannot be read, and stops everything it started', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'k8sblog-playground-test-'));
    const store = await openStore({ dataDir: dir });
    try {
      // Port 9 (discard) refuses connections: a feed that cannot be reached, without any internet.
      const { playground: other } = await startTestPlayground(
        { sampleFeed: false, store },
        { FEED_URL: 'http://127.0.0.1:9/feed.xml' },
      );
      await other.ready;
      const otherBase = other.url.replace(/\/$/, '');
      const state = (await (await fetch(`${otherBase}/api/state`)).json()) as {
        info: { feed: { url: string; problem?: string } };
      };
      expect(state.info.feed.url).to.equal('http://127.0.0.1:9/feed.xml');
      expect(state.info.feed.problem).to.be.a('string').and.not.equal('');

      await store.subscribe({
        workspace: 'T0STANDIN',
        channel: 'C0GENERAL',
        cadence: 'weekly',
        by: 'U0ALICE',
        now: new Date().toISOString(),
      });
      const res = await fetch(`${otherBase}/api/digest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).to.equal(200);
      const notices = other.timeline
        .list()
        .filter((e) => e.kind === 'notice')
        .map(text);
      expect(notices[0]).to.match(
        /^The feed could not be read \(http:\/\/127\.0\.0\.1:9\/feed\.xml\): .+npm run playground:sample\./,
      );
      expect(notices.at(-1)).to.match(/Nothing new/);
      expect(other.standin.callsTo('chat.postMessage')).to.have.length(0);

      const urls = [other.url, other.standin.origin];
      await other.stop();
      for (const url of urls) {
        await fetch(url).then(
          () => expect.fail(`${url} still answers`),
          (err: Error) => expect(err).to.be.an('error'),
        );
      }
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
