/** Sharing an article into a channel: the public message, and the explanation when the bot may not post there. */
import type { Article } from '../../archive/article.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import { link, mention, plain, truncate } from '../mrkdwn.js';
import { byline, excerpt, titleLink } from './article.js';
import { context, type SlackMessage, section } from './message.js';

export function sharedArticleMessage(article: Article, sharedBy: string): SlackMessage {
  return {
    text: `${plain(truncate(article.title, 300))} ${article.url}`,
    blocks: [
      section(`${titleLink(article)}\n${plain(excerpt(article.body, 300))}`),
      context(`${byline(article)} · shared by ${mention(sharedBy)} 分享`),
    ],
  };
}

/** Why the bot could not post, from Slack's error, and what to do about it, in the reader's language. */
export type ShareRefusal = 'not_in_channel' | 'channel_not_found' | 'is_archived' | 'restricted_action';

export function shareRefusedMessage(reason: ShareRefusal, article: Article, lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  const fallback = t('share.fallback', { link: link(article.url, truncate(article.title, 300)) });
  return {
    text: t('share.couldNot'),
    blocks: [section(t(`share.${reason}`, { bot: 'k8sblog' })), context(fallback)],
  };
}

export function articleGoneMessage(lang: Lang = 'zh'): SlackMessage {
  const text = translator(lang)('share.gone');
  return { text, blocks: [section(text)] };
}
