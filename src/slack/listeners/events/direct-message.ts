/**
 * The bot's Messages tab: whatever a person writes is a question, answered in the DM with the slash command's
 * blocks (paging included); `help` answers with the help. Messages from bots (ours included), edits, deletions and
 * every other subtype are not questions. Each person may ask a few questions a minute (SlackDeps.questions).
 */
import type { App } from '@slack/bolt';
import { helpMessage } from '../../blocks/help.js';
import { section } from '../../blocks/message.js';
import { resultsMessage } from '../../blocks/results.js';
import { questionOf } from '../../conversation/question.js';
import { postReply } from '../../conversation/reply.js';
import { translator } from '../../i18n/catalogue.js';
import { PAGE_SIZE } from '../../paging.js';
import type { SlackDeps } from '../../types.js';
import { commandTable } from '../commands/index.js';

const HELP = /^\s*(?:help|帮助|\?|？|-h|--help)\s*$/iu;

interface ImMessage {
  channel: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
}

export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, body, context }) => {
    const m = event as unknown as ImMessage;
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user) return;
    if (m.user === context.botUserId) return;
    const verdict = deps.questions.take(`${body.team_id}:${m.user}`);
    if (verdict === 'drop') return;
    const lang = await deps.locale.langOf(client, m.user);
    const target = { channel: m.channel, user: m.user };
    if (verdict === 'tell') {
      const text = translator(lang)('dm.rateLimited');
      return postReply(client, deps, target, { text, blocks: [section(text)] }, lang);
    }
    const text = m.text ?? '';
    const query = HELP.test(text) ? '' : questionOf(text);
    const message = query
      ? resultsMessage(deps.searcher.search(query, { limit: PAGE_SIZE, offset: 0 }), query, 0, lang, deps.command)
      : helpMessage(
          deps.command,
          commandTable(deps).map((v) => v.help),
          lang,
        );
    await postReply(client, deps, target, message, lang);
  });
}
