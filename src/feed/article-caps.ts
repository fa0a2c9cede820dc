import type { Article } from '../archive/article.js';
import { ITEM_MAX_HEADINGS, ITEM_MAX_TEXT_CHARS, ITEM_MAX_TITLE_CHARS } from './limits.js';

/** What a cap cut from an article, for the log line that says so. */
export interface Truncation {
  /** Characters of HTML before the cut (the item's description). */
  htmlChars?: number;
  /** Characters of text before the cut (body or original). */
  textChars?: number;
}

/**
 * An article within the per-item caps: what a poll stores and what start-up puts back in the search index, whatever
 * an older version stored. Longer text is cut (at a paragraph when one is near), never dropped.
 */
export function capArticle(article: Article): { article: Article; truncation?: Truncation } {
  const over =
    article.body.length > ITEM_MAX_TEXT_CHARS ||
    (article.original?.length ?? 0) > ITEM_MAX_TEXT_CHARS ||
    article.title.length > ITEM_MAX_TITLE_CHARS ||
    article.headings.length > ITEM_MAX_HEADINGS ||
    article.headings.some((h) => h.length > ITEM_MAX_TITLE_CHARS);
  if (!over) return { article };
  const capped: Article = {
    ...article,
    title: cutText(article.title, ITEM_MAX_TITLE_CHARS),
    body: cutText(article.body, ITEM_MAX_TEXT_CHARS),
    headings: article.headings.slice(0, ITEM_MAX_HEADINGS).map((h) => cutText(h, ITEM_MAX_TITLE_CHARS)),
    ...(article.original !== undefined ? { original: cutText(article.original, ITEM_MAX_TEXT_CHARS) } : {}),
  };
  const textChars = Math.max(article.body.length, article.original?.length ?? 0);
  return { article: capped, truncation: textChars > ITEM_MAX_TEXT_CHARS ? { textChars } : {} };
}

/** At most `max` characters: at the last paragraph break in the final tenth when there is one, and never in a pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf('\n\n', max);
  if (cut < max * 0.9) cut = max;
  // A cut between the halves of a surrogate pair would leave half a character.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).trimEnd();
}
