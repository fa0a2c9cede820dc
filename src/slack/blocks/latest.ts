/** The answer to `/k8sblog latest [n]`: the newest articles, each with a short opening and a Share button. */
import type { Article } from '../../archive/article.js';
import { plain } from '../mrkdwn.js';
import { byline, excerpt, titleLink } from './article.js';
import { type Block, context, divider, type SlackMessage, section } from './message.js';
import { shareButton } from './results.js';

export function latestMessage(articles: Article[]): SlackMessage {
  if (articles.length === 0) {
    const text = 'The archive is empty. 文章库是空的。';
    return { text, blocks: [section(text)] };
  }
  const n = articles.length;
  const title = n === 1 ? 'The newest article · 最新文章' : `The ${n} newest articles · 最新的 ${n} 篇文章`;
  const blocks: Block[] = [section(`*${title}*`), divider()];
  articles.forEach((a, i) => {
    blocks.push(section(`${titleLink(a)}\n${plain(excerpt(a.body, 150))}`, shareButton(i, a.id)), context(byline(a)));
    if (i < n - 1) blocks.push(divider());
  });
  return { text: title, blocks };
}
