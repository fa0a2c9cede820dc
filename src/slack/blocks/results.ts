/** The ephemeral answer to a search: a summary line, up to a page of results with Share buttons, paging buttons. */
import type { SearchHit, SearchResult } from '../../search/types.js';
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

export function shareButton(index: number, articleId: string) {
  return button(`${ACTION.share}_${index}`, 'Share', articleId);
}

/** One result: the linked title over the highlighted snippet, with Share beside it, and `date · authors` below. */
export function hitBlocks(hit: SearchHit, index: number): Block[] {
  const text = `${titleLink(hit)}\n${highlight(hit.snippet, hit.highlights)}`;
  return [section(text, hit.id.length <= 2000 ? shareButton(index, hit.id) : undefined), context(byline(hit))];
}

export function resultsMessage(result: SearchResult, query: string, offset: number): SlackMessage {
  if (result.results.length === 0) {
    return offset === 0 ? noResultsMessage(query, result.suggestion) : pastTheEndMessage(query, result.total);
  }
  const hits = result.results.slice(0, PAGE_SIZE);
  const shown = truncate(query, QUERY_SHOWN);
  const first = offset + 1;
  const last = offset + hits.length;
  const noun = result.total === 1 ? 'result' : 'results';
  const summary = `*${result.total}* ${noun} for “${plain(shown)}” (${first}–${last}) · 共 ${result.total} 条结果`;
  const blocks: Block[] = [section(summary)];
  // The engine fixed a spelling it did not know: say which query the results are for.
  if (result.corrected && result.corrected !== query) {
    const fixed = plain(truncate(result.corrected, QUERY_SHOWN));
    blocks.push(context(`Showing results for “${fixed}” · 已按“${fixed}”搜索`));
  }
  // Few results, and a spelling the engine did not search: offer it as a one-click search.
  if (result.suggestion?.trim() && result.suggestion !== query) blocks.push(suggestionBlock(result.suggestion));
  blocks.push(divider());
  hits.forEach((hit, i) => {
    blocks.push(...hitBlocks(hit, i));
    if (i < hits.length - 1) blocks.push(divider());
  });
  const paging = [];
  if (offset > 0)
    paging.push(button(ACTION.previous, 'Previous', encodePage({ query, offset: Math.max(0, offset - PAGE_SIZE) })));
  if (last < result.total)
    paging.push(button(ACTION.next, 'More results', encodePage({ query, offset: offset + PAGE_SIZE }), 'primary'));
  if (paging.length) blocks.push(actions('paging', ...paging));
  return { text: `${result.total} ${noun} for “${plain(shown)}” · 共 ${result.total} 条结果`, blocks };
}

/** Nothing matched: say so, and offer the engine's suggestion as a one-click search. */
export function noResultsMessage(query: string, suggestion?: string): SlackMessage {
  const shown = plain(truncate(query, QUERY_SHOWN));
  const blocks: Block[] = [section(`No results for “${shown}”. 没有找到与“${shown}”相关的文章。`)];
  if (suggestion?.trim() && suggestion !== query) blocks.push(suggestionBlock(suggestion));
  blocks.push(
    context(
      'Try fewer words, another spelling, or English terms; `/k8sblog help` shows examples. 试试更少的关键词、换个说法或英文术语；`/k8sblog help` 有示例。',
    ),
  );
  return { text: `No results for “${shown}”. 没有找到相关文章。`, blocks };
}

/** "Did you mean …?" with a button that runs the suggested query (handled like the paging buttons). */
function suggestionBlock(suggestion: string): Block {
  const s = plain(truncate(suggestion, QUERY_SHOWN));
  return section(
    `Did you mean “${s}”? 您是不是要找“${s}”？`,
    button(ACTION.suggestion, truncate(`Search “${suggestion}”`, 75), encodePage({ query: suggestion, offset: 0 })),
  );
}

/** A page past the end (the archive changed between clicks): say so and offer the way back. */
function pastTheEndMessage(query: string, total: number): SlackMessage {
  const text = `No more results for “${plain(truncate(query, QUERY_SHOWN))}”. 没有更多结果了。`;
  const blocks: Block[] = [section(text)];
  if (total > 0)
    blocks.push(
      actions(
        'paging',
        button(
          ACTION.previous,
          'Previous',
          encodePage({ query, offset: Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE) }),
        ),
      ),
    );
  return { text, blocks };
}
