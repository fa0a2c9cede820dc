import { expect } from 'chai';
import { MemoryOnceStore } from '../../src/slack/once.js';

describe('MemoryOnceStore', () => {
  it('grants a key once within its window and again after it', () => {
    let now = 1000;
    const once = new MemoryOnceStore(() => now);
    expect(once.claim('a', 100)).to.equal(true);
    expect(once.claim('a', 100)).to.equal(false);
    expect(once.claim('b', 100)).to.equal(true);
    now += 99;
    expect(once.claim('a', 100)).to.equal(false);
    now += 1;
    expect(once.claim('a', 100)).to.equal(true);
  });

  it('gives a claim back on release', () => {
    const once = new MemoryOnceStore();
    once.claim('k', 60_000);
    once.release('k');
    expect(once.claim('k', 60_000)).to.equal(true);
  });

  it('stays bounded, dropping the oldest keys first', () => {
    const once = new MemoryOnceStore(Date.now, 3);
    for (const k of ['a', 'b', 'c', 'd']) once.claim(k, 60_000);
    expect(once.size).to.equal(3);
    expect(once.claim('a', 60_000)).to.equal(true);
    expect(once.claim('d', 60_000)).to.equal(false);
  });
});
