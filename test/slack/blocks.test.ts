import { expect } from 'chai';
import type { Article } from '../../src/archive/article.js';
import type { SearchResult } from '../../src/search/types.js';
import { excerpt } from '../../src/slack/blocks/article.js';
import { errorMessage } from '../../src/slack/blocks/error.js';
import { helpMessage } from '../../src/slack/blocks/help.js';
import { latestMessage } from '../../src/slack/blocks/latest.js';
import { noResultsMessage, resultsMessage } from '../../src/slack/blocks/results.js';
import { sharedArticleMessage, shareRefusedMessage } from '../../src/slack/blocks/share.js';
import { unfurlFor } from '../../src/slack/blocks/unfurl.js';
import { decodePage, encodePage, MAX_QUERY } from '../../src/slack/paging.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { ARTICLES } from './fixtures/articles.js';
import { buttonsOf, textsOf } from './harness.js';

type Json = Record<string, unknown>;
const asJson = (m: unknown) => m as Json;

function result(total: number, n: number): SearchResult {
  const results = Array.from({ length: n }, (_, i) => ({
    id: `2020-01-0${i + 1}-a${i}`,
    title: `Title ${i}`,
    url: `https://kubernetes.io/zh-cn/blog/2020/01/0${i + 1}/a${i}/`,
    date: `2020-01-0${i + 1}`,
    authors: ['A', 'B'],
    score: 1,
    snippet: `snippet about kubeadm ${i}`,
    highlights: [[14, 21]] as Array<[number, number]>,
  }));
  return { query: 'kubeadm', total, tookMs: 1, results };
}

describe('Block Kit builders', () => {
  describe('search results', () => {
    it('shows a summary line, each result with Share and byline, and only the paging buttons that lead somewhere', () => {
      const first = asJson(resultsMessage(result(12, 5), 'kubeadm', 0, 'en'));
      expect(textsOf(first)[0]).to.equal('*12* results for “kubeadm” (1–5)');
      const zh = asJson(resultsMessage(result(12, 5), 'kubeadm', 0, 'zh'));
      expect(textsOf(zh)[0]).to.equal('“kubeadm” 共 *12* 条结果（第 1–5 条）');
      expect(buttonsOf(zh).map((b) => b.text)).to.include.members(['分享', '更多结果']);
      expect(buttonsOf(first).map((b) => b.text)).to.deep.equal([
        'Share',
        'Share',
        'Share',
        'Share',
        'Share',
        'More results',
      ]);
      expect(decodePage(buttonsOf(first).at(-1)!.value)).to.deep.equal({ query: 'kubeadm', offset: 5 });
      expect(textsOf(first)).to.include('2020-01-01 · A, B');
      expect(textsOf(first)[1]).to.equal(
        '*<https://kubernetes.io/zh-cn/blog/2020/01/01/a0/|Title 0>*\nsnippet about *kubeadm* 0',
      );

      const middle = asJson(resultsMessage(result(12, 5), 'kubeadm', 5, 'en'));
      expect(
        buttonsOf(middle)
          .slice(-2)
          .map((b) => [b.text, decodePage(b.value)?.offset]),
      ).to.deep.equal([
        ['Previous', 0],
        ['More results', 10],
      ]);
      const last = asJson(resultsMessage(result(12, 2), 'kubeadm', 10, 'en'));
      expect(buttonsOf(last).at(-1)!.text).to.equal('Previous');
      expect(textsOf(last)[0]).to.include('(11–12)');
    });

    it('says when a page is past the end and offers the way back', () => {
      const past = asJson(resultsMessage({ query: 'x', total: 7, tookMs: 0, results: [] }, 'x', 10, 'en'));
      expect(textsOf(past)[0]).to.include('No more results');
      expect(decodePage(buttonsOf(past)[0].value)).to.deep.equal({ query: 'x', offset: 5 });
    });

    it('offers the suggestion only when there is one that differs', () => {
      expect(buttonsOf(asJson(noResultsMessage('kubeadmm', 'kubeadm', 'en'))).map((b) => b.text)).to.deep.equal([
        'Search “kubeadm”',
      ]);
      expect(buttonsOf(asJson(noResultsMessage('kubeadmm')))).to.deep.equal([]);
      expect(buttonsOf(asJson(noResultsMessage('x', 'x')))).to.deep.equal([]);
    });
  });

  it('lists the newest articles with Share buttons', () => {
    const msg = asJson(latestMessage(ARTICLES.slice(0, 3)));
    expect(buttonsOf(msg).map((b) => b.value)).to.deep.equal(ARTICLES.slice(0, 3).map((a) => a.id));
    expect(textsOf(asJson(latestMessage([], 'en')))[0]).to.include('empty');
    expect(textsOf(asJson(latestMessage([], 'zh')))[0]).to.include('空');
  });

  it("lists every verb in help, in the reader's language", () => {
    const msg = asJson(
      helpMessage('/k8sblog', [
        { usage: 'subscribe [daily|weekly]', zh: '订阅', en: 'subscribe', examples: ['subscribe daily'] },
      ]),
    );
    const all = textsOf(msg).join('\n');
    expect(all).to.include('`/k8sblog subscribe [daily|weekly]`');
    expect(all).to.include('`/k8sblog subscribe daily`');
    expect(all).to.include('订阅');
    const en = textsOf(
      asJson(helpMessage('/k8sblog', [{ usage: 'subscribe', zh: '订阅', en: 'subscribe to digests' }], 'en')),
    ).join('\n');
    expect(en).to.include('subscribe to digests');
    expect(en).to.not.include('订阅');
  });

  it('attributes shares and explains every refusal with the link as a fallback', () => {
    const a = ARTICLES[0];
    expect(textsOf(asJson(sharedArticleMessage(a, 'U0ALICE'))).join('\n')).to.include('shared by <@U0ALICE>');
    for (const reason of ['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'] as const) {
      const all = textsOf(asJson(shareRefusedMessage(reason, a))).join('\n');
      expect(all, reason).to.include(a.url);
      expect(blockKitProblems(shareRefusedMessage(reason, a)), reason).to.deep.equal([]);
      // The explanation is in one language; the article's title in the fallback link stays as written.
      expect(textsOf(asJson(shareRefusedMessage(reason, a, 'en')))[0], reason).to.not.match(/\p{Script=Han}/u);
    }
  });

  it('unfurls with title, byline, ~300 characters and a source line; an empty body drops the opening', () => {
    const long: Article = { ...ARTICLES[0], body: '第一句话。'.repeat(100) };
    const texts = textsOf({ blocks: unfurlFor(long).blocks } as Json);
    expect(texts).to.have.length(4);
    expect(texts[2].length).to.be.within(150, 301);
    expect(texts[2].endsWith('。…')).to.equal(true);
    expect(textsOf({ blocks: unfurlFor({ ...ARTICLES[0], body: '' }).blocks } as Json)).to.have.length(3);
  });

  it('cuts excerpts after a sentence or a space when one is near', () => {
    expect(excerpt('a\n\nb', 300)).to.equal('a b');
    expect(excerpt('word '.repeat(100), 42)).to.match(/^(word ){7}word…$/);
  });

  it("puts the error id in the message, in the reader's language only", () => {
    const en = textsOf(asJson(errorMessage('E-ABCDEFGH', 'en'))).join(' ');
    const zh = textsOf(asJson(errorMessage('E-ABCDEFGH', 'zh'))).join(' ');
    expect(en)
      .to.include('`E-ABCDEFGH`')
      .and.include('Sorry')
      .and.not.match(/\p{Script=Han}/u);
    expect(zh).to.include('`E-ABCDEFGH`').and.include('抱歉').and.not.include('Sorry');
  });

  describe('paging values', () => {
    it('round-trip and reject anything else', () => {
      expect(decodePage(encodePage({ query: '调度 <x>', offset: 5 }))).to.deep.equal({ query: '调度 <x>', offset: 5 });
      for (const bad of [undefined, '', 'nope', '{"q":1,"o":0}', '{"q":"a","o":-5}', '{"q":"a","o":1.5}'])
        expect(decodePage(bad), String(bad)).to.equal(undefined);
    });

    it('fit a button value whatever the query holds', () => {
      const nasty = '\u0001'.repeat(5000);
      const value = encodePage({ query: nasty, offset: 0 });
      expect(value.length).to.be.at.most(2000);
      expect(decodePage(value)!.query.length).to.be.at.most(MAX_QUERY);
    });
  });

  describe('the limits checker', () => {
    it('catches each kind of violation', () => {
      const problems = blockKitProblems({
        text: 'x',
        blocks: [
          ...Array.from({ length: 49 }, () => ({ type: 'divider' })),
          { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
          { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'a',
                text: { type: 'plain_text', text: 'b'.repeat(76) },
                value: 'v'.repeat(2001),
              },
              { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' } },
            ],
          },
          { type: 'context', elements: [] },
        ],
      });
      for (const p of [
        'blocks: 53 > 50',
        'header) text: 151 > 150',
        'section) text: 3001 > 3000',
        'button text: 76 > 75',
        'button value: 2001 > 2000',
        'duplicate action_id a',
        'no elements',
      ]) {
        expect(
          problems.some((x) => x.includes(p)),
          p,
        ).to.equal(true);
      }
    });
  });
});

describe('cleanQuery', () => {
  it('collapses whitespace, straightens curly quotes for phrases, and caps the length', async () => {
    const { cleanQuery } = await import('../../src/slack/paging.js');
    expect(cleanQuery('  “pod   security”\n year:2022 ')).to.equal('"pod security" year:2022');
    expect(cleanQuery('x'.repeat(1000)).length).to.be.at.most(MAX_QUERY);
  });
});

describe('results for a corrected query', () => {
  it('says which query the results are for', () => {
    const msg = asJson(resultsMessage({ ...result(3, 3), corrected: 'kubeadm' }, 'kubeadmm', 0, 'en'));
    expect(textsOf(msg)[1]).to.equal('Showing results for “kubeadm”');
    expect(
      textsOf(asJson(resultsMessage({ ...result(3, 3), corrected: 'kubeadm' }, 'kubeadm', 0, 'en')))[1],
    ).to.not.include('Showing');
  });
});

describe('results with a spelling offered', () => {
  it('offers the suggestion as a one-click search above few results', () => {
    const msg = asJson(resultsMessage({ ...result(1, 1), suggestion: 'kubeadm' }, 'kubeadn', 0, 'en'));
    expect(textsOf(msg)[1]).to.equal('Did you mean “kubeadm”?');
    const offer = buttonsOf(msg).find((b) => b.action_id === 'page_suggest');
    expect(offer?.text).to.equal('Search “kubeadm”');
    expect(decodePage(String(offer?.value))).to.deep.equal({ query: 'kubeadm', offset: 0 });
    expect(blockKitProblems(msg)).to.deep.equal([]);
  });

  it('offers nothing when there is no suggestion or it is the query itself', () => {
    for (const suggestion of [undefined, 'kubeadm']) {
      const msg = asJson(resultsMessage({ ...result(1, 1), suggestion }, 'kubeadm', 0));
      expect(buttonsOf(msg).some((b) => b.action_id === 'page_suggest')).to.equal(false);
    }
  });
});
