/**
 * The personal alert DM and the answers to `/k8sblog follow | following | unfollow`. Strings are in both languages
 * side by side, like the other verbs' answers; every text from an article or a query goes through plain()/link().
 */
import type { Article } from '../../archive/article.js';
import { summarise } from '../../digest/summary.js';
import type { FollowResult, FollowView, UnfollowResult } from '../../follow/service.js';
import type { SearchHit } from '../../search/types.js';
import { escapeText, plain, truncate } from '../mrkdwn.js';
import { byline, titleLink } from './article.js';
import { type Block, button, context, divider, header, type SlackMessage, section } from './message.js';

/** Articles one DM shows in full; more are summed up in one line (a first poll after a long outage). */
export const ALERT_SHOWN = 10;
export const UNFOLLOW_ACTION = 'follow_unfollow';

const code = (query: string) => `\`${escapeText(truncate(query, 80))}\``;

export function alertMessage(
  command: string,
  articles: ReadonlyArray<{ article: Article; follows: string[] }>,
): SlackMessage {
  const n = articles.length;
  const title = '你关注的新文章 · New posts you follow';
  const blocks: Block[] = [header(title)];
  for (const { article, follows } of articles.slice(0, ALERT_SHOWN)) {
    const summary = summarise(article, 100);
    blocks.push(
      section([titleLink(article), byline(article), summary ? plain(summary) : ''].filter(Boolean).join('\n')),
      context(`匹配 Matched: ${follows.map(code).join(', ')}`),
    );
  }
  if (n > ALERT_SHOWN) {
    const more = n - ALERT_SHOWN;
    const queries = [...new Set(articles.flatMap((a) => a.follows))];
    blocks.push(
      divider(),
      section(
        `还有 ${more} 篇 · ${more} more: ${queries
          .slice(0, 3)
          .map((q) => `\`${escapeText(`${command} ${truncate(q, 60)}`)}\``)
          .join(' · ')}`,
      ),
    );
  }
  blocks.push(context(`\`${command} following\` 管理关注 · manage your follows · \`${command} unfollow <query>\``));
  const titles = articles
    .slice(0, ALERT_SHOWN)
    .map((a) => `「${truncate(a.article.title, 60)}」`)
    .join('');
  return { text: plain(truncate(`${title}: ${n} 篇 ${titles}`, 1500)), blocks };
}

/** A few archive articles the query matches: a confirmation's proof that it finds what was meant. */
function examples(hits: SearchHit[]): string[] {
  return hits.slice(0, 3).map((h) => `• ${titleLink(h)} · ${plain(h.date)}`);
}

function archiveLine(count: number, more: boolean): string {
  const n = more ? `${count}+` : String(count);
  return count === 0
    ? '文章库里还没有匹配的文章 · Nothing in the archive matches it yet.'
    : `文章库里有 ${n} 篇匹配 · It matches ${n} ${count === 1 ? 'article' : 'articles'} in the archive.`;
}

export function followReply(command: string, result: FollowResult): SlackMessage {
  if (result.kind === 'limit') {
    const zh = `最多只能关注 ${result.max} 个查询；先用 \`${command} following\` 取消一些。`;
    const en = `You can follow at most ${result.max} queries; unfollow some first (\`${command} following\`).`;
    return { text: `${zh} ${en}`, blocks: [section(`${zh}\n_${en}_`)] };
  }
  const q = code(result.query);
  const [zh, en] =
    result.kind === 'added'
      ? [`已关注 ${q}：有匹配的新文章时，我会私信你。`, `Following ${q}: I'll DM you when new posts match it.`]
      : [`你已经关注了 ${q}。`, `You already follow ${q}.`];
  const blocks: Block[] = [section(`${zh}\n_${en}_`), context(archiveLine(result.archive.count, result.archive.more))];
  const ex = examples(result.archive.examples);
  if (ex.length) blocks.push(section(`*例如 For example*\n${ex.join('\n')}`));
  if (result.resumed) blocks.push(context('你暂停的关注已恢复。 Your paused follows are back on.'));
  return { text: plain(`${zh} ${en}`), blocks };
}

export function unfollowReply(result: UnfollowResult): SlackMessage {
  const q = code(result.query);
  const [zh, en] = result.removed
    ? [`已取消关注 ${q}。`, `Unfollowed ${q}.`]
    : [`你没有关注 ${q}。`, `You do not follow ${q}.`];
  return { text: plain(`${zh} ${en}`), blocks: [section(`${zh}\n_${en}_`)] };
}

export function followingMessage(command: string, follows: FollowView[], max: number): SlackMessage {
  if (!follows.length) {
    const zh = `你还没有关注任何查询。用 \`${command} follow <关键词>\` 关注。`;
    const en = `You follow nothing yet: \`${command} follow <keywords>\`.`;
    return { text: `${zh} ${en}`, blocks: [section(`${zh}\n_${en}_`)] };
  }
  const blocks: Block[] = [section(`*你的关注 Your follows* (${follows.length}/${max})`)];
  for (const f of follows) {
    const paused = f.pausedReason
      ? ` · 已暂停 paused: ${plain(truncate(f.pausedReason, 80))}（再 follow 一次即恢复 · follow again to resume）`
      : '';
    blocks.push(
      section(`${code(f.query)}${paused}`, button(UNFOLLOW_ACTION, '取消关注 Unfollow', truncate(f.query, 1900))),
    );
  }
  return { text: `你关注了 ${follows.length} 个查询 · You follow ${follows.length} queries`, blocks };
}
