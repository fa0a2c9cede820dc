import { expect } from 'chai';
import type { DigestService } from '../../src/digest/service.js';
import { digestHome } from '../../src/slack/home-source.js';

describe('Home tab subscriptions from the DigestService', () => {
  it("lists the workspace's active subscriptions with their last digest time, and no other workspace's", async () => {
    const posted = new Date('2024-05-06T01:00:00Z');
    const fake = {
      subscriptions: async () => [
        { workspace: 'T1', channel: 'C1', cadence: 'weekly' },
        { workspace: 'T2', channel: 'C2', cadence: 'daily' },
        { workspace: 'T1', channel: 'C3', cadence: 'daily' },
      ],
      status: async ({ channel }: { channel: string }) => ({
        lastDigest: channel === 'C1' ? { period: '2024-W19', postedAt: posted, articles: 2 } : undefined,
      }),
    } as unknown as DigestService;
    expect(await digestHome(fake).subscriptions('T1')).to.deep.equal([
      { channel: 'C1', cadence: 'weekly', lastDigestAt: posted },
      { channel: 'C3', cadence: 'daily', lastDigestAt: undefined },
    ]);
  });
});
