/**
 * `@k8sblog 有没有文章讲 kubeadm 升级?` in a channel: the question (without the mention and the chatter) is searched and
 * answered in the message's thread — `thread_ts` is the mention's own ts, or its thread's when it is already in one.
 */
import type { App } from '@slack/bolt';
import { MENTION_HITS, mentionAnswer } from '../../blocks/mention.js';
import { section } from '../../blocks/message.js';
import { questionOf } from '../../conversation/question.js';
import { BOT_NAME, postReply } from '../../conversation/reply.js';
import { translator } from '../../i18n/catalogue.js';
import type { SlackDeps } from '../../types.js';

export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, body }) => {
    const user = event.user;
    // Other bots' mentions are theirs to handle; a DM is answered by the message.im listener.
    if (!user || event.bot_id || event.channel.startsWith('D')) return;
    const target = { channel: event.channel, user, threadTs: event.thread_ts ?? event.ts };
    const verdict = deps.questions.take(`${body.team_id}:${user}`);
    if (verdict === 'drop') return;
    const lang = await deps.locale.langOf(client, user);
    const t = translator(lang);
    if (verdict === 'tell') {
      const text = t('dm.rateLimited');
      await client.chat
        .postEphemeral({ channel: event.channel, user, text, blocks: [section(text)] })
        .catch(() => undefined);
      return;
    }
    const query = questionOf(event.text ?? '');
    const started = performance.now();
    const message = query
      ? mentionAnswer(deps.searcher.search(query, { limit: MENTION_HITS, offset: 0 }), query, lang)
      : { text: t('mention.empty', { bot: BOT_NAME }), blocks: [section(t('mention.empty', { bot: BOT_NAME }))] };
    await postReply(client, deps, target, message, lang);
    deps.log.debug('mention answered', { ms: Math.round(performance.now() - started), lang });
  });
}
