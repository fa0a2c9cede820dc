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

  it('shows tokens holding *, _ or ~ verbatim, in inline code, so only our bold markers pair up', () => {
    expect(plain('*.yaml and *.json')).to.equal('`*.yaml` and `*.json`');
    expect(plain('see _this_ and ~that~ now')).to.equal('see `_this_` and `~that~` now');
    // Punctuation next to the code gets a zero-width space between, as next to bold.
    expect(plain('pod_deletion_duration_seconds, and x~y.')).to.equal(
      `\`pod_deletion_duration_seconds\`${ZWSP}, and \`x~y\`${ZWSP}.`,
    );
    expect(plain('(see a*b)')).to.equal(`(see \`a*b\`${ZWSP})`);
    expect(plain('调度_器_')).to.equal(`调度${ZWSP}\`_\`${ZWSP}器${ZWSP}\`_\``);
    expect(plain('a_b&c <x>')).to.equal('`a_b&amp;c` &lt;x&gt;');
    // No look-alike characters, ever.
    expect(plain('*_~ x*y a_b c~d')).to.not.match(/[∗＿∼]/);
  });

  it('does not bold inside an identifier shown as code', () => {
    expect(highlight('pod_deletion_total is here', [[4, 12]])).to.equal('`pod_deletion_total` is here');
    expect(highlight('use kubeadm with *.yaml', [[4, 11]])).to.equal('use *kubeadm* with `*.yaml`');
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

/** What Slack shows for mrkdwn we wrote: our bold markers, code quotes and zero-width spaces gone, entities read. */
function visible(mrkdwn: string): string {
  const codes: string[] = [];
  return mrkdwn
    .replaceAll(ZWSP, '')
    .replace(/`([^`]*)`/g, (_, inner: string) => `\u0000${codes.push(inner) - 1}\u0000`)
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)])
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('mrkdwn shows archive text verbatim', () => {
  it('for every snippet of every development and held-out query, the visible text equals the snippet', async () => {
    const path = await import('node:path');
    const { readFile } = await import('node:fs/promises');
    const { loadArchive } = await import('../../src/archive/load.js');
    const { PROJECT_ROOT } = await import('../../src/config.js');
    const { SearchEngine } = await import('../../src/search/engine.js');
    const { articles } = await loadArchive(path.join(PROJECT_ROOT, 'content'));
    const engine = SearchEngine.build(articles);
    const queries: string[] = [];
    for (const file of ['dev.jsonl', 'held-out.jsonl']) {
      const text = await readFile(path.join(PROJECT_ROOT, 'bench', 'queries', file), 'utf8');
      for (const line of text.split('\n')) if (line.trim()) queries.push((JSON.parse(line) as { query: string }).query);
    }
    // Queries for identifiers and globs, whose snippets hold the characters Slack reads as markers.
    queries.push('pod_deletion_duration_seconds', '*.yaml', 'kube_pod_status', 'memory.high', '--feature-gates');
    let checked = 0;
    for (const q of queries) {
      for (const hit of engine.search(q, { limit: 10 }).results) {
        // Backquotes the article itself kept (`types.go`) are code to Slack as well: they are markers on both sides.
        const expected = hit.snippet.replace(/`([^`]*)`/g, '$1');
        expect(visible(highlight(hit.snippet, hit.highlights)), `${q}: ${hit.id}`).to.equal(expected);
        checked++;
      }
      expect(visible(plain(q)), q).to.equal(q);
    }
    expect(checked).to.be.greaterThan(500);
  });
});
