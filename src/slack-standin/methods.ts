/**
 * Answers to the Web API methods the bot calls, shaped like Slack's own (https://api.slack.com/methods):
 * `ok` plus the fields the SDK and our code read, or `ok: false` with Slack's error string.
 */
import type { StandinChannel, StandinMessage, Workspace } from './workspace.js';

export type ApiArgs = Record<string, unknown>;
export type ApiAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };
export type MethodHandler = (args: ApiArgs, workspace: Workspace) => ApiAnswer;

const fail = (error: string, extra: Record<string, unknown> = {}): ApiAnswer => ({ ok: false, error, ...extra });

function str(args: ApiArgs, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Where the bot may post: the checks Slack makes before it accepts a message, in the order it makes them. */
function postable(workspace: Workspace, channelId: string | undefined): StandinChannel | ApiAnswer {
  if (!channelId) return fail('channel_not_found');
  const channel = workspace.channel(channelId);
  if (!channel) return fail('channel_not_found');
  // A DM the bot is not part of is invisible to it, so Slack says the channel does not exist.
  if (channel.kind === 'im' && !channel.isMember) return fail('channel_not_found');
  if (channel.isArchived) return fail('is_archived');
  if (!channel.isMember) return fail('not_in_channel');
  return channel;
}

const isAnswer = (v: StandinChannel | ApiAnswer): v is ApiAnswer => 'ok' in v;

/** Form-encoded calls carry objects as JSON text; JSON calls carry them as they are. */
function jsonArg(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function hasContent(args: ApiArgs): boolean {
  return Boolean(str(args, 'text') || list(args.blocks)?.length || list(args.attachments)?.length);
}

function messageJson(m: StandinMessage): Record<string, unknown> {
  return {
    type: 'message',
    ts: m.ts,
    text: m.text,
    ...(m.user ? { user: m.user } : {}),
    ...(m.botId ? { bot_id: m.botId } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.edited ? { edited: { user: m.user, ts: m.ts } } : {}),
  };
}

export const METHODS: Record<string, MethodHandler> = {
  'auth.test': (_args, ws) => ({
    ok: true,
    url: `https://${ws.team.domain}.slack.com/`,
    team: ws.team.name,
    user: ws.bot.name,
    team_id: ws.team.id,
    user_id: ws.bot.userId,
    bot_id: ws.bot.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, ws) => {
    const target = postable(ws, str(args, 'channel'));
    if (isAnswer(target)) return target;
    if (!hasContent(args)) return fail('no_text');
    const message: StandinMessage = {
      channel: target.id,
      ts: ws.nextTs(),
      text: str(args, 'text') ?? '',
      botId: ws.bot.botId,
      user: ws.bot.userId,
      blocks: list(args.blocks),
      attachments: list(args.attachments),
      unfurlLinks:
        args.unfurl_links === undefined ? undefined : args.unfurl_links === true || args.unfurl_links === 'true',
      metadata: jsonArg(args.metadata),
      threadTs: str(args, 'thread_ts'),
    };
    ws.messages.push(message);
    return { ok: true, channel: target.id, ts: message.ts, message: messageJson(message) };
  },

  'chat.postEphemeral': (args, ws) => {
    const target = postable(ws, str(args, 'channel'));
    if (isAnswer(target)) return target;
    const user = str(args, 'user');
    if (!user || !ws.user(user)) return fail('user_not_found');
    if (!hasContent(args)) return fail('no_text');
    return { ok: true, message_ts: ws.nextTs() };
  },

  'chat.update': (args, ws) => {
    const channel = str(args, 'channel');
    const ts = str(args, 'ts');
    if (!channel || !ws.channel(channel)) return fail('channel_not_found');
    const message = ts ? ws.findMessage(channel, ts) : undefined;
    if (!message) return fail('message_not_found');
    if (message.botId !== ws.bot.botId) return fail('cant_update_message');
    if (!hasContent(args)) return fail('no_text');
    message.text = str(args, 'text') ?? '';
    if (args.blocks !== undefined) message.blocks = list(args.blocks);
    if (args.attachments !== undefined) message.attachments = list(args.attachments);
    message.edited = true;
    return { ok: true, channel, ts: message.ts, text: message.text, message: messageJson(message) };
  },

  // What the bot posted in a channel, newest first, as Slack pages it: `oldest`/`latest` bound the ts (exclusive),
  // `limit` caps the page, a page with more after it carries `response_metadata.next_cursor` (Slack's cursors name
  // the ts the next page starts at, so messages posted meanwhile do not shift it), and metadata comes back only with
  // include_all_metadata.
  'conversations.history': (args, ws) => {
    const id = str(args, 'channel');
    const channel = id ? ws.channel(id) : undefined;
    if (!channel) return fail('channel_not_found');
    if (!channel.isMember) return fail('not_in_channel');
    const oldest = Number(str(args, 'oldest') ?? 0);
    const latest = Number(str(args, 'latest') ?? Infinity);
    const cursor = str(args, 'cursor');
    const from = cursor
      ? Number(/^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1])
      : Infinity;
    if (Number.isNaN(from)) return fail('invalid_cursor');
    const limit = Math.min(999, Math.max(1, Number(str(args, 'limit') ?? 100) || 100));
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const matching = ws.messages
      .filter((m) => m.channel === id && Number(m.ts) > oldest && Number(m.ts) < latest && Number(m.ts) <= from)
      .reverse();
    const page = matching
      .slice(0, limit)
      .map((m) => ({ ...messageJson(m), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
    const next = matching[limit];
    return {
      ok: true,
      messages: page,
      has_more: next !== undefined,
      pin_count: 0,
      response_metadata: { next_cursor: next ? Buffer.from(`next_ts:${next.ts}`).toString('base64') : '' },
    };
  },

  // The DM between the bot and one user (im:write); opening it again gives the same channel.
  'conversations.open': (args, ws) => {
    const users = str(args, 'users')?.split(',') ?? [];
    if (users.length !== 1) return fail(users.length ? 'not_implemented' : 'users_list_not_supplied');
    const user = ws.user(users[0]);
    if (!user) return fail('user_not_found');
    const id = `D${user.id.slice(1)}`;
    const channel = ws.channels.get(id) ?? ws.addChannel({ id, name: user.name, kind: 'im', isMember: true });
    return { ok: true, channel: { id: channel.id } };
  },

  'users.info': (args, ws) => {
    const id = str(args, 'user');
    const user = id ? ws.user(id) : undefined;
    if (!user) return fail('user_not_found');
    const withLocale = args.include_locale === true || args.include_locale === 'true';
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: ws.team.id,
        name: user.name,
        real_name: user.realName,
        tz: user.tz,
        is_bot: false,
        ...(withLocale ? { locale: user.locale } : {}),
      },
    };
  },

  // Slack checks a Home view before it shows it: a `home` view of at most 100 blocks, for a user it knows.
  'views.publish': (args, ws) => {
    const id = str(args, 'user_id');
    if (!id || !ws.user(id)) return fail('user_not_found');
    const view = jsonArg(args.view) as { type?: unknown; blocks?: unknown } | undefined;
    const blocks = list(view?.blocks);
    if (view?.type !== 'home' || !blocks) return fail('invalid_arguments');
    if (blocks.length > 100) return fail('invalid_arguments', { response_metadata: { messages: ['too many blocks'] } });
    const published = { ...view, blocks, id: `V${id}`, team_id: ws.team.id };
    ws.homeViews.set(id, published);
    return { ok: true, view: published };
  },

  'chat.unfurl': (args) => {
    const unfurls = args.unfurls;
    if (!unfurls || typeof unfurls !== 'object' || Array.isArray(unfurls)) return fail('invalid_unfurls');
    const byMessage = str(args, 'channel') && str(args, 'ts');
    const byComposer = str(args, 'unfurl_id') && str(args, 'source');
    if (!byMessage && !byComposer) return fail('invalid_arguments');
    return { ok: true };
  },
};
