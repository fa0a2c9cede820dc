/**
 * The Home tab, one view per user: a search box whose answer appears in the view, the newest articles, and the
 * workspace's digest subscriptions. Channels are written as `<#C…>`, which Slack shows only to people who may see
 * the channel (others read "private channel"). No Share buttons: a view has no channel to share into.
 */
import type { types } from '@slack/bolt';
import type { Article } from '../../archive/article.js';
import type { SearchResult } from '../../search/types.js';
import { type Lang, translator } from '../i18n/catalogue.js';
import { plain, truncate } from '../mrkdwn.js';
import type { HomeFollow, HomeSubscription } from '../types.js';
import { byline, excerpt, titleLink } from './article.js';
import { type Block, context, divider, header, section } from './message.js';

export const HOME_ACTION = { search: 'home_search' } as const;
/** Block Kit's limit for a view. */
export const VIEW_BLOCKS = 100;
const QUERY_SHOWN = 120;
const HOME_RESULTS = 5;
const SUBSCRIPTIONS_SHOWN = 20;

export interface HomeContent {
  newest: Article[];
  query?: string;
  result?: SearchResult;
  /** Undefined when the bot runs without digests. */
  subscriptions?: HomeSubscription[];
  /** The reader's follows; undefined when the bot runs without follows. */
  follows?: HomeFollow[];
  command: string;
  /** Formats a last-digest time in the reader's terms. */
  when(date: Date): string;
}

export function homeView(content: HomeContent, lang: Lang): types.HomeView {
  const t = translator(lang);
  const blocks: Block[] = [header(t('home.title')), section(t('home.intro')), searchInput(content.query, t)];
  if (content.query !== undefined && content.result) {
    const shown = plain(truncate(content.query, QUERY_SHOWN));
    if (content.result.results.length === 0) {
      blocks.push(section(t('results.none', { query: shown })));
    } else {
      blocks.push(section(`*${t('home.resultsFor', { query: shown, total: content.result.total })}*`));
      for (const hit of content.result.results.slice(0, HOME_RESULTS)) {
        const line = plain(truncate(hit.snippet.replace(/\s+/gu, ' ').trim(), 200));
        blocks.push(section(line ? `${titleLink(hit)}\n${line}` : titleLink(hit)), context(byline(hit)));
      }
    }
  }
  blocks.push(divider(), header(t('home.newest')));
  for (const a of content.newest) {
    blocks.push(section(`${titleLink(a)}\n${plain(excerpt(a.body, 150))}`), context(byline(a)));
  }
  if (content.subscriptions) {
    blocks.push(divider(), header(t('home.subscriptions')));
    if (content.subscriptions.length === 0) {
      blocks.push(section(t('home.noSubscriptions', { command: content.command })));
    } else {
      const lines = content.subscriptions.slice(0, SUBSCRIPTIONS_SHOWN).map((s) =>
        t('home.subscription', {
          channel: /^[CG][A-Z0-9]+$/.test(s.channel) ? `<#${s.channel}>` : plain(s.channel),
          cadence: t(s.cadence === 'daily' ? 'cadence.daily' : 'cadence.weekly'),
          last: s.lastDigestAt ? content.when(s.lastDigestAt) : t('home.never'),
        }),
      );
      blocks.push(section(bullets(lines)));
    }
  }
  if (content.follows) {
    blocks.push(divider(), header(t('home.follows')));
    if (content.follows.length === 0) blocks.push(section(t('home.noFollows', { command: content.command })));
    else {
      const lines = content.follows.map((f) =>
        f.pausedReason
          ? t('home.followPaused', { query: plain(truncate(f.query, 100)), reason: plain(f.pausedReason) })
          : t('home.follow', { query: plain(truncate(f.query, 100)) }),
      );
      blocks.push(section(bullets(lines)));
    }
  }
  return { type: 'home', blocks: blocks.slice(0, VIEW_BLOCKS) };
}

function searchInput(query: string | undefined, t: ReturnType<typeof translator>): types.InputBlock {
  return {
    type: 'input',
    block_id: HOME_ACTION.search,
    dispatch_action: true,
    label: { type: 'plain_text', text: t('home.searchLabel') },
    element: {
      type: 'plain_text_input',
      action_id: HOME_ACTION.search,
      placeholder: { type: 'plain_text', text: t('home.searchPlaceholder') },
      ...(query ? { initial_value: truncate(query, 150) } : {}),
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
    },
  };
}

/** A bulleted list in one section, cut at a whole line before Block Kit's 3,000 characters (escaping lengthens text). */
function bullets(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    const next = `${text ? `${text}\n` : ''}• ${line}`;
    if (next.length > 2900) return text ? `${text}\n…` : truncate(next, 2900);
    text = next;
  }
  return text;
}
