/** Sharing an article into a channel: the public message, and the explanation when the bot may not post there. */
import type { Article } from '../../archive/article.js';
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

/** Why the bot could not post, from Slack's error, and what to do about it. */
export type ShareRefusal = 'not_in_channel' | 'channel_not_found' | 'is_archived' | 'restricted_action';

export function shareRefusedMessage(reason: ShareRefusal, article: Article): SlackMessage {
  const fallback = `You can share the link yourself: ${link(article.url, truncate(article.title, 300))} 你也可以直接分享链接。`;
  const explain: Record<ShareRefusal, string> = {
    not_in_channel:
      "I can't post in this channel because I'm not a member of it. Invite me with `/invite @k8sblog`, then press *Share* again.\n" +
      '我还不是这个频道的成员，不能在这里发消息。请先用 `/invite @k8sblog` 邀请我，再点一次 *Share*。',
    channel_not_found:
      "I can't post here: this is a direct message or a private channel I'm not part of. In a private channel, invite me with `/invite @k8sblog` and press *Share* again.\n" +
      '我不能在这里发消息：这是私信，或者我不在的私有频道。如果是私有频道，请先用 `/invite @k8sblog` 邀请我，再点一次 *Share*。',
    is_archived: 'This channel is archived, so nothing can be posted in it.\n这个频道已归档，不能再发消息。',
    restricted_action: 'This workspace does not let me post in this channel.\n这个工作区不允许我在此频道发消息。',
  };
  return {
    text: `I couldn't share this article here. 无法在这里分享这篇文章。`,
    blocks: [section(explain[reason]), context(fallback)],
  };
}

export function articleGoneMessage(): SlackMessage {
  const text = 'That article is no longer in the archive. 文章库里已经没有这篇文章了。';
  return { text, blocks: [section(text)] };
}
