/** The ephemeral answer to a search: a summary line, up to a page of results with Share buttons, paging buttons. */
import type { SearchHit, SearchResult } from '../../search/types.js';
import { type Lang, type Translate, translator } from '../i18n/catalogue.js';
import { highlight, plain, truncate } from '../mrkdwn.js';
import { encodePage, PAGE_SIZE } from '../paging.js';
import { byline, titleLink } from './article.js';
import { actions, type Block, button, context, divider, type SlackMessage, section } from './message.js';

export const ACTION = {
  share: 'share', // `share_<n>`: action_ids must be unique within a message
  next: 'page_next',
  previous: 'page_prev',
  suggestion: 'page_suggest',
} as const;

/** Queries are shown shortened: the summary line must stay one line. */
const QUERY_SHOWN = 120;

export function shareButton(index: number, articleId: string, t: Translate = translator('zh')) {
  return button(`${ACTION.share}_${index}`, t('button.share'), articleId);
}

/** One result: the linked title over the highlighted snippet, with Share beside it, and `date · authors` below. */
export function hitBlocks(hit: SearchHit, index: number, t: Translate = translator('zh')): Block[] {
  const text = `${titleLink(hit)}\n${highlight(hit.snippet, hit.highlights)}`;
  return [section(text, hit.id.length <= 2000 ? shareButton(index, hit.id, t) : undefined), context(byline(hit))];
}

export function resultsMessage(
  result: SearchResult,
  query: string,
  offset: number,
  lang: Lang = 'zh',
  command = '/k8sblog',
): SlackMessage {
  const t = translator(lang);
  if (result.results.length === 0) {
    return offset === 0
      ? noResultsMessage(query, result.suggestion, lang, command)
      : pastTheEndMessage(query, result.total, t);
  }
  const hits = result.results.slice(0, PAGE_SIZE);
  const shown = plain(truncate(query, QUERY_SHOWN));
  const first = offset + 1;
  const last = offset + hits.length;
  const values = { total: result.total, query: shown, first, last };
  const one = result.total === 1;
  const blocks: Block[] = [section(t(one ? 'results.summaryOne' : 'results.summary', values))];
  // The engine fixed a spelling it did not know: say which query the results are for.
  if (result.corrected && result.corrected !== query) {
    blocks.push(context(t('results.corrected', { fixed: plain(truncate(result.corrected, QUERY_SHOWN)) })));
  }
  // Few results, and a spelling the engine did not search: offer it as a one-click search.
  if (result.suggestion?.trim() && result.suggestion !== query) blocks.push(suggestionBlock(result.suggestion, t));
  blocks.push(divider());
  hits.forEach((hit, i) => {
    blocks.push(...hitBlocks(hit, i, t));
    if (i < hits.length - 1) blocks.push(divider());
  });
  const paging = [];
  if (offset > 0)
    paging.push(
      button(ACTION.previous, t('button.previous'), encodePage({ query, offset: Math.max(0, offset - PAGE_SIZE) })),
    );
  if (last < result.total)
    paging.push(button(ACTION.next, t('button.more'), encodePage({ query, offset: offset + PAGE_SIZE }), 'primary'));
  if (paging.length) blocks.push(actions('paging', ...paging));
  return { text: t(one ? 'results.textOne' : 'results.text', values), blocks };
}

/** Nothing matched: say so, and offer the engine's suggestion as a one-click search. */
export function noResultsMessage(
  query: string,
  suggestion?: string,
  lang: Lang = 'zh',
  command = '/k8sblog',
): SlackMessage {
  const t = translator(lang);
  const text = t('results.none', { query: plain(truncate(query, QUERY_SHOWN)) });
  const blocks: Block[] = [section(text)];
  if (suggestion?.trim() && suggestion !== query) blocks.push(suggestionBlock(suggestion, t));
  blocks.push(context(t('results.noneHint', { command })));
  return { text, blocks };
}

/** "Did you mean …?" with a button that runs the suggested query (handled like the paging buttons). */
function suggestionBlock(suggestion: string, t: Translate): Block {
  return section(
    t('results.didYouMean', { suggestion: plain(truncate(suggestion, QUERY_SHOWN)) }),
    button(
      ACTION.suggestion,
      truncate(t('results.searchSuggestion', { suggestion }), 75),
      encodePage({ query: suggestion, offset: 0 }),
    ),
  );
}

/** A page past the end (the archive changed between clicks): say so and offer the way back. */
function pastTheEndMessage(query: string, total: number, t: Translate): SlackMessage {
  const text = t('results.pastEnd', { query: plain(truncate(query, QUERY_SHOWN)) });
  const blocks: Block[] = [section(text)];
  if (total > 0)
    blocks.push(
      actions(
        'paging',
        button(
          ACTION.previous,
          t('button.previous'),
          encodePage({ query, offset: Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE) }),
        ),
      ),
    );
  return { text, blocks };
}
