/**
 * The answer to a mention, posted in the thread for everyone: the three best articles (linked title, `date ·
 * authors`, one line of snippet) and "More results", which opens the full list privately for whoever presses it.
 * Nothing found is answered too, with the engine's suggestion as a button.
 */
import type { SearchResult } from '../../search/types.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import { plain, truncate } from '../mrkdwn.js';
import { encodePage } from '../paging.js';
import { byline, titleLink } from './article.js';
import { actions, type Block, button, context, type SlackMessage, section } from './message.js';

export const MENTION_ACTION = { more: 'mention_more' } as const;
export const MENTION_HITS = 3;
const QUERY_SHOWN = 120;
const SNIPPET_MAX = 140;

export function mentionAnswer(result: SearchResult, query: string, lang: Lang): SlackMessage {
  const t = translator(lang);
  const shown = plain(truncate(query, QUERY_SHOWN));
  if (result.results.length === 0) {
    const text = t('mention.none', { query: shown });
    const blocks: Block[] = [section(text)];
    const suggestion = result.suggestion?.trim();
    if (suggestion && suggestion !== query)
      blocks.push(
        section(
          t('mention.suggestion', { suggestion: plain(truncate(suggestion, QUERY_SHOWN)) }),
          button(
            MENTION_ACTION.more,
            truncate(t('results.searchSuggestion', { suggestion }), 75),
            encodePage({ query: suggestion, offset: 0 }),
          ),
        ),
      );
    return { text, blocks };
  }
  const hits = result.results.slice(0, MENTION_HITS);
  const blocks: Block[] = [section(t('mention.top', { n: hits.length, query: shown }))];
  for (const hit of hits) {
    const line = plain(truncate(hit.snippet.replace(/\s+/gu, ' ').trim(), SNIPPET_MAX));
    blocks.push(section(line ? `${titleLink(hit)}\n${line}` : titleLink(hit)), context(byline(hit)));
  }
  if (result.total > hits.length) {
    blocks.push(
      actions(
        'mention_paging',
        button(MENTION_ACTION.more, t('button.more'), encodePage({ query, offset: 0 }), 'primary'),
      ),
      context(t('mention.more')),
    );
  }
  return { text: t('mention.text', { query: shown }), blocks };
}
