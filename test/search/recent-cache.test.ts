import { expect } from 'chai';
import { RecentCache } from '../../src/search/recent-cache.js';

describe('search recent cache', () => {
  it('keeps at most its capacity, dropping the oldest entry not read since it was added', () => {
    const cache = new RecentCache<string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).to.equal('a');
    cache.set(3, 'c');
    expect(cache.get(2)).to.equal(undefined);
    expect(cache.get(1)).to.equal('a');
    expect(cache.get(3)).to.equal('c');
  });

  it('drops the oldest when every entry was read, and forgets a deleted key', () => {
    const cache = new RecentCache<string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    cache.get(1);
    cache.get(2);
    cache.set(3, 'c');
    expect([cache.get(1), cache.get(2), cache.get(3)]).to.deep.equal([undefined, 'b', 'c']);
    cache.delete(3);
    expect(cache.get(3)).to.equal(undefined);
  });
});
