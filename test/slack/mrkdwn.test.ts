import { expect } from 'chai';
import { bold, escapeText, highlight, link, mention, plain, truncate, ZWSP } from '../../src/slack/mrkdwn.js';

describe('mrkdwn', () => {
  it('escapes &, < and > so mentions and links cannot be forged', () => {
    expect(escapeText('<!channel> & <@U1> <http://x|y>')).to.equal(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;http://x|y&gt;',
    );
  });

  it('builds links whose label cannot break out', () => {
    expect(link('https://k8s.io/a b', 'x|<!here>')).to.equal('<https://k8s.io/a%20b|x｜&lt;!here&gt;>');
  });

  it('replaces stray asterisks in archive text so only our bold markers pair up', () => {
    expect(plain('*.yaml and *.json')).to.equal('∗.yaml and ∗.json');
  });

  it('replaces _ and ~ where Slack could read them as italics or strike-through, but not inside identifiers', () => {
    expect(plain('see _this_ and ~that~ now')).to.equal('see ＿this＿ and ∼that∼ now');
    expect(plain('pod_deletion_total and x~y')).to.equal('pod_deletion_total and x~y');
    expect(plain('调度_器_')).to.equal('调度_器＿');
    // Next to our own bold markers a piece's end is a boundary, so the marker goes there too.
    expect(highlight('pod_deletion_total', [[4, 12]])).to.equal(`pod＿${ZWSP}*deletion*${ZWSP}＿total`);
  });

  describe('bold next to CJK text', () => {
    it('puts zero-width spaces between the markers and CJK neighbours', () => {
      expect(highlight('使用kubeadm部署', [[2, 9]])).to.equal(`使用${ZWSP}*kubeadm*${ZWSP}部署`);
      expect(highlight('调度器的插件', [[0, 3]])).to.equal(`*调度器*${ZWSP}的插件`);
      expect(highlight('关于调度器', [[2, 5]])).to.equal(`关于${ZWSP}*调度器*`);
    });

    it('adds nothing next to whitespace or at the ends', () => {
      expect(highlight('run kubeadm now', [[4, 11]])).to.equal('run *kubeadm* now');
      expect(bold('x')).to.equal('*x*');
    });

    it('treats punctuation neighbours as needing a boundary too', () => {
      expect(highlight('（调度器）', [[1, 4]])).to.equal(`（${ZWSP}*调度器*${ZWSP}）`);
    });
  });

  describe('highlight ranges', () => {
    it('merges touching and overlapping ranges into one run', () => {
      expect(
        highlight('abcdef', [
          [2, 4],
          [0, 2],
          [3, 5],
        ]),
      ).to.equal(`*abcde*${ZWSP}f`);
    });

    it('keeps bold off the whitespace at a range edge', () => {
      expect(highlight('a  foo  b', [[1, 7]])).to.equal('a  *foo*  b');
      expect(highlight('a   b', [[1, 4]])).to.equal('a   b');
    });

    it('clamps out-of-range and ignores empty or reversed ranges', () => {
      expect(
        highlight('abc', [
          [-5, 1],
          [2, 99],
          [2, 1],
        ]),
      ).to.equal(`*a*${ZWSP}b${ZWSP}*c*`);
    });

    it('escapes inside and outside the bold text', () => {
      expect(highlight('a<b>&c', [[1, 4]])).to.equal(`a${ZWSP}*&lt;b&gt;*${ZWSP}&amp;c`);
    });

    it('never splits a surrogate pair', () => {
      const out = highlight('😀x', [[1, 3]]);
      expect(out).to.equal('*😀x*');
    });
  });

  it('truncates on code point boundaries with an ellipsis', () => {
    expect(truncate('abcdef', 4)).to.equal('abc…');
    expect(truncate('ab😀cd', 4)).to.equal('ab…');
    expect(truncate('short', 10)).to.equal('short');
  });

  it('builds mentions only from Slack ids', () => {
    expect(mention('U0ALICE')).to.equal('<@U0ALICE>');
    expect(mention('<!channel>')).to.equal('&lt;!channel&gt;');
  });
});
