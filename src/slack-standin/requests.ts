/**
 * The other half of standing in for Slack: the requests Slack sends to an app (slash commands, interactivity
 * payloads, Events API callbacks), built in Slack's shapes and signed with the app's signing secret exactly as
 * Slack signs them (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`).
 */
import { createHmac, randomBytes } from 'node:crypto';

export function signRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

export interface Actor {
  teamId: string;
  teamDomain: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
}

export const DEFAULT_ACTOR: Actor = {
  teamId: 'T0STANDIN',
  teamDomain: 'k8sblog-standin',
  userId: 'U0ALICE',
  userName: 'alice',
  channelId: 'C0GENERAL',
  channelName: 'general',
};

export interface SlashCommandInput extends Partial<Actor> {
  text: string;
  responseUrl: string;
  command?: string;
}

/** The form fields of a slash command invocation, as Slack posts them. */
export function slashCommandBody(input: SlashCommandInput, appId = 'A0K8SBLOG'): string {
  const a = { ...DEFAULT_ACTOR, ...input };
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: a.teamId,
    team_domain: a.teamDomain,
    channel_id: a.channelId,
    channel_name: a.channelName,
    user_id: a.userId,
    user_name: a.userName,
    command: input.command ?? '/k8sblog',
    text: input.text,
    api_app_id: appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
  }).toString();
}

export interface ButtonClick extends Partial<Actor> {
  actionId: string;
  value?: string;
  blockId?: string;
  text?: string;
  responseUrl: string;
  /** The message holding the button; ephemeral messages (our search results) are not sent back by Slack. */
  messageTs?: string;
  isEphemeral?: boolean;
  message?: Record<string, unknown>;
}

/** A `block_actions` payload for one button click, as Slack sends it (form field `payload` holding JSON). */
export function blockActionsPayload(click: ButtonClick, appId = 'A0K8SBLOG'): Record<string, unknown> {
  const a = { ...DEFAULT_ACTOR, ...click };
  const isEphemeral = click.isEphemeral ?? true;
  const actionTs = (Date.now() / 1000).toFixed(6);
  return {
    type: 'block_actions',
    user: { id: a.userId, username: a.userName, name: a.userName, team_id: a.teamId },
    api_app_id: appId,
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: click.messageTs ?? actionTs,
      channel_id: a.channelId,
      is_ephemeral: isEphemeral,
    },
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
    team: { id: a.teamId, domain: a.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: a.channelId, name: a.channelName },
    ...(click.message && !isEphemeral ? { message: click.message } : {}),
    // Slack sends the state of a message's stateful elements with every click; ours hold none.
    state: { values: {} },
    response_url: click.responseUrl,
    actions: [
      {
        action_id: click.actionId,
        block_id: click.blockId ?? 'b',
        text: { type: 'plain_text', text: click.text ?? click.actionId, emoji: true },
        ...(click.value !== undefined ? { value: click.value } : {}),
        type: 'button',
        action_ts: actionTs,
      },
    ],
  };
}

export interface EventOptions {
  teamId?: string;
  appId?: string;
  eventId?: string;
  eventTime?: number;
}

/** The Events API envelope around one event. */
export function eventCallback(event: Record<string, unknown>, options: EventOptions = {}): Record<string, unknown> {
  const teamId = options.teamId ?? DEFAULT_ACTOR.teamId;
  return {
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: options.appId ?? 'A0K8SBLOG',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: 'U0K8SBLOG', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export interface LinkSharedInput {
  urls: string[];
  userId?: string;
  /** A posted message (channel + ts), or the message composer (an unfurl_id, before the message is sent). */
  source: 'conversations_history' | 'composer';
  channelId?: string;
  messageTs?: string;
  unfurlId?: string;
}

/** A `link_shared` event as Slack sends it for either source. */
export function linkSharedEvent(input: LinkSharedInput): Record<string, unknown> {
  const user = input.userId ?? DEFAULT_ACTOR.userId;
  const composer = input.source === 'composer';
  const ts = input.messageTs ?? (Date.now() / 1000).toFixed(6);
  return {
    type: 'link_shared',
    channel: composer ? 'COMPOSER' : (input.channelId ?? DEFAULT_ACTOR.channelId),
    is_bot_user_member: true,
    user,
    message_ts: composer ? `${user}-${randomBytes(8).toString('hex')}` : ts,
    unfurl_id: input.unfurlId ?? `C0UNFURL.${randomBytes(6).toString('hex')}`,
    source: input.source,
    links: input.urls.map((url) => ({ domain: safeHost(url), url })),
    event_ts: ts,
  };
}

function nowTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

export interface MessageInput {
  text: string;
  userId?: string;
  channelId?: string;
  ts?: string;
  /** The thread the message is in (absent for a top-level message). */
  threadTs?: string;
}

/** An `app_mention` event: someone wrote `<@bot> …` in a channel the bot is in. */
export function appMentionEvent(input: MessageInput, botUserId = 'U0K8SBLOG'): Record<string, unknown> {
  const ts = input.ts ?? nowTs();
  return {
    type: 'app_mention',
    user: input.userId ?? DEFAULT_ACTOR.userId,
    text: input.text.includes(`<@${botUserId}>`) ? input.text : `<@${botUserId}> ${input.text}`,
    ts,
    channel: input.channelId ?? DEFAULT_ACTOR.channelId,
    event_ts: ts,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  };
}

export interface DirectMessageInput extends MessageInput {
  /** `message_changed`, `message_deleted`, `bot_message` …: Slack's subtypes for what is not a new message. */
  subtype?: string;
  botId?: string;
}

/** A `message` event in the bot's DM with a user (`channel_type: im`). */
export function directMessageEvent(input: DirectMessageInput): Record<string, unknown> {
  const ts = input.ts ?? nowTs();
  return {
    type: 'message',
    channel: input.channelId ?? 'D0ALICE',
    channel_type: 'im',
    user: input.userId ?? DEFAULT_ACTOR.userId,
    text: input.text,
    ts,
    event_ts: ts,
    ...(input.subtype ? { subtype: input.subtype } : {}),
    ...(input.botId ? { bot_id: input.botId } : {}),
  };
}

/** `app_home_opened`: a user opened one of the bot's tabs (home or messages). */
export function appHomeOpenedEvent(
  userId = DEFAULT_ACTOR.userId,
  tab: 'home' | 'messages' = 'home',
): Record<string, unknown> {
  return { type: 'app_home_opened', user: userId, channel: 'D0ALICE', tab, event_ts: nowTs() };
}

export interface MessageShortcutInput extends Partial<Actor> {
  callbackId: string;
  /** The message the shortcut was chosen on. */
  message: { text: string; ts?: string; user?: string };
  responseUrl: string;
}

/** A `message_action` payload: a message shortcut chosen on a message. */
export function messageShortcutPayload(input: MessageShortcutInput, appId = 'A0K8SBLOG'): Record<string, unknown> {
  const a = { ...DEFAULT_ACTOR, ...input };
  const ts = input.message.ts ?? nowTs();
  return {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: nowTs(),
    team: { id: a.teamId, domain: a.teamDomain },
    user: { id: a.userId, name: a.userName, username: a.userName, team_id: a.teamId },
    channel: { id: a.channelId, name: a.channelName },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
    response_url: input.responseUrl,
    message_ts: ts,
    message: { type: 'message', user: input.message.user ?? 'U0BOB', ts, text: input.message.text },
    api_app_id: appId,
  };
}

/** Enter in a Home tab input that dispatches actions: `block_actions` from a view, without a channel or response_url. */
export function viewInputPayload(
  input: { actionId: string; value: string; userId?: string; teamId?: string; viewId?: string },
  appId = 'A0K8SBLOG',
): Record<string, unknown> {
  const userId = input.userId ?? DEFAULT_ACTOR.userId;
  const teamId = input.teamId ?? DEFAULT_ACTOR.teamId;
  return {
    type: 'block_actions',
    user: { id: userId, username: 'alice', name: 'alice', team_id: teamId },
    api_app_id: appId,
    token: 'deprecated-verification-token',
    container: { type: 'view', view_id: input.viewId ?? `V${userId}` },
    trigger_id: `${Date.now()}.${randomBytes(4).toString('hex')}`,
    team: { id: teamId, domain: DEFAULT_ACTOR.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: input.viewId ?? `V${userId}`, type: 'home', blocks: [], state: { values: {} }, hash: 'h' },
    actions: [
      {
        type: 'plain_text_input',
        block_id: input.actionId,
        action_id: input.actionId,
        value: input.value,
        action_ts: nowTs(),
      },
    ],
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export interface AppResponse {
  status: number;
  body: string;
}

export interface SendOptions {
  /** Overrides the signature headers: `null` sends none, a string sends that signature. */
  signature?: string | null;
  /** Unix seconds for the signature and its timestamp header (to send a stale request). */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** What Slack sends an app, whichever way it travels (signed HTTP requests, or envelopes over Socket Mode). */
export interface AppSender {
  command(input: SlashCommandInput): Promise<AppResponse>;
  click(click: ButtonClick): Promise<AppResponse>;
  interaction(payload: Record<string, unknown>): Promise<AppResponse>;
  event(envelope: Record<string, unknown>, retryNum?: number): Promise<AppResponse>;
}

/** Sends signed Slack requests to one app endpoint (`…/slack/events`). */
export class SlackRequests implements AppSender {
  constructor(
    readonly endpoint: string,
    private readonly signingSecret: string,
    readonly appId = 'A0K8SBLOG',
  ) {}

  command(input: SlashCommandInput, options?: SendOptions): Promise<AppResponse> {
    return this.post(slashCommandBody(input, this.appId), 'application/x-www-form-urlencoded', options);
  }

  click(click: ButtonClick, options?: SendOptions): Promise<AppResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(click, this.appId)) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** Any interactivity payload (a shortcut, a view submission, a Home tab click …), as Slack posts it. */
  interaction(payload: Record<string, unknown>, options?: SendOptions): Promise<AppResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** An event callback; `retryNum` adds the headers Slack sends when it retries a delivery. */
  event(envelope: Record<string, unknown>, retryNum?: number, options: SendOptions = {}): Promise<AppResponse> {
    const retry: Record<string, string> = retryNum
      ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    return this.post(JSON.stringify(envelope), 'application/json', {
      ...options,
      headers: { ...retry, ...options.headers },
    });
  }

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<AppResponse> {
    const signed = signRequest(this.signingSecret, body, options.timestamp);
    const auth: Record<string, string> =
      options.signature === null
        ? {}
        : options.signature !== undefined
          ? { ...signed, 'x-slack-signature': options.signature }
          : signed;
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': contentType, ...auth, ...options.headers },
      body,
    });
    return { status: res.status, body: await res.text() };
  }
}
