/**
 * `k8sblog poll`: reads the feed once now (backoff ignored), stores what is new, and sends the personal alerts it
 * brings (so a deployment without the bot's cron still alerts); prints what happened.
 */
import type { Article } from '../archive/article.js';
import { loadArchive } from '../archive/load.js';
import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';
import { makeInstanceId } from '../digest/schedule.js';
import { pollUnderLock } from '../feed/locked-poll.js';
import type { LiveIndex } from '../feed/poller.js';
import { type AlertRunReport, runAlerts } from '../follow/alerts.js';
import { log, setLogLevel } from '../log.js';
import { redactUrl } from '../redact.js';
import { createSlackAlertPoster } from '../slack/alert-poster.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { openMatcher } from './live-search.js';

const USAGE = 'usage: k8sblog poll [--json] [--feed-url URL]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('poll', USAGE, {
    args,
    options: { json: { type: 'boolean', default: false }, 'feed-url': { type: 'string' } },
  });
  const config = readConfig(process.env, { webApiOnly: true });
  setLogLevel(config.logLevel);
  const feedUrl = values['feed-url'] ?? config.feedUrl;
  const store = await openStore(config);
  try {
    const index = await archiveIndex(config.contentDir);
    const result = await pollUnderLock({
      store,
      feedUrl,
      blogHosts: config.blogHosts,
      maxBytes: config.feedMaxBytes,
      index,
      force: true,
      log,
      instanceId: makeInstanceId(),
    });
    if (result.status === 'busy') {
      console.error('poll: another instance is polling the feed right now; try again in a moment');
      return 1;
    }
    // The feed URL may carry credentials (user info, an access token): printed redacted like everywhere else.
    const shown = redactUrl(feedUrl);
    // A failed poll still sends what earlier runs stored (by `digest --now`, another instance, a run whose alert was
    // given back): the running bot does the same after a failed poll, and a cron-less deployment has only this.
    const alerts = await sendAlerts(config, store);
    if (values.json) {
      console.log(JSON.stringify({ ...result, ...(alerts ? { alerts } : {}) }, null, 2));
    } else {
      switch (result.status) {
        case 'baseline':
          console.log(
            `first poll of ${shown}: ${result.items} items marked as seen (none will be announced); ${result.stored.length} stored for search`,
          );
          break;
        case 'updated':
          console.log(`${shown}: ${result.items} items, ${result.announced.length} new`);
          for (const a of result.announced)
            console.log(`  new: ${a.article.date}  ${a.article.title}  ${a.article.url}`);
          break;
        case 'not-modified':
          console.log(`${shown}: not modified since the last poll`);
          break;
        case 'failed':
          console.error(`${shown}: poll failed (${result.consecutiveFailures} in a row): ${result.reason}`);
          break;
        case 'backing-off':
          break;
      }
      if (alerts && !alerts.sent && alerts.tokenRefused) console.error(alertLine(alerts));
      else if (alerts) console.log(alertLine(alerts));
    }
    return result.status === 'failed' || (alerts && !alerts.sent && alerts.tokenRefused) ? 1 : 0;
  } finally {
    await store.close();
  }
}

type AlertsDone = { sent: false; reason: string; tokenRefused?: boolean } | { sent: true; report: AlertRunReport };

/** Slack's answers that mean SLACK_BOT_TOKEN itself is wrong (or lacks a scope): every DM would fail the same way. */
const TOKEN_REFUSED =
  /\b(invalid_auth|not_authed|token_revoked|token_expired|invalid_token|not_allowed_token_type|missing_scope)\b/;

/**
 * Alerts for what this poll (or an earlier one) stored and nobody has been alerted to yet; undefined when nobody
 * follows anything. Without a bot token nothing is sent, and the one line says why.
 */
async function sendAlerts(config: ReturnType<typeof readConfig>, store: Store): Promise<AlertsDone | undefined> {
  const follows = await store.activeFollows();
  if (!follows.length) return undefined;
  if (!config.slack.botToken)
    return { sent: false, reason: 'SLACK_BOT_TOKEN is not set (the running bot sends them after its next poll)' };
  const matcher = await openMatcher(config, store);
  const poster = createSlackAlertPoster({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, log });
  const report = await runAlerts({ store, poster, matcher, instanceId: makeInstanceId(), log });
  if (!report.ran) return { sent: false, reason: 'another instance is sending alerts right now' };
  const refused = [...report.recovered, ...report.users]
    .map((u) => ('reason' in u.result ? TOKEN_REFUSED.exec(u.result.reason)?.[1] : undefined))
    .find(Boolean);
  const posted = [...report.recovered, ...report.users].some((u) => u.result.outcome === 'posted');
  if (refused && !posted) {
    const where = config.slack.apiUrl.includes('slack.com') ? '' : ` (SLACK_API_URL=${config.slack.apiUrl})`;
    return {
      sent: false,
      tokenRefused: true,
      reason: `Slack refused SLACK_BOT_TOKEN (${refused}): check the token and its scopes (chat:write, im:write)${where}`,
    };
  }
  return { sent: true, report };
}

function alertLine(alerts: AlertsDone): string {
  if (!alerts.sent) return `alerts: not sent: ${alerts.reason}`;
  const all = [...alerts.report.recovered, ...alerts.report.users];
  const count = (o: string) => all.filter((u) => u.result.outcome === o).length;
  const sent = count('posted');
  const parts = [`${sent} ${sent === 1 ? 'DM' : 'DMs'} sent`];
  for (const o of ['paused', 'released', 'in-doubt', 'error']) if (count(o)) parts.push(`${count(o)} ${o}`);
  return `alerts: ${parts.join(', ')}`;
}

/**
 * The archive's URLs, so that a feed item already in content/ is not taken for new. New articles are stored; the
 * running bot adds them to its search index at its next poll.
 */
export async function archiveIndex(contentDir: string): Promise<LiveIndex | undefined> {
  try {
    const { articles } = await loadArchive(contentDir);
    const byUrl = new Map<string, Article>(articles.map((a) => [a.url, a]));
    return { byUrl: (url) => byUrl.get(url), add: () => undefined };
  } catch (err) {
    log.warn('poll: content/ could not be read; items are checked against the store only', {
      contentDir,
      error: String(err),
    });
    return undefined;
  }
}
