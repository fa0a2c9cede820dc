/**
 * "Run digest now" on the page: what the scheduler does on DIGEST_CRON, for the page's channel, at once, with the
 * outcome told in plain words. With the sample feed, the blog first "publishes" the next held-back posts, so there
 * is something new to digest. The digest itself is the real one: the scheduler polls the feed, claims this
 * period's delivery, posts through the stand-in, and completes it — so a second run in the same period posts
 * nothing, exactly as in production.
 */

import type { ChannelOutcome } from '../digest/delivery.js';
import type { DigestScheduler } from '../digest/schedule.js';
import type { Store } from '../store/types.js';
import type { SampleFeed } from './sample-feed/server.js';
import type { Timeline } from './timeline.js';

/** Posts the sample blog publishes per run: enough for a digest of more than one article. */
export const PUBLISH_PER_RUN = 2;

export interface DigestControlDeps {
  scheduler: Pick<DigestScheduler, 'pollNow' | 'digestNow'>;
  store: Pick<Store, 'getSubscription'>;
  timeline: Timeline;
  workspace: string;
  channel: string;
  feedUrl: string;
  command: string;
  sampleFeed?: SampleFeed;
}

export class DigestControl {
  private running?: Promise<void>;

  constructor(private readonly deps: DigestControlDeps) {}

  /** One run at a time: a second click while one is running waits for it instead of starting another. */
  run(): Promise<void> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const { store, scheduler, timeline, workspace, channel, sampleFeed } = this.deps;
    const say = (text: string, tone: 'info' | 'error' = 'info') => timeline.notice(channel, text, tone);

    const sub = await store.getSubscription(workspace, channel);
    if (sub?.status !== 'active') {
      const why =
        sub?.status === 'paused'
          ? `its subscription is paused (${sub.lastError ?? 'Slack refused a digest'})`
          : 'it is not subscribed';
      say(`No digest for this channel: ${why}. Type ${this.deps.command} subscribe first.`, 'error');
      return;
    }

    if (sampleFeed) {
      const published = sampleFeed.publish(PUBLISH_PER_RUN);
      say(
        published.length
          ? `Sample feed: the blog published ${published.map((p) => `“${p.title}” (${p.date})`).join(' and ')}.`
          : 'Sample feed: every sample post is published already; nothing new will arrive.',
      );
    }

    const poll = await scheduler.pollNow({ force: true });
    if (poll?.status === 'failed') {
      say(
        `The feed could not be read (${this.deps.feedUrl}): ${poll.reason}. ` +
          'Only articles that arrived earlier can be in a digest. Without internet, use the sample feed: npm run playground:sample.',
        'error',
      );
    } else if (poll?.status === 'baseline') {
      say(
        `First read of the feed: its ${poll.items} posts are marked as seen and will not be announced; later posts will be.`,
      );
    }

    const report = await scheduler.digestNow({ cadences: [sub.cadence] });
    if (!report.ran) {
      say('Another instance is posting digests right now; nothing was done.', 'error');
      return;
    }
    const mine = [...report.recovered, ...report.channels].filter(
      (r) => r.workspace === workspace && r.channel === channel,
    );
    if (mine.length === 0) say('The digest run did not reach this channel.', 'error');
    for (const r of mine)
      say(
        describe(r.result, r.period),
        r.result.outcome === 'error' || r.result.outcome === 'in-doubt' ? 'error' : 'info',
      );
  }
}

function describe(result: ChannelOutcome, period: string): string {
  switch (result.outcome) {
    case 'posted':
    case 'found-posted':
      return `Digest for ${period} posted with ${result.articles} article${result.articles === 1 ? '' : 's'}.`;
    case 'already-delivered':
      return `This channel already got its digest for ${period}; new articles wait for the next period (one digest per channel per period).`;
    case 'nothing-new':
      return `Nothing new since this channel's last digest, so no message for ${period}.`;
    case 'paused':
      return `Slack refused the digest (${result.reason}): the subscription is paused.`;
    case 'released':
      return `The digest was not posted (${result.reason}); its articles wait for the next run.`;
    case 'in-doubt':
      return `Unsure whether the digest was posted (${result.reason}); the next run finds out before posting again.`;
    case 'error':
      return `The digest failed: ${result.reason}`;
  }
}
