/**
 * `conversations.history` for the Slack stand-in, built on what it recorded: the messages the bot posted in a
 * channel, newest first, with the metadata each was posted with (the stand-in keeps posts, not their metadata,
 * so the metadata is read back from the recorded chat.postMessage calls).
 */
import type { SlackStandin } from '../../../src/slack-standin/index.js';

export function serveHistory(standin: SlackStandin): void {
  standin.handle('conversations.history', (args, ws) => {
    const id = typeof args.channel === 'string' ? args.channel : '';
    const channel = ws.channel(id);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!channel.isMember) return { ok: false, error: 'not_in_channel' };
    const oldest = Number(args.oldest ?? 0);
    const metadataByTs = new Map<string, unknown>();
    for (const call of standin.callsTo('chat.postMessage')) {
      if (call.answer.ok && typeof call.answer.ts === 'string') metadataByTs.set(call.answer.ts, call.args.metadata);
    }
    const includeMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const messages = ws.messages
      .filter((m) => m.channel === id && Number(m.ts) > oldest)
      .reverse()
      .map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        ...(m.botId ? { bot_id: m.botId } : {}),
        ...(includeMetadata && metadataByTs.get(m.ts) ? { metadata: metadataByTs.get(m.ts) } : {}),
      }));
    return { ok: true, messages, has_more: false, pin_count: 0 };
  });
}
