/**
 * Hostile traffic through the real receiver: thousands of seeded slash command texts and link events, every answer
 * within Block Kit's limits with no markup but ours, nothing logged as an error, and the app still answering.
 */
import { expect } from 'chai';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { eventCallback, linkSharedEvent } from '../../src/slack-standin/index.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { foreignMarkup, randomText, rng } from '../support/hostile.js';
import { openTestSearcher } from './fixtures/engine.js';
import { type Harness, startHarness } from './harness.js';

const VERB_WORDS = ['', '', '', 'help ', 'latest ', 'search ', 'subscribe ', 'status ', '帮助 ', 'author:"', '"'];
const SLASH_TEXTS = 1500;
const LINK_EVENTS = 300;

describe('fuzz: hostile slash commands and link events through the receiver', function () {
  this.timeout(300_000);
  let h: Harness;
  let urls: string[];

  before(async () => {
    const { searcher, articles } = await openTestSearcher();
    urls = articles.map((a) => a.url);
    h = await startHarness(searcher);
  });
  after(() => h.stop());

  it(`answers ${SLASH_TEXTS} seeded hostile texts within Block Kit limits, escaped`, async () => {
    for (let seed = 1; seed <= SLASH_TEXTS; seed++) {
      const r = rng(seed * 104729);
      const text = (VERB_WORDS[Math.floor(r() * VERB_WORDS.length)] + randomText(r, seed % 50 === 0 ? 4000 : 80))
        .slice(0, 4000)
        .trim();
      const body = (await h.command(text)) as unknown as SlackMessage;
      expect(blockKitProblems(body), `seed ${seed}`).to.deep.equal([]);
      expect(foreignMarkup(body), `seed ${seed}`).to.deep.equal([]);
    }
    expect(h.log.lines.filter((l) => l.level === 'error')).to.deep.equal([]);
  });

  it(`unfurls ${LINK_EVENTS} seeded link events (real, mangled and hostile URLs) with our previews only`, async () => {
    h.standin.reset();
    for (let seed = 1; seed <= LINK_EVENTS; seed++) {
      const r = rng(seed * 7907);
      const links = Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
        const url = urls[Math.floor(r() * urls.length)];
        const roll = r();
        if (roll < 0.4) return url;
        if (roll < 0.6) return url.toUpperCase();
        if (roll < 0.8) return `${url}?${encodeURIComponent(randomText(r, 40))}#x`;
        return `https://kubernetes.io/zh-cn/blog/${encodeURIComponent(randomText(r, 60))}`;
      });
      const res = await h.requests.event(
        eventCallback(linkSharedEvent({ urls: links, source: 'conversations_history', channelId: `C0FUZZ${seed}` })),
      );
      expect(res.status, `seed ${seed}`).to.equal(200);
    }
    // Acknowledged at once, unfurled just after: wait for the last calls to land (bounded).
    for (let i = 0; i < 100 && h.standin.callsTo('chat.unfurl').length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2000));
    const calls = h.standin.callsTo('chat.unfurl');
    expect(calls.length).to.be.above(LINK_EVENTS / 2);
    for (const call of calls) {
      const unfurls = call.args.unfurls as Record<string, SlackMessage>;
      for (const [url, preview] of Object.entries(unfurls)) {
        expect(blockKitProblems(preview), url).to.deep.equal([]);
        expect(foreignMarkup(preview), url).to.deep.equal([]);
      }
    }
    expect(h.log.lines.filter((l) => l.level === 'error')).to.deep.equal([]);
    // Still answering.
    expect(JSON.stringify(await h.command('kubeadm'))).to.include('kubeadm');
  });
});
