/** Our preview of an article for `chat.unfurl`: linked title, `date · authors`, the opening ~300 characters, a source line. */
import type { types } from '@slack/bolt';
import type { Article } from '../../archive/article.js';
import { plain } from '../mrkdwn.js';
import { byline, excerpt, titleLink } from './article.js';
import { context, section } from './message.js';

export interface Unfurl {
  blocks: types.KnownBlock[];
}

export function unfurlFor(article: Article): Unfurl {
  const opening = plain(excerpt(article.body, 300));
  return {
    blocks: [
      section(titleLink(article)),
      context(byline(article)),
      // A section may not be empty; an article without a body shows its title alone.
      ...(opening ? [section(opening)] : []),
      context('Kubernetes 博客 · kubernetes.io/zh-cn/blog'),
    ],
  };
}
