/** What a query matches in the archive, as a filtered subscription's and a follow's confirmation show it. */
import type { Translate } from '../i18n/catalogue.js';
import { plain } from '../mrkdwn.js';
import { type ArticleLike, titleLink } from './article.js';

/** "It matches 3 articles in the archive" (`12+` when the count stopped early). */
export function archiveMatches(t: Translate, count: number, more: boolean): string {
  if (count === 0) return t('archive.none');
  return t(count === 1 && !more ? 'archive.matchesOne' : 'archive.matches', { n: more ? `${count}+` : count });
}

/** A few archive articles a query matches: a confirmation's proof that it finds what was meant. */
export function exampleLines(hits: readonly ArticleLike[]): string[] {
  return hits.slice(0, 3).map((h) => `• ${titleLink(h)} · ${plain(h.date)}`);
}
