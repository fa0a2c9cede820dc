import { expect } from 'chai';
import { keyed, Occurrences, TextIndex } from '../../src/search/occurrences.js';

/** What the index must find: every occurrence by indexOf within [lo, hi), Latin needles on word boundaries. */
function naive(text: string, needle: string, lo: number, hi: number, limit: number): number[] {
  const view = text.slice(lo, hi);
  const alnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  const out: number[] = [];
  for (let i = view.indexOf(needle); i >= 0 && out.length < limit; i = view.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    const versionAfterV = /[0-9]/.test(needle[0]) && view[i - 1] === 'v';
    if (alnum(needle[0]) && i > 0 && alnum(view[i - 1]) && !versionAfterV) continue;
    if (alnum(needle[needle.length - 1]) && end < view.length && alnum(view[end])) continue;
    out.push(lo + i);
  }
  return out;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('search occurrences', () => {
  const alphabet = ['a', 'b', 'v', '1', '2', '.', '-', ' ', '节', '点', '容', '器', '😀', 'é'];
  const needles = [
    'a',
    'ab',
    'ba',
    'b1',
    '1.2',
    '12',
    'v1',
    'a.b',
    '节点',
    '点',
    '容器',
    '器 a',
    '😀',
    '😀节',
    '.2',
    '-a',
    'aé',
    'é',
    'ab ab',
  ];
  const texts = (() => {
    const next = random(7);
    const out: string[] = [];
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(next() * 120);
      let text = '';
      while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
      out.push(text);
    }
    return out;
  })();
  const starts = (out: Occurrences) => Array.from(out.start.subarray(0, out.length));

  it('index: finds the first occurrences a scan finds, in order', () => {
    const next = random(11);
    const out = new Occurrences();
    for (const text of texts) {
      const index = new TextIndex(text);
      for (const needle of needles) {
        const limit = next() < 0.5 ? Infinity : 1 + Math.floor(next() * 4);
        out.length = 0;
        index.find(keyed(needle), 3, limit, out);
        expect(starts(out), `${JSON.stringify(text)} ${needle} ×${limit}`).to.deep.equal(
          naive(text, needle, 0, text.length, limit),
        );
        for (let i = 0; i < out.length; i++) {
          expect(out.end[i] - out.start[i]).to.equal(needle.length);
          expect(out.needle[i]).to.equal(3);
        }
      }
    }
  });

  it('index: finds every occurrence a scan of a range finds, for any range', () => {
    const next = random(13);
    const markers = needles.map(keyed);
    const out = new Occurrences();
    for (const text of texts) {
      const index = new TextIndex(text);
      for (let r = 0; r < 4; r++) {
        const lo = next() < 0.3 ? 0 : Math.floor(next() * text.length);
        const hi = next() < 0.3 ? text.length : lo + Math.floor(next() * (text.length - lo + 1));
        out.length = 0;
        index.findAll(markers, lo, hi, out);
        const got = Array.from(
          { length: out.length },
          (_, i) => `${needles[out.needle[i]]}@${out.start[i]}-${out.end[i]}`,
        ).sort();
        const want = needles
          .flatMap((needle) => naive(text, needle, lo, hi, Infinity).map((p) => `${needle}@${p}-${p + needle.length}`))
          .sort();
        expect(got, `${JSON.stringify(text)} [${lo}, ${hi})`).to.deep.equal(want);
      }
    }
  });

  it('handles texts longer than 64 k characters', () => {
    const text = `${'字'.repeat(70_000)} kubeadm 字 kubeadm`;
    const out = new Occurrences();
    new TextIndex(text).find(keyed('kubeadm'), 0, Infinity, out);
    expect(starts(out)).to.deep.equal([70_001, 70_011]);
    out.length = 0;
    new TextIndex(text).findAll(['kubeadm', '字'].map(keyed), 69_999, 70_012, out);
    expect(starts(out).sort((a, b) => a - b)).to.deep.equal([69_999, 70_001, 70_009]);
  });

  it('sort by start, longer first, and grow past their first size', () => {
    const out = new Occurrences();
    for (let i = 200; i > 0; i--) out.push(i % 50, (i % 50) + (i % 3), i);
    out.sort();
    for (let i = 1; i < out.length; i++) {
      const ordered =
        out.start[i - 1] < out.start[i] || (out.start[i - 1] === out.start[i] && out.end[i - 1] >= out.end[i]);
      expect(ordered, `at ${i}`).to.equal(true);
    }
    expect(out.length).to.equal(200);
  });
});
