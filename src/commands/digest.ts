/**
 * `k8sblog digest --dry-run [--channel C]` prints the Block Kit each subscribed channel would get now, claiming
 * nothing; `k8sblog digest --now [--channel C]` polls the feed and posts this period's digests.
 */
import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';
import { runDigests } from '../digest/delivery.js';
import { makeInstanceId } from '../digest/schedule.js';
import { DigestService } from '../digest/service.js';
import { UsageError } from '../errors.js';
import { pollUnderLock } from '../feed/locked-poll.js';
import { log, setLogLevel } from '../log.js';
import { digestMessage } from '../slack/blocks/digest.js';
import { createSlackDigestPoster } from '../slack/digest-poster.js';
import { openStore } from '../store/open-store.js';
import { openMatcher } from './live-search.js';
import { archiveIndex } from './poll.js';

const USAGE = 'usage: k8sblog digest --dry-run [--channel C] | --now [--channel C]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('digest', USAGE, {
    args,
    options: {
      'dry-run': { type: 'boolean', default: false },
      now: { type: 'boolean', default: false },
      channel: { type: 'string' },
    },
  });
  if (values['dry-run'] === values.now)
    throw new UsageError('k8sblog digest: give exactly one of --dry-run and --now', USAGE);
  const config = readConfig(process.env, { webApiOnly: true });
  setLogLevel(config.logLevel);
  if (values.now && !config.slack.botToken) {
    console.error('digest --now posts to Slack: set SLACK_BOT_TOKEN (and SLACK_API_URL to post to a local stand-in).');
    return 2;
  }
  const store = await openStore(config);
  try {
    const active = (await store.activeSubscriptions()).filter((s) => !values.channel || s.channel === values.channel);
    // Filtered subscriptions match through the search index; it is loaded only when one of them has a filter.
    const matcherNow = () => (active.some((s) => s.filter) ? openMatcher(config, store) : Promise.resolve(undefined));
    const subs = active;
    if (values.channel && subs.length === 0) {
      console.error(`channel ${values.channel} has no active subscription`);
      return 1;
    }

    if (values['dry-run']) {
      const service = new DigestService({ store, config, matcher: await matcherNow() });
      const out: unknown[] = [];
      for (const sub of subs) {
        const preview = await service.preview(sub);
        if (!preview) {
          console.error(`${sub.channel}: nothing new since its last digest`);
          continue;
        }
        out.push({
          channel: sub.channel,
          period: preview.period,
          articles: preview.articles.length,
          message: digestMessage(preview),
        });
      }
      if (subs.length === 0) console.error('no active subscriptions');
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }

    const instanceId = makeInstanceId();
    await pollUnderLock({
      store,
      feedUrl: config.feedUrl,
      blogHosts: config.blogHosts,
      maxBytes: config.feedMaxBytes,
      index: await archiveIndex(config.contentDir),
      log,
      instanceId,
    });
    // After the poll, so that the articles it stored are in the index the filters match against.
    const matcher = await matcherNow();
    const poster = createSlackDigestPoster({ token: config.slack.botToken!, apiUrl: config.slack.apiUrl, log });
    const report = await runDigests(
      { store, poster, matcher, timeZone: config.digestTz, instanceId, log },
      { channel: values.channel },
    );
    if (!report.ran) {
      console.error('another instance is posting digests right now; nothing done');
      return 1;
    }
    let failed = 0;
    for (const r of [...report.recovered, ...report.channels]) {
      const res = r.result;
      const detail = 'ts' in res && res.ts ? ` ts=${res.ts}` : 'reason' in res ? `: ${res.reason}` : '';
      console.log(`${r.channel} ${r.period}: ${res.outcome}${detail}`);
      if (res.outcome === 'error' || res.outcome === 'in-doubt') failed++;
    }
    if (report.recovered.length + report.channels.length === 0) console.log('no active subscriptions');
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
