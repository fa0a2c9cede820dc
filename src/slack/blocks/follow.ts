/**
 * The personal alert DM and the answers to `/k8sblog follow | following | unfollow`, each in its one reader's
 * language; every text from an article or a query goes through plain()/link().
 */
import type { Article } from '../../archive/article.js';
import { summarise } from '../../digest/summary.js';
import type { FollowResult, FollowView, UnfollowResult } from '../../follow/service.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import { escapeText, plain, truncate } from '../mrkdwn.js';
import { archiveMatches, exampleLines } from './archive-matches.js';
import { byline, titleLink } from './article.js';
import { type Block, button, context, divider, header, type SlackMessage, section } from './message.js';

/** Articles one DM shows in full; more are summed up in one line (a first poll after a long outage). */
export const ALERT_SHOWN = 10;
export const UNFOLLOW_ACTION = 'follow_unfollow';

const code = (query: string) => `\`${escapeText(truncate(query, 80))}\``;
const commandCode = (text: string) => `\`${escapeText(text)}\``;

export function alertMessage(
  command: string,
  articles: ReadonlyArray<{ article: Article; follows: string[] }>,
  lang: Lang = 'zh',
): SlackMessage {
  const t = translator(lang);
  const n = articles.length;
  const blocks: Block[] = [header(t('alert.title'))];
  for (const { article, follows } of articles.slice(0, ALERT_SHOWN)) {
    const summary = summarise(article, 100);
    blocks.push(
      section([titleLink(article), byline(article), summary ? plain(summary) : ''].filter(Boolean).join('\n')),
      context(t('alert.matched', { queries: follows.map(code).join(', ') })),
    );
  }
  if (n > ALERT_SHOWN) {
    const queries = [...new Set(articles.flatMap((a) => a.follows))]
      .slice(0, 3)
      .map((q) => commandCode(`${command} ${truncate(q, 60)}`))
      .join(' · ');
    blocks.push(divider(), section(t('alert.more', { n: n - ALERT_SHOWN, queries })));
  }
  blocks.push(
    context(
      t('alert.footer', {
        following: commandCode(`${command} following`),
        unfollow: commandCode(`${command} unfollow <query>`),
      }),
    ),
  );
  const titles = articles
    .slice(0, ALERT_SHOWN)
    .map((a) => `「${truncate(a.article.title, 60)}」`)
    .join('');
  return { text: plain(truncate(t('alert.text', { n, titles }), 1500)), blocks };
}

export function followReply(command: string, result: FollowResult, lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  if (result.kind === 'limit') {
    const text = t('follow.limit', { max: result.max, following: commandCode(`${command} following`) });
    return { text, blocks: [section(text)] };
  }
  const query = code(result.query);
  const text = t(result.kind === 'added' ? 'follow.added' : 'follow.already', { query });
  const blocks: Block[] = [section(text), context(archiveMatches(t, result.archive.count, result.archive.more))];
  const ex = exampleLines(result.archive.examples);
  if (ex.length) blocks.push(section(`${t('archive.examples')}\n${ex.join('\n')}`));
  if (result.resumed) blocks.push(context(t('follow.resumed')));
  return { text: plain(text), blocks };
}

export function unfollowReply(result: UnfollowResult, lang: Lang = 'zh'): SlackMessage {
  const text = translator(lang)(result.removed ? 'unfollow.removed' : 'unfollow.none', { query: code(result.query) });
  return { text: plain(text), blocks: [section(text)] };
}

export function followingMessage(command: string, follows: FollowView[], max: number, lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  if (!follows.length) {
    const text = t('following.none', { command: escapeText(command) });
    return { text, blocks: [section(text)] };
  }
  const blocks: Block[] = [section(t('following.title', { n: follows.length, max }))];
  for (const f of follows) {
    const paused = f.pausedReason ? t('following.paused', { reason: plain(truncate(f.pausedReason, 80)) }) : '';
    blocks.push(
      section(`${code(f.query)}${paused}`, button(UNFOLLOW_ACTION, t('following.unfollow'), truncate(f.query, 1900))),
    );
  }
  return { text: t('following.text', { n: follows.length }), blocks };
}
