/**
 * The playground end to end in a real browser: Debian's Chromium (`apt-get install chromium`, never a browser
 * download), driven by playwright-core. One playground, one browser and one page for the whole file; the scenarios
 * run in order on the same channel, as a person would use it.
 *
 * Without chromium the file is skipped with a visible line — except under CI=true, where that is a failure.
 * The README's screenshots (docs/playground.png, and docs/playground-narrow.png at 420×800) are written when missing
 * or when UPDATE_SCREENSHOT=1, so an ordinary test run leaves the work tree as it found it.
 */

import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';
import { PUBLISH_PER_RUN } from '../../src/playground/digest-control.js';
import type { Playground } from '../../src/playground/index.js';
import { formatSlackDate } from '../../src/playground/public/slack-date.js';
import { SAMPLE_POSTS } from '../../src/playground/sample-feed/posts.js';
import { DEFAULT_HELD } from '../../src/playground/sample-feed/server.js';
import type { Searcher } from '../../src/search/types.js';
import { startTestPlayground } from './support.js';

const SCREENSHOT = path.join(PROJECT_ROOT, 'docs', 'playground.png');
const NARROW_SCREENSHOT = path.join(PROJECT_ROOT, 'docs', 'playground-narrow.png');

/** The flags the project runs Chromium with: no sandbox (containers), and nothing that phones home. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** `which chromium`: the first executable named chromium on PATH (Debian's package installs /usr/bin/chromium). */
function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'chromium');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

describe('playground in Chromium', function () {
  this.timeout(30_000);
  let playground: Playground;
  let searcher: Searcher;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    const executablePath = findChromium();
    if (!executablePath) {
      if (process.env.CI === 'true')
        throw new Error('chromium is not installed, and CI must run the browser tests: apt-get install -y chromium');
      console.log('      (skipping the browser tests: chromium is not installed — apt-get install -y chromium)');
      this.skip();
    }
    ({ playground, searcher } = await startTestPlayground());
    await playground.ready;
    // launch() gives the browser a fresh temporary profile of its own (--user-data-dir), removed on close.
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 720 }, locale: 'zh-CN' });
    watch(page);
    await page.goto(playground.url);
    await page.waitForSelector('body[data-ready="true"]');
  });

  /** Page errors, console errors and warnings, and requests that leave the playground all count as problems. */
  function watch(p: Page): void {
    p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    p.on('request', (r) => {
      if (!r.url().startsWith(playground.url)) problems.push(`request outside the playground: ${r.url()}`);
    });
  }

  after(async () => {
    await browser?.close();
    await playground?.stop();
  });

  /** Types into the message box and sends, as a person would. */
  async function type(text: string): Promise<void> {
    await page.fill('#message-input', text);
    await page.press('#message-input', 'Enter');
  }

  const messages = (kind: string): Locator => page.locator(`#messages .msg-${kind}`);

  it('answers a Chinese query with result titles, visible only to the user', async () => {
    const expected = searcher.search('调度器', { limit: 5 });
    expect(expected.results.length).to.equal(5);
    await type('/k8sblog 调度器');
    const answer = messages('ephemeral').last();
    await textSoon(answer.locator('.visibility'), 'Only visible to you');
    const titles = answer.locator('.section-text b > a');
    await waitForCount(titles, 5);
    expect(await titles.allTextContents()).to.deep.equal(expected.results.map((r) => r.title));
    expect(await titles.first().getAttribute('href')).to.equal(expected.results[0].url);
    expect(await answer.locator('.section-text').first().textContent()).to.contain(
      `${expected.total} results for “调度器”`,
    );
    // Matched terms are bold in the snippets.
    expect(await answer.locator('.section-text b:not(:has(a))').count()).to.be.greaterThan(0);
  });

  it('pages with More results and Previous, replacing the answer in place', async () => {
    const expected = searcher.search('调度器', { limit: 5, offset: 5 });
    const answer = messages('ephemeral').last();
    const id = await answer.getAttribute('data-entry-id');
    const before = await page.locator('#messages .msg').count();
    await answer.locator('button[data-action-id="page_next"]').click();
    const replaced = page.locator(`#messages [data-entry-id="${id}"]`);
    await textSoon(replaced.locator('.section-text').first(), '(6–10)');
    expect(await replaced.locator('.section-text b > a').allTextContents()).to.deep.equal(
      expected.results.map((r) => r.title),
    );
    expect(await page.locator('#messages .msg').count()).to.equal(before);

    await replaced.locator('button[data-action-id="page_prev"]').click();
    await textSoon(replaced.locator('.section-text').first(), '(1–5)');
  });

  it('shares a result into the channel for everyone, attributed', async () => {
    const first = searcher.search('调度器', { limit: 1 }).results[0];
    await messages('ephemeral').last().locator('button[data-action-id="share_0"]').click();
    const shared = messages('bot').last();
    await textSoon(shared, first.title);
    expect(await shared.locator('.visibility').count()).to.equal(0);
    expect(await shared.locator('.context').textContent()).to.match(/shared by @alice/);
  });

  it('unfurls a pasted blog link under the message', async () => {
    const article = searcher.latest(200).find((a) => a.source !== 'feed')!;
    const link = article.url.replace('/zh-cn/', '/zh/').replace(/\/$/, '');
    await type(`这篇不错：${link}`);
    const message = messages('user').last();
    await textSoon(message.locator('.unfurl'), article.title);
    expect(await message.locator('.msg-body > .mrkdwn a').getAttribute('href')).to.equal(link);
    await writeScreenshotWhenAsked(page, SCREENSHOT);
  });

  it('subscribes the channel and runs a digest from the sample feed', async () => {
    const answers = await messages('ephemeral').count();
    await type('/k8sblog subscribe');
    await waitForCount(messages('ephemeral'), answers + 1);
    expect(await messages('ephemeral').last().textContent()).to.match(/订阅|subscribed/i);
    const bots = await messages('bot').count();
    await page.click('#run-digest');
    const published = SAMPLE_POSTS.slice(DEFAULT_HELD - PUBLISH_PER_RUN, DEFAULT_HELD).reverse(); // the next held-back posts, oldest first
    await waitForCount(messages('bot'), bots + 1);
    const digest = messages('bot').last();
    for (const post of published) await textSoon(digest, post.title);
    expect(await digest.locator(`a[href="${published[0].url}"]`).count()).to.be.greaterThan(0);
    await textSoon(page.locator('#feed-info'), `${DEFAULT_HELD - PUBLISH_PER_RUN} post`);

    // The same period again: no second digest, and the page says why.
    await page.click('#run-digest');
    await textSoon(messages('notice').last(), 'already got its digest');
    expect(await messages('bot').count()).to.equal(bots + 1);
  });

  it('shows a query holding <script> and <!channel> as text', async () => {
    const typed = '<script>window.pwned = 1</script> <!channel> <@U0ALICE> <img src=x onerror="window.pwned = 2"> *x*';
    await type(`/k8sblog ${typed}`);
    const answer = messages('ephemeral').last();
    await textSoon(answer, '<script>window.pwned = 1</script>');
    const text = await answer.locator('.msg-body').textContent();
    expect(text).to.contain('<!channel>');
    expect(text).to.contain('<@U0ALICE>');
    expect(text).to.contain('<img src=x onerror="window.pwned = 2">');
    expect(await answer.locator('.mention').count()).to.equal(0);
    expect(await page.locator('#messages script, #messages img').count()).to.equal(0);

    await type(typed);
    const message = messages('user').last();
    await textSoon(message, '<script>window.pwned = 1</script> <!channel> <@U0ALICE> <img src=x');
    expect(await page.evaluate('typeof window.pwned')).to.equal('undefined');
    expect(await page.locator('#messages script, #messages img').count()).to.equal(0);
  });

  it('answers a mention in the thread with the 3 best articles; More results opens the full list privately', async () => {
    await type('@k8sblog 有没有文章讲 kubeadm 升级？');
    const mention = messages('user').last();
    await textSoon(mention.locator('.msg-body'), '@k8sblog');
    const answer = messages('bot').last();
    await textSoon(answer.locator('.thread'), 'Reply in thread');
    await textSoon(answer.locator('.msg-body'), 'The 3 best articles for “kubeadm 升级”');
    await waitForCount(answer.locator('.section-text b > a'), 3);
    const before = await messages('ephemeral').count();
    await answer.locator('button', { hasText: 'More results' }).click();
    await waitForCount(messages('ephemeral'), before + 1);
    await waitForCount(messages('ephemeral').last().locator('button', { hasText: 'Share' }), 5);
  });

  it("offers the message shortcut in a message's menu, answering privately with Share", async () => {
    await type('kubelet 证书轮换');
    // `last()` is resolved at each use: wait until it is this message, or a slow page would open one menu and look
    // for the shortcut in the next message's.
    const message = messages('user').last();
    await textSoon(message, 'kubelet 证书轮换');
    await message.locator('.msg-menu-toggle').click();
    const before = await messages('ephemeral').count();
    await message.locator('button.msg-shortcut', { hasText: 'Search the k8s blog' }).click();
    await waitForCount(messages('ephemeral'), before + 1);
    const answer = messages('ephemeral').last();
    await textSoon(answer.locator('.msg-body'), 'for “kubelet 证书轮换”');
    expect(await answer.locator('button', { hasText: 'Share' }).count()).to.be.greaterThan(0);
  });

  it('answers in the DM pane (the Messages tab) with the search blocks and help, apart from the channel', async () => {
    await page.click('.channel-link[data-place="dm"]');
    await textSoon(page.locator('#place-title'), 'k8sblog');
    expect(await messages('user').count()).to.equal(0);
    await type('kubeadm');
    const answer = messages('bot').last();
    await textSoon(answer.locator('.msg-body'), 'results for “kubeadm”');
    await waitForCount(answer.locator('.section-text b > a'), 5);
    await type('help');
    await textSoon(messages('bot').last().locator('.msg-body'), 'latest [n]');
  });

  it('shows the Home tab with a search box that searches in the view, and goes back to the channel', async () => {
    await page.click('.channel-link[data-place="home"]');
    const view = messages('bot').last();
    await textSoon(view.locator('.msg-body'), 'Newest articles');
    expect(await page.locator('#composer').isHidden()).to.equal(true);
    await page.fill('form[data-input-action-id="home_search"] input', 'sidecar');
    await page.press('form[data-input-action-id="home_search"] input', 'Enter');
    await textSoon(messages('bot').last().locator('.msg-body'), 'Results for “sidecar”');
    expect(await page.inputValue('form[data-input-action-id="home_search"] input')).to.equal('sidecar');
    await page.click('.channel-link[data-place="channel"]');
    await textSoon(page.locator('#place-title'), '# general');
    expect(await messages('user').count()).to.be.greaterThan(0);
  });

  it('fits a 420 px window: the sidebar folds into a toggle, Run digest now stays on screen, times are local', async () => {
    // Another reader of the same channel, on a phone in New York: Slack shows them times in their own zone.
    const timeZone = 'America/New_York';
    const narrow = await browser.newPage({
      viewport: { width: 420, height: 800 },
      locale: 'zh-CN',
      timezoneId: timeZone,
    });
    watch(narrow);
    try {
      await narrow.goto(playground.url);
      await narrow.waitForSelector('body[data-ready="true"]');
      const inView = async (selector: string): Promise<void> => {
        const box = await narrow.locator(selector).boundingBox();
        expect(box, selector).to.not.equal(null);
        expect(box!.x, `${selector} left`).to.be.at.least(0);
        expect(box!.y, `${selector} top`).to.be.at.least(0);
        expect(box!.x + box!.width, `${selector} right`).to.be.at.most(420);
        expect(box!.y + box!.height, `${selector} bottom`).to.be.at.most(800);
      };

      // Folded: a bar across the top, its note hidden until the toggle opens it.
      const bar = (await narrow.locator('#sidebar').boundingBox())!;
      expect(bar.width).to.equal(420);
      expect(bar.height).to.be.below(60);
      expect(await narrow.locator('.sidebar-note').isVisible()).to.equal(false);
      await narrow.click('#sidebar-toggle');
      expect(await narrow.locator('.sidebar-note').isVisible()).to.equal(true);
      expect(await narrow.getAttribute('#sidebar-toggle', 'aria-expanded')).to.equal('true');
      await narrow.click('#sidebar-toggle');
      expect(await narrow.locator('.sidebar-note').isVisible()).to.equal(false);

      expect(await narrow.evaluate('document.documentElement.scrollWidth'), 'no sideways scrolling').to.be.at.most(420);
      await inView('#run-digest');
      await inView('#message-input');
      await inView('#composer button[type="submit"]');

      // "Next: …" of the subscribe answer: told in New York time and the page's language, as Slack would.
      const date = narrow.locator('#messages .msg-ephemeral time.date').last();
      const seconds = Date.parse((await date.getAttribute('datetime'))!) / 1000;
      const format = (await date.getAttribute('data-format'))!;
      expect(await date.getAttribute('title')).to.match(/ 09:00 \(Asia\/Shanghai\)$/);
      const local = formatSlackDate(seconds, format, { locale: 'zh-CN', timeZone })!;
      expect(local).to.not.equal(formatSlackDate(seconds, format, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }));
      expect(await date.textContent()).to.equal(local);

      // The screenshot shows the subscribe answer (its local time) and the digest below it.
      await date.scrollIntoViewIfNeeded();
      await narrow.evaluate(`document.getElementById('messages').scrollTop -= 40`);
      await writeScreenshotWhenAsked(narrow, NARROW_SCREENSHOT);

      // Reachable is not enough: the button works from here.
      const notices = await narrow.locator('#messages .msg-notice').count();
      await narrow.click('#run-digest');
      await textSoon(narrow.locator('#messages .msg-notice').nth(notices), 'Sample feed');
    } finally {
      await narrow.close();
    }
  });

  it('ran without page errors, CSP violations or requests outside the playground', () => {
    expect(problems).to.deep.equal([]);
  });
});

/** Waits (up to 10 s) until the first element of `locator` holds `text`; fails with the text it had. */
async function textSoon(locator: Locator, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = '';
  do {
    seen = (await locator.count()) ? ((await locator.first().textContent()) ?? '') : '(no element)';
    if (seen.includes(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  expect(seen, `text of ${locator}`).to.contain(text);
}

/** Waits (up to 10 s) for a locator to match exactly `n` elements. */
async function waitForCount(locator: Locator, n: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let count = await locator.count();
  while (count !== n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    count = await locator.count();
  }
  expect(count, `elements matching ${locator}`).to.equal(n);
}

async function writeScreenshotWhenAsked(page: Page, file: string): Promise<void> {
  if (existsSync(file) && process.env.UPDATE_SCREENSHOT !== '1') return;
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}
