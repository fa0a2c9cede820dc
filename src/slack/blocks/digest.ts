/**
 * The digest a subscribed channel gets, and the answers to `/k8sblog subscribe | unsubscribe | status`. The digest is
 * read by a whole channel and stays in Chinese with English counts (docs/slack-commands.md); the answers go to one
 * person, in that person's language. Every text from the archive or the feed goes through plain()/link(), so an
 * article cannot mention or link anyone.
 */
import type { Article } from '../../archive/article.js';
import type { DigestMessage } from '../../digest/port.js';
import type { ChannelStatus, SubscribeResult } from '../../digest/service.js';
import { summarise } from '../../digest/summary.js';
import { redactUrl, redactUrlsIn } from '../../redact.js';
import { type Lang, type Translate, translator } from '../i18n/catalogue.js';
import { escapeText, link, mention, plain, truncate } from '../mrkdwn.js';
import { archiveMatches, exampleLines } from './archive-matches.js';
import { byline, titleLink } from './article.js';
import { type Block, context, divider, header, type SlackMessage, section } from './message.js';
import { slackTime } from './time.js';

const BLOG_URL = 'https://kubernetes.io/zh-cn/blog/';

/** The one message of a digest: a header, a line about the period, then each article with a short summary. */
export function digestMessage(digest: Pick<DigestMessage, 'period' | 'cadence' | 'articles'>): SlackMessage {
  const n = digest.articles.length;
  const title = digest.cadence === 'daily' ? 'Kubernetes 中文博客 · 今日新文章' : 'Kubernetes 中文博客 · 本周新文章';
  const blocks: Block[] = [
    header(title),
    context(
      `${periodLabel(digest.period)} · ${n} 篇新文章 · ${n} new ${n === 1 ? 'article' : 'articles'} · ${link(BLOG_URL, 'kubernetes.io/zh-cn/blog')}`,
    ),
    divider(),
  ];
  for (const article of digest.articles) blocks.push(articleSection(article));
  blocks.push(
    divider(),
    context('`/k8sblog status` 查看订阅 · `/k8sblog unsubscribe` 取消订阅 · _status / unsubscribe_'),
  );
  const titles = digest.articles.map((a) => `「${truncate(a.title, 80)}」`).join('');
  return { text: plain(truncate(`${title}：${n} 篇新文章 ${titles}`, 1500)), blocks };
}

function articleSection(article: Article): Block {
  const summary = summarise(article, 120);
  return section([titleLink(article), byline(article), summary ? plain(summary) : ''].filter(Boolean).join('\n'));
}

/** `2026-W32` → `2026 年第 32 周` (or `2026 week 32`); a day stays as it is. */
export function periodLabel(period: string, lang: Lang = 'zh'): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  return week ? translator(lang)('period.week', { year: week[1], week: Number(week[2]) }) : period;
}

const CHANGE_KEY = {
  subscribed: 'subscribe.subscribed',
  resumed: 'subscribe.resumed',
  'cadence-changed': 'subscribe.cadenceChanged',
  'filter-changed': 'subscribe.filterChanged',
  unchanged: 'subscribe.unchanged',
} as const;

export function subscribeReply(result: SubscribeResult, timeZone: string, lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  const cadence = t(`cadence.${result.subscription.cadence}`);
  const when = result.nextDigestAt ? t('subscribe.next', { time: slackTime(result.nextDigestAt, timeZone) }) : '';
  const what = t(CHANGE_KEY[result.change], { cadence });
  // Chinese sentences end in 。 and follow each other without a space.
  const blocks: Block[] = [
    section([what, when].filter(Boolean).join(lang === 'zh' ? '' : ' ')),
    ...filterBlocks(result, t),
  ];
  if (result.change === 'subscribed' || result.change === 'resumed') {
    blocks.push(context(t('subscribe.invite', { bot: 'k8sblog' })));
  }
  return { text: what, blocks };
}

/** The filter a subscription has (or no longer has), and what it matches in the archive: at most three examples. */
function filterBlocks(result: SubscribeResult, t: Translate): Block[] {
  const filter = result.subscription.filter;
  if (!filter) return result.previousFilter ? [context(t('subscribe.noFilter'))] : [];
  const lines = [t('subscribe.filter', { query: `\`${escapeText(truncate(filter, 80))}\`` })];
  const m = result.filterMatches;
  if (m) lines.push(archiveMatches(t, m.count, m.more));
  const blocks: Block[] = [section(lines.join('\n'))];
  if (m?.examples.length) blocks.push(section(`${t('archive.examples')}\n${exampleLines(m.examples).join('\n')}`));
  return blocks;
}

export function unsubscribeReply(result: { removed: boolean }, lang: Lang = 'zh'): SlackMessage {
  const text = translator(lang)(result.removed ? 'unsubscribe.removed' : 'unsubscribe.none');
  return { text, blocks: [section(text)] };
}

/** `/k8sblog status`: feed health, last poll, this channel's last digest and subscription, articles in the archive. */
export function statusMessage(
  status: ChannelStatus,
  timeZone: string,
  lang: Lang = 'zh',
  command = '/k8sblog',
): SlackMessage {
  const tr = translator(lang);
  const t = (d?: Date) => (d ? slackTime(d, timeZone) : '—');
  const feed = status.feed;
  // Anyone in the channel may ask: the feed's credentials (user info, tokens in the query) are never shown.
  const feedUrl = redactUrl(feed.url);
  const feedLine =
    feed.health === 'never-polled'
      ? tr('status.neverPolled')
      : feed.health === 'ok'
        ? feed.itemsInFeed !== undefined
          ? tr('status.okItems', { time: t(feed.lastPollAt), n: feed.itemsInFeed })
          : tr('status.ok', { time: t(feed.lastPollAt) })
        : tr('status.failing', {
            n: feed.consecutiveFailures,
            reason: plain(truncate(redactUrlsIn(feed.lastFailureReason ?? 'unknown'), 300)),
            time: t(feed.lastSuccessAt),
          }) + (feed.retryAt ? tr('status.retry', { time: t(feed.retryAt) }) : '');

  const sub = status.subscription;
  const subscribe = `\`${escapeText(`${command} subscribe [daily|weekly]`)}\``;
  let subLine: string;
  if (!sub) subLine = tr('status.notSubscribed', { subscribe });
  else if (sub.status === 'paused') {
    subLine = tr('status.paused', {
      cadence: tr(`cadence.${sub.cadence}`),
      reason: plain(truncate(sub.lastError ?? 'unknown', 200)),
      subscribe: `\`${escapeText(`${command} subscribe`)}\``,
    });
  } else {
    subLine =
      tr('status.active', {
        cadence: tr(`cadence.${sub.cadence}`),
        user: mention(sub.subscribedBy),
        time: t(new Date(sub.subscribedAt)),
      }) +
      (sub.filter ? tr('status.filter', { query: `\`${escapeText(truncate(sub.filter, 80))}\`` }) : '') +
      (status.nextDigestAt ? tr('status.next', { time: t(status.nextDigestAt) }) : '');
  }
  const last = status.lastDigest;
  const lastLine = last
    ? tr('status.digest', { period: periodLabel(last.period, lang), n: last.articles, time: t(last.postedAt) })
    : tr('status.none');
  const archive =
    status.articles.searchable !== undefined
      ? tr('status.searchable', { n: status.articles.searchable, feed: status.articles.fromFeed })
      : tr('status.fromFeed', { n: status.articles.fromFeed });

  const lines = [
    tr('status.feed', { link: link(feedUrl, feedUrl.replace(/^https?:\/\//, '')), line: feedLine }),
    tr('status.subscription', { line: subLine }),
    tr('status.lastDigest', { line: lastLine }),
    tr('status.waiting', { n: status.pendingArticles }),
    tr('status.archive', { line: archive }),
  ];
  if (status.unfinishedDigest) {
    lines.push(tr('status.unfinished', { period: periodLabel(status.unfinishedDigest.period, lang) }));
  }
  const blocks: Block[] = [
    section(tr('status.title')),
    section(lines.join('\n')),
    // Times above show in each reader's zone; periods and DIGEST_CRON follow DIGEST_TZ, which this names.
    context(tr('status.footer', { storage: status.storage, tz: plain(timeZone) })),
  ];
  const subscription = tr(
    !sub ? 'status.unsubscribed' : sub.status === 'paused' ? 'status.isPaused' : 'status.subscribed',
  );
  return { text: tr('status.text', { feed: tr(`feed.${feed.health}`), subscription }), blocks };
}
