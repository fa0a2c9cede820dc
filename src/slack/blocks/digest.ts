/**
 * The digest a subscribed channel gets, and the answers to `/k8sblog subscribe | unsubscribe | status`. Every text
 * from the archive or the feed goes through plain()/link(), so an article cannot mention or link anyone.
 */
import type { Article } from '../../archive/article.js';
import type { DigestMessage } from '../../digest/port.js';
import type { ChannelStatus, SubscribeResult } from '../../digest/service.js';
import { summarise } from '../../digest/summary.js';
import { redactUrl, redactUrlsIn } from '../../redact.js';
import { escapeText, link, mention, plain, truncate } from '../mrkdwn.js';
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

/** `2026-W32` → `2026 年第 32 周`; a day stays as it is. */
export function periodLabel(period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  return week ? `${week[1]} 年第 ${Number(week[2])} 周` : period;
}

const CADENCE_ZH = { weekly: '每周', daily: '每天' } as const;

export function subscribeReply(result: SubscribeResult, timeZone: string): SlackMessage {
  const cadence = result.subscription.cadence;
  const when = result.nextDigestAt ? ` 下一次：${slackTime(result.nextDigestAt, timeZone)}。` : '';
  const whenEn = result.nextDigestAt ? ` Next: ${slackTime(result.nextDigestAt, timeZone)}.` : '';
  let zh: string;
  let en: string;
  switch (result.change) {
    case 'subscribed':
      zh = `已订阅：本频道将${CADENCE_ZH[cadence]}收到 Kubernetes 中文博客的新文章摘要（没有新文章时不发）。`;
      en = `Subscribed: this channel gets a ${cadence} digest of new posts (none when nothing is new).`;
      break;
    case 'resumed':
      zh = `订阅已恢复（${CADENCE_ZH[cadence]}）。暂停期间的新文章会出现在下一次摘要里。`;
      en = `Subscription resumed (${cadence}). Posts published while it was paused come in the next digest.`;
      break;
    case 'cadence-changed':
      zh = `已改为${CADENCE_ZH[cadence]}摘要。`;
      en = `Changed to a ${cadence} digest.`;
      break;
    case 'filter-changed':
      zh = `已更改筛选条件（${CADENCE_ZH[cadence]}摘要）。`;
      en = `Filter changed (${cadence} digest).`;
      break;
    case 'unchanged':
      zh = `本频道已经订阅了${CADENCE_ZH[cadence]}摘要。`;
      en = `This channel already has a ${cadence} digest.`;
      break;
  }
  const text = `${zh}${when}\n_${en}${whenEn}_`;
  const blocks: Block[] = [section(text), ...filterBlocks(result)];
  if (result.change === 'subscribed' || result.change === 'resumed') {
    blocks.push(
      context(
        '机器人需要是本频道的成员才能发消息：`/invite @k8sblog`。 The bot must be a member of the channel to post: `/invite @k8sblog`.',
      ),
    );
  }
  return { text: `${zh} ${en}`, blocks };
}

/** The filter a subscription has (or no longer has), and what it matches in the archive: at most three examples. */
function filterBlocks(result: SubscribeResult): Block[] {
  const filter = result.subscription.filter;
  if (!filter) {
    return result.previousFilter
      ? [context(`不再筛选：摘要包含所有新文章。 No filter any more: the digest has every new post.`)]
      : [];
  }
  const q = `\`${escapeText(truncate(filter, 80))}\``;
  const m = result.filterMatches;
  const lines = [
    `*筛选 Filter*: ${q} — 只发匹配的新文章，没有匹配时不发 · only new posts that match it; nothing when none do`,
  ];
  if (m) {
    const n = m.more ? `${m.count}+` : String(m.count);
    lines.push(`文章库里有 ${n} 篇匹配 · It matches ${n} ${m.count === 1 ? 'article' : 'articles'} in the archive`);
  }
  const blocks: Block[] = [section(lines.join('\n'))];
  if (m?.examples.length)
    blocks.push(
      section(
        `*例如 For example*\n${m.examples
          .slice(0, 3)
          .map((h) => `• ${titleLink(h)} · ${plain(h.date)}`)
          .join('\n')}`,
      ),
    );
  return blocks;
}

export function unsubscribeReply(result: { removed: boolean }): SlackMessage {
  const [zh, en] = result.removed
    ? ['已取消订阅，本频道不会再收到摘要。', 'Unsubscribed: this channel gets no more digests.']
    : ['本频道没有订阅。', 'This channel has no subscription.'];
  return { text: `${zh} ${en}`, blocks: [section(`${zh}\n_${en}_`)] };
}

/** `/k8sblog status`: feed health, last poll, this channel's last digest and subscription, articles in the archive. */
export function statusMessage(status: ChannelStatus, timeZone: string): SlackMessage {
  const t = (d?: Date) => (d ? slackTime(d, timeZone) : '—');
  const feed = status.feed;
  // Anyone in the channel may ask: the feed's credentials (user info, tokens in the query) are never shown.
  const feedUrl = redactUrl(feed.url);
  const feedLine =
    feed.health === 'never-polled'
      ? '还没有读取过 · not polled yet'
      : feed.health === 'ok'
        ? `正常 · OK — 上次读取 last poll ${t(feed.lastPollAt)}${feed.itemsInFeed !== undefined ? ` · ${feed.itemsInFeed} 篇 items` : ''}`
        : `读取失败 · failing (${feed.consecutiveFailures}×): ${plain(truncate(redactUrlsIn(feed.lastFailureReason ?? 'unknown'), 300))} — 上次成功 last success ${t(feed.lastSuccessAt)}` +
          (feed.retryAt ? ` · 下次重试 retry ${t(feed.retryAt)}` : '');

  const sub = status.subscription;
  let subLine: string;
  if (!sub) subLine = '未订阅 · not subscribed — `/k8sblog subscribe [daily|weekly]`';
  else if (sub.status === 'paused') {
    subLine = `已暂停 · paused (${CADENCE_ZH[sub.cadence]} ${sub.cadence}): ${plain(truncate(sub.lastError ?? 'unknown', 200))} — 邀请机器人后重新订阅 · invite the bot, then \`/k8sblog subscribe\``;
  } else {
    subLine =
      `${CADENCE_ZH[sub.cadence]} · ${sub.cadence}，由 by ${mention(sub.subscribedBy)} 于 ${t(new Date(sub.subscribedAt))}` +
      (sub.filter ? ` · 筛选 filter \`${escapeText(truncate(sub.filter, 80))}\`` : '') +
      (status.nextDigestAt ? ` · 下一次 next ${t(status.nextDigestAt)}` : '');
  }
  const last = status.lastDigest;
  const lastLine = last
    ? `${periodLabel(last.period)} · ${last.articles} 篇 articles · ${t(last.postedAt)}`
    : '还没有 · none yet';
  const archive =
    status.articles.searchable !== undefined
      ? `${status.articles.searchable} 篇可搜索 searchable（其中 ${status.articles.fromFeed} 篇来自订阅源 from the feed）`
      : `${status.articles.fromFeed} 篇来自订阅源 from the feed`;

  const lines = [
    `*订阅源 Feed* ${link(feedUrl, feedUrl.replace(/^https?:\/\//, ''))}: ${feedLine}`,
    `*本频道订阅 Subscription*: ${subLine}`,
    `*上次摘要 Last digest*: ${lastLine}`,
    `*待发文章 Waiting*: ${status.pendingArticles}`,
    `*文章库 Archive*: ${archive}`,
  ];
  if (status.unfinishedDigest) {
    lines.push(
      `*未完成 Unfinished*: ${periodLabel(status.unfinishedDigest.period)} — 下次运行会完成 · the next run finishes it`,
    );
  }
  const blocks: Block[] = [
    section('*k8sblog status*'),
    section(lines.join('\n')),
    // Times above show in each reader's zone; periods and DIGEST_CRON follow DIGEST_TZ, which this names.
    context(`存储 storage: ${status.storage} · 摘要时区 digest time zone: ${plain(timeZone)}`),
  ];
  return { text: `k8sblog status: feed ${feed.health}, ${sub ? sub.status : 'not subscribed'}`, blocks };
}
