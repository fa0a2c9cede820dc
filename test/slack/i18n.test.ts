import { expect } from 'chai';
import { questionOf, unSlack } from '../../src/slack/conversation/question.js';
import { RateLimiter } from '../../src/slack/conversation/rate-limit.js';
import { CATALOGUES, langOfLocale, translator } from '../../src/slack/i18n/catalogue.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  it('have the same keys in every language, each with the same {values}, none empty', () => {
    const [zh, en] = [CATALOGUES.zh, CATALOGUES.en];
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(placeholders(en[key]), key).to.deep.equal(placeholders(zh[key]));
      expect(zh[key].trim(), key).to.not.equal('');
      expect(en[key].trim(), key).to.not.equal('');
    }
  });

  it('keep each language to itself: no Han characters in English lines', () => {
    for (const [key, text] of Object.entries(CATALOGUES.en)) expect(text, key).to.not.match(/\p{Script=Han}/u);
  });

  it('pick Chinese for every zh-* locale and English for the rest', () => {
    expect(['zh-CN', 'zh-TW', 'zh_HK', 'zh'].map(langOfLocale)).to.deep.equal(['zh', 'zh', 'zh', 'zh']);
    expect(['en-US', 'ja-JP', 'zu-ZA', '', undefined].map(langOfLocale)).to.deep.equal(['en', 'en', 'en', 'en', 'en']);
  });

  it('fill values and leave unknown ones visible', () => {
    expect(translator('en')('results.text', { total: 3, query: 'x' })).to.equal('3 results for “x”');
    expect(translator('en')('results.text', { total: 3 })).to.equal('3 results for “{query}”');
  });
});

describe('the question in a message', () => {
  it('drops mentions, broadcast markup and chatter, keeps link labels and the words asked', () => {
    expect(questionOf('<@U0K8SBLOG> 请问 有没有文章讲 kubeadm 升级? 谢谢')).to.equal('kubeadm 升级');
    expect(questionOf('<@U0K8SBLOG> 如何让 Pod 在节点污点出现时被驱逐？')).to.equal(
      '如何让 Pod 在节点污点出现时被驱逐',
    );
    expect(questionOf('hi <@U0K8SBLOG>, please: any articles about pod security? thanks')).to.equal('pod security');
    expect(questionOf('<!channel> <#C123|general> <https://x.example/a|the doc> sidecar')).to.equal(
      'general the doc sidecar',
    );
    expect(unSlack('a &lt;b&gt; &amp; c')).to.equal('a <b> & c');
    // Whole words only: "hint" and "this" keep their letters.
    expect(questionOf('this hint')).to.equal('this hint');
    expect(questionOf('<@U0K8SBLOG>   ')).to.equal('');
  });
});

describe('RateLimiter', () => {
  it('allows `limit` per window, tells once, drops the rest, and forgets after the window', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    const verdicts = Array.from({ length: 6 }, () => limiter.take('u'));
    expect(verdicts).to.deep.equal(['ok', 'ok', 'ok', 'tell', 'drop', 'drop']);
    expect(limiter.take('v')).to.equal('ok');
    now = 60_001;
    expect(limiter.take('u')).to.equal('ok');
  });
});
