/**
 * Every message the Slack layer builds stays within Block Kit's limits and lets no foreign markup through: checked
 * over every development query, a few hundred random queries, adversarial search hits, and every article.
 */

import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import type { Searcher, SearchHit, SearchResult } from '../../src/search/types.js';
import { helpMessage } from '../../src/slack/blocks/help.js';
import { homeView } from '../../src/slack/blocks/home.js';
import { latestMessage } from '../../src/slack/blocks/latest.js';
import { mentionAnswer } from '../../src/slack/blocks/mention.js';
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { noResultsMessage, resultsMessage } from '../../src/slack/blocks/results.js';
import { sharedArticleMessage, shareRefusedMessage } from '../../src/slack/blocks/share.js';
import { unfurlFor } from '../../src/slack/blocks/unfurl.js';
import { helpVerb } from '../../src/slack/listeners/commands/help.js';
import { latestVerb } from '../../src/slack/listeners/commands/latest.js';
import { searchVerb } from '../../src/slack/listeners/commands/search.js';
import { cleanQuery, PAGE_SIZE } from '../../src/slack/paging.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { foreignMarkup, randomText, rng } from '../support/hostile.js';
import { ARTICLES as FIXTURES } from './fixtures/articles.js';
import { fixtureEngine, openTestSearcher } from './fixtures/engine.js';

const DEV_QUERIES = readFileSync(new URL('../../bench/queries/dev.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { query: string }).query);

function check(message: SlackMessage, what: string): void {
  expect(blockKitProblems(message), what).to.deep.equal([]);
  expect(foreignMarkup(message), what).to.deep.equal([]);
}

describe('Block Kit limits and escaping over many inputs', function () {
  this.timeout(60_000);
  let searcher: Searcher;
  let articles: Article[];

  before(async () => {
    ({ searcher, articles } = await openTestSearcher());
  });

  it('holds for every development query, first and second page', () => {
    expect(DEV_QUERIES.length).to.be.at.least(20);
    let withResults = 0;
    for (const raw of DEV_QUERIES) {
      const query = cleanQuery(raw);
      for (const offset of [0, PAGE_SIZE]) {
        const result = searcher.search(query, { limit: PAGE_SIZE, offset });
        if (offset === 0 && result.results.length) withResults++;
        check(resultsMessage(result, query, offset), `${raw} @${offset}`);
      }
    }
    expect(withResults, 'dev queries with results').to.be.at.least(5);
  });

  it('holds for 300 random queries', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const query = cleanQuery(randomText(r, seed % 10 === 0 ? 3000 : 40));
      if (!query) continue;
      const result = searcher.search(query, { limit: PAGE_SIZE, offset: 0 });
      check(resultsMessage(result, query, 0), `seed ${seed}`);
      check(noResultsMessage(query, randomText(r, 300)), `seed ${seed} (no results)`);
    }
  });

  it('holds for 300 adversarial result pages (long hostile titles, snippets, authors, random highlights)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed * 7919);
      const hits: SearchHit[] = Array.from({ length: PAGE_SIZE }, (_, i) => {
        const snippet = randomText(r, 200).slice(0, 200);
        const highlights: Array<[number, number]> = Array.from({ length: Math.floor(r() * 30) }, () => {
          const s = Math.floor(r() * snippet.length);
          return [s, s + 1 + Math.floor(r() * 10)];
        });
        return {
          id: `2020-01-01-x${i}-${'y'.repeat(Math.floor(r() * 100))}`,
          title: randomText(r, 1000) || 't',
          url: `https://kubernetes.io/zh-cn/blog/2020/01/01/x${i}/`,
          date: '2020-01-01',
          authors: Array.from({ length: Math.floor(r() * 60) }, () => randomText(r, 40)),
          score: r(),
          snippet,
          highlights,
        };
      });
      const total = PAGE_SIZE + Math.floor(r() * 1000);
      const offset = PAGE_SIZE * Math.floor(r() * 3);
      const result: SearchResult = { query: 'q', total, tookMs: 1, results: hits };
      check(resultsMessage(result, randomText(r, 300) || 'q', offset), `seed ${seed}`);
    }
  });

  it('holds for every article shared, unfurled, refused, and for latest (the hostile fixture included)', () => {
    expect(articles.length).to.be.greaterThan(10);
    for (const a of [...articles, ...FIXTURES]) {
      check(sharedArticleMessage(a, 'U0ALICE'), `share ${a.id}`);
      check({ text: 'unfurl', blocks: unfurlFor(a).blocks }, `unfurl ${a.id}`);
      check(shareRefusedMessage('not_in_channel', a), `refusal ${a.id}`);
    }
    for (let i = 0; i + 10 <= articles.length; i += 10)
      check(latestMessage(articles.slice(i, i + 10)), `latest from ${i}`);
  });

  it('holds for help', () => {
    check(
      helpMessage(
        '/k8sblog',
        [searchVerb, latestVerb, helpVerb].map((v) => v.help),
      ),
      'help',
    );
  });
});

describe('Block Kit limits of the conversation answers', () => {
  const engine = fixtureEngine();
  const hostile = 'Alert <!channel> & <@U999> <https://evil.example|click> '.repeat(80);

  it('holds for mention answers and Home views in both languages, with long and hostile queries', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const query of ['kubeadm', 'sidecar', 'author:nobody kubeadm', hostile, '调度器 '.repeat(700)]) {
        const result = engine.search(query, { limit: 5, offset: 0 });
        const answer = mentionAnswer(result, query, lang);
        expect(blockKitProblems(answer), `${lang} mention ${query.slice(0, 20)}`).to.deep.equal([]);
        expect(answer.text).to.not.match(/<!channel>|<@U999>/);
        const subscriptions = Array.from({ length: 60 }, (_, i) => ({
          channel: `C${i}`,
          cadence: 'daily' as const,
          lastDigestAt: new Date(0),
        }));
        const view = homeView(
          {
            newest: engine.latest(5),
            query,
            result,
            subscriptions,
            follows: Array.from({ length: 20 }, () => ({ query, pausedReason: 'user_not_found' })),
            command: '/k8sblog',
            when: (d) => d.toISOString(),
          },
          lang,
        );
        expect(blockKitProblems(view, 'view'), `${lang} home ${query.slice(0, 20)}`).to.deep.equal([]);
      }
    }
  });
});
