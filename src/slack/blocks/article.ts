/** The pieces every article shows, wherever it appears (results, latest, share, unfurl): one look, one escaping. */
import { proseOf } from '../../search/prose.js';
import { link, plain, truncate } from '../mrkdwn.js';

export interface ArticleLike {
  title: string;
  url: string;
  date: string;
  authors: string[];
}

/** Titles are short in practice; the cap keeps a pathological one from pushing a section past its limit. */
const TITLE_MAX = 300;

export function titleLink(article: ArticleLike): string {
  return `*${link(article.url, truncate(article.title, TITLE_MAX))}*`;
}

/** `2023-12-19 · 作者 A, 作者 B` (authors omitted when the archive does not know them). */
export function byline(article: ArticleLike): string {
  const authors = article.authors.filter((a) => a.trim()).join(', ');
  return plain(authors ? `${article.date} · ${truncate(authors, 500)}` : article.date);
}

/**
 * The opening of an article's prose (no code or diagram source), about `max` characters, as one paragraph: blank
 * lines become spaces and the cut falls after a sentence end or a space when one is near, so the preview does not
 * stop mid-word.
 */
export function excerpt(body: string, max = 300): string {
  const flat = (proseOf(body) || body).replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const head = flat.slice(0, max);
  const sentence = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((p) => head.lastIndexOf(p)));
  if (sentence >= max * 0.6) return `${head.slice(0, sentence + 1).trim()}…`;
  const space = head.lastIndexOf(' ');
  if (space >= max * 0.8) return `${head.slice(0, space)}…`;
  return truncate(flat, max);
}
