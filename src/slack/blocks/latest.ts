/** The answer to `/k8sblog latest [n]`: the newest articles, each with a short opening and a Share button. */
import type { Article } from '../../archive/article.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import { plain } from '../mrkdwn.js';
import { byline, excerpt, titleLink } from './article.js';
import { type Block, context, divider, type SlackMessage, section } from './message.js';
import { shareButton } from './results.js';

export function latestMessage(articles: Article[], lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  if (articles.length === 0) {
    const text = t('latest.empty');
    return { text, blocks: [section(text)] };
  }
  const n = articles.length;
  const title = n === 1 ? t('latest.one') : t('latest.many', { n });
  const blocks: Block[] = [section(`*${title}*`), divider()];
  articles.forEach((a, i) => {
    blocks.push(
      section(`${titleLink(a)}\n${plain(excerpt(a.body, 150))}`, shareButton(i, a.id, t)),
      context(byline(a)),
    );
    if (i < n - 1) blocks.push(divider());
  });
  return { text: title, blocks };
}
