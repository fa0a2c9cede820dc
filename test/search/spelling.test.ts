import { expect } from 'chai';
import { SpellingCorrector, withinOneEdit } from '../../src/search/spelling.js';

describe('search spelling correction', () => {
  it('knows one edit: insertion, deletion, substitution, swap of neighbours', () => {
    expect(withinOneEdit('kubeamd', 'kubeadm')).to.equal(true);
    expect(withinOneEdit('dockershm', 'dockershim')).to.equal(true);
    expect(withinOneEdit('gatway', 'gateway')).to.equal(true);
    expect(withinOneEdit('kubelat', 'kubelet')).to.equal(true);
    expect(withinOneEdit('kubeadm', 'kubectl')).to.equal(false);
    expect(withinOneEdit('abcd', 'badc')).to.equal(false);
  });

  it('picks the most frequent known word within one edit, and only a more frequent one', () => {
    const c = new SpellingCorrector();
    c.addWord('kubeadm', 40);
    c.addWord('kubelet', 80);
    c.addWord('gateway', 20);
    c.addWord('getaway', 1);
    expect(c.correct('kubeamd')).to.equal('kubeadm');
    expect(c.correct('gatway')).to.equal('gateway');
    expect(c.correct('kubeadm')).to.equal(undefined);
    expect(c.correct('zzzzzz')).to.equal(undefined);
    expect(c.correct('abc')).to.equal(undefined);
    c.addWord('kubeadx', 100);
    expect(c.correct('kubeadm')).to.equal('kubeadx');
  });

  it('corrects to a target no document holds only when no indexed word is within one edit, and does not save it', () => {
    const c = new SpellingCorrector();
    c.addWord('observe', 3);
    c.addTarget('observability');
    expect(c.correct('obserability')).to.equal('observability');
    expect(c.frequency('observability')).to.equal(0);
    c.addWord('obserbability', 1);
    expect(c.correct('obserability')).to.equal('obserbability');
    expect([...c.entries()].map(([w]) => w)).to.not.include('observability');
  });

  it('learns words added after its first use', () => {
    const c = new SpellingCorrector();
    c.addWord('kubeadm', 3);
    expect(c.correct('kubeamd')).to.equal('kubeadm');
    c.addWord('fluxcapacitor');
    expect(c.correct('fluxcapacitr')).to.equal('fluxcapacitor');
    expect(SpellingCorrector.eligible('k8s')).to.equal(false);
    expect(SpellingCorrector.eligible('1.29')).to.equal(false);
  });
});
