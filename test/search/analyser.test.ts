import { expect } from 'chai';
import { analyse } from '../../src/search/analyser.js';
import { SearchEngine } from '../../src/search/engine.js';
import { article } from './fixtures.js';

const has = (text: string, term: string, words = false) => analyse(text, { words }).includes(term);

describe('search analyser', () => {
  it('reads ideographs as overlapping bigrams, so a word is found inside a longer one', () => {
    expect(analyse('准入控制器')).to.include.members(['准入', '入控', '控制', '制器']);
    const engine = SearchEngine.build([
      article({ slug: 'a', date: '2023-01-01', title: '关于准入控制器', body: '正文' }),
    ]);
    expect(engine.search('准入').results.map((h) => h.id)).to.deep.equal(['2023-01-01-a']);
  });

  it('keeps Latin words whole: "made" does not find "kubeadm"', () => {
    expect(analyse('kubeadm init')).to.include('kubeadm').and.not.include('made');
    for (const t of analyse('kubeadm')) expect(t.length).to.be.greaterThan(1);
    const engine = SearchEngine.build([
      article({ slug: 'a', date: '2023-01-01', title: 'kubeadm 的新特性', body: 'kubeadm init' }),
    ]);
    expect(engine.search('made').total).to.equal(0);
  });

  it('makes 1.29, v1.29 and 1.29.0 meet (and keeps 1.2 apart from 1.29)', () => {
    for (const form of ['1.29', 'v1.29', 'V1.29', '1.29.0', 'Kubernetes v1.29.3'])
      expect(analyse(form), form).to.include('1.29');
    expect(analyse('1.29.0')).to.include('1.29.0');
    expect(analyse('v1.2')).to.include('1.2').and.not.include('1.29');
  });

  it('makes the forms of a KEP number meet', () => {
    for (const form of [
      'KEP-3386',
      'kep-3386',
      'KEP 3386',
      'KEP #3386',
      'kep3386',
      'https://kep.k8s.io/3386',
      'github.com/kubernetes/enhancements/issues/3386',
      'keps/sig-node/3386-kubelet-evented-pleg',
    ]) {
      expect(analyse(form), form).to.include('kep3386');
    }
    expect(analyse('KEP-1040')).to.not.include('kep3386');
  });

  it('keeps identifiers in forms that users spellings meet', () => {
    expect(analyse('registry.k8s.io')).to.include.members(['registry.k8s.io', 'registry']);
    expect(analyse('CRI-O')).to.include('crio');
    expect(analyse('crio')).to.include('crio');
    expect(analyse('cgroup v2')).to.include('cgroupv2');
    expect(analyse('cgroupv2')).to.include('cgroupv2');
    expect(analyse('ReadWriteOncePod')).to.include('readwriteoncepod');
    expect(analyse('Pod Security')).to.include('podsecurity');
    expect(analyse('dual-stack')).to.include('dualstack');
    expect(analyse('dual stack')).to.include('dualstack');
  });

  it('folds case and full-width forms (NFKC)', () => {
    expect(analyse('ＫＵＢＥＡＤＭ　１．２９')).to.include.members(['kubeadm', '1.29']);
    expect(analyse('PodSecurityPolicy')).to.deep.equal(analyse('podsecuritypolicy'));
  });

  it('adds the segmenter’s one-character and long words only where asked (titles, headings, queries)', () => {
    expect(has('持久卷', '卷', true)).to.equal(true);
    expect(has('持久卷', '卷', false)).to.equal(false);
    expect(has('容器运行时', '运行时', true) || has('容器运行时', '时', true)).to.equal(true);
  });

  it('pairs characters outside the BMP by code point, never splitting a surrogate pair', () => {
    for (const t of analyse('𠀀𠀁中文')) expect(t, JSON.stringify(t)).to.not.match(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    expect(analyse('𠀀𠀁')).to.include('𠀀𠀁');
  });

  it('reads a token up to its last word character, joiners only between word characters', () => {
    expect(analyse('foo-')).to.deep.equal(['foo']);
    expect(analyse('a--b c')).to.deep.equal(['a', 'b', 'c', 'bc']);
    expect(analyse('x.y. z')).to.deep.equal(['x.y', 'z']);
    expect(analyse('v1.29-beta')).to.deep.equal(['v1.29-beta', '1.29', 'beta']);
    expect(analyse('_x_ y')).to.deep.equal(['_x_', 'y']);
  });

  it('splits runs where the script changes, and at a lone surrogate', () => {
    expect(analyse('中a文b')).to.deep.equal(['中', 'a', '文', 'b']);
    expect(analyse('カーネル系统')).to.deep.equal(['カー', 'ーネ', 'ネル', 'ル系', '系统']);
    expect(analyse('ab\ud800cd')).to.deep.equal(['ab', 'cd']);
    expect(analyse('𠀀𠀁中')).to.deep.equal(['𠀀𠀁', '𠀁中']);
    expect(analyse('e\u0301tcd-x')).to.deep.equal(['étcdx', 'étcd']);
  });

  it('gives each run of a long heading list the words it gets alone (runs are segmented in batches)', () => {
    const runs = ['持久卷', '容器运行时', '准入控制器的安全', '池', '调度', '网络策略的新特性', '节点'];
    const many = Array.from({ length: 60 }, (_, i) => runs[i % runs.length]);
    const alone = many.flatMap((run) => analyse(run, { words: true }));
    expect(analyse(many.join('，'), { words: true })).to.deep.equal(alone);
    expect(alone).to.include.members(['卷', '池', '控制器']);
  });

  it('analyses a long run of ideographs quickly (the segmenter only sees short pieces)', () => {
    const text = '准入控制器'.repeat(4000);
    const started = performance.now();
    const terms = analyse(text, { words: true });
    expect(performance.now() - started).to.be.lessThan(2000);
    expect(terms.length).to.be.greaterThan(19_000);
  });
});
