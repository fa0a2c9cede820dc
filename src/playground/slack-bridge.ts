/**
 * The playground's user acting in Slack. Page actions become the requests Slack itself would send to the app,
 * signed with the app's signing secret: a slash command (form fields, with a response_url), a button click (a
 * `block_actions` payload in the `payload` form field) and, for a message holding a kubernetes.io link, a
 * `link_shared` event callback. What the app does in return reaches the stand-in for Slack's Web API; the bridge
 * turns those records into what the channel shows: posts, updates, ephemeral answers, replacements and unfurls.
 */

import { SEARCH_MESSAGE_SHORTCUT } from '../slack/listeners/shortcuts/search-message.js';
import { escapeText } from '../slack/mrkdwn.js';
import {
  type Actor,
  type AppResponse,
  type AppSender,
  appHomeOpenedEvent,
  appMentionEvent,
  DEFAULT_ACTOR,
  directMessageEvent,
  eventCallback,
  linkSharedEvent,
  messageShortcutPayload,
  type RecordedCall,
  type RecordedResponse,
  type SlackRequests,
  type SlackStandin,
  viewInputPayload,
} from '../slack-standin/index.js';
import { BARE_URL, URL_TAIL } from './render/mrkdwn.js';
import type { Entry, SlackMessageBody, Timeline } from './timeline.js';

/** Where a response_url's posts go: the channel and user of the request, and the message whose button was clicked. */
interface ResponseContext {
  channel: string;
  user: string;
  source?: string;
}

/** The user's DM with the bot (its Messages tab) and the pseudo-channel the Home tab's view is drawn in. */
export const DM_CHANNEL = 'D0PLAYDM';
export const HOME_CHANNEL = 'HOME';
export type Place = 'channel' | 'dm';

/** Slack sends `link_shared` only for the domains in the manifest's unfurl_domains. */
const UNFURL_DOMAINS = ['kubernetes.io'];
const URL_IN_TEXT = new RegExp(BARE_URL.source, 'g');

export interface BridgeOptions {
  standin: SlackStandin;
  requests: SlackRequests | (AppSender & { appId: string });
  timeline: Timeline;
  actor?: Actor;
  /** The command the app registered (manifest.yml). */
  command?: string;
}

export class SlackBridge {
  readonly actor: Actor;
  readonly command: string;
  private readonly contexts = new Map<string, ResponseContext>();
  private readonly standin: SlackStandin;
  private readonly requests: AppSender & { appId: string };
  private readonly timeline: Timeline;
  private readonly onCall = (call: RecordedCall): void => this.applyCall(call);
  private readonly onResponse = (response: RecordedResponse): void => this.applyResponse(response);

  constructor(options: BridgeOptions) {
    this.standin = options.standin;
    this.requests = options.requests;
    this.timeline = options.timeline;
    this.actor = options.actor ?? DEFAULT_ACTOR;
    this.command = options.command ?? '/k8sblog';
    this.standin.on('call', this.onCall);
    this.standin.on('response', this.onResponse);
  }

  close(): void {
    this.standin.off('call', this.onCall);
    this.standin.off('response', this.onResponse);
  }

  /**
   * What the user typed in the message box: a slash command, or a message (which may share links or mention the
   * bot) in the channel; in the DM pane, a message to the bot (`message.im`).
   */
  async send(input: string, place: Place = 'channel'): Promise<void> {
    const text = input.trim();
    if (!text) return;
    if (place === 'dm') return this.directMessage(text);
    if (text.startsWith('/')) return this.slashCommand(text);
    return this.message(text);
  }

  private async directMessage(typed: string): Promise<void> {
    const ts = this.nextTs();
    const text = toSlackText(typed);
    this.timeline.add({ kind: 'user', channel: DM_CHANNEL, author: this.actor.userName, ts, message: { text } });
    const envelope = eventCallback(directMessageEvent({ text, channelId: DM_CHANNEL, userId: this.actor.userId, ts }), {
      teamId: this.actor.teamId,
      appId: this.requests.appId,
    });
    this.handleAck(await this.requests.event(envelope), 'message.im event', {
      channel: DM_CHANNEL,
      user: this.actor.userId,
    });
  }

  /** The message shortcut "Search the k8s blog" chosen on a message of the channel. */
  async shortcut(entryId: string): Promise<void> {
    const entry = this.timeline.get(entryId);
    if (!entry || entry.kind === 'notice') throw new PlaygroundInputError('that message is gone');
    const responseUrl = this.standin.responseUrl('shortcut');
    const channel = entry.channel;
    this.contexts.set(responseUrl, { channel, user: this.actor.userId });
    const res = await this.requests.interaction(
      messageShortcutPayload({
        ...this.actor,
        channelId: channel,
        callbackId: SEARCH_MESSAGE_SHORTCUT,
        message: { text: entry.message.text ?? '', ts: entry.ts },
        responseUrl,
      }),
    );
    this.handleAck(res, 'message shortcut', { channel, user: this.actor.userId });
  }

  /** The Home tab was opened: Slack sends `app_home_opened`, the app publishes a view. */
  async openHome(): Promise<void> {
    const envelope = eventCallback(appHomeOpenedEvent(this.actor.userId, 'home'), {
      teamId: this.actor.teamId,
      appId: this.requests.appId,
    });
    this.handleAck(await this.requests.event(envelope), 'app_home_opened event', {
      channel: HOME_CHANNEL,
      user: this.actor.userId,
    });
  }

  /** Enter in an input of the Home view that dispatches actions. */
  async viewInput(actionId: string, value: string): Promise<void> {
    const res = await this.requests.interaction(
      viewInputPayload({ actionId, value, userId: this.actor.userId, teamId: this.actor.teamId }),
    );
    this.handleAck(res, 'Home tab input', { channel: HOME_CHANNEL, user: this.actor.userId });
  }

  private async slashCommand(typed: string): Promise<void> {
    const { channelId: channel, userId: user } = this.actor;
    const [command] = typed.split(/\s/, 1);
    const rest = typed.slice(command.length).trim();
    this.timeline.add({
      kind: 'command',
      channel,
      author: this.actor.userName,
      ts: this.nextTs(),
      message: { text: typed, mrkdwn: false },
    });
    if (command.toLowerCase() !== this.command) {
      this.timeline.notice(
        channel,
        `${command} is not a valid command here. In the playground, only ${this.command} reaches the bot.`,
        'error',
      );
      return;
    }
    const responseUrl = this.standin.responseUrl('command');
    this.contexts.set(responseUrl, { channel, user });
    const res = await this.requests.command({ ...this.actor, command: this.command, text: rest, responseUrl });
    this.handleAck(res, 'slash command', { channel, user });
  }

  private async message(typed: string): Promise<void> {
    const { channelId: channel, userId: user } = this.actor;
    const ts = this.nextTs();
    // `@k8sblog` typed in the box is a mention of the bot, as the Slack client would encode it.
    const mention = new RegExp(`@${this.botName()}\\b`, 'gi');
    const text = toSlackText(typed).replace(mention, `<@${this.standin.workspace.bot.userId}>`);
    this.timeline.add({ kind: 'user', channel, author: this.actor.userName, ts, message: { text } });
    if (text.includes(`<@${this.standin.workspace.bot.userId}>`)) {
      const envelope = eventCallback(appMentionEvent({ text, channelId: channel, userId: user, ts }), {
        teamId: this.actor.teamId,
        appId: this.requests.appId,
      });
      this.handleAck(await this.requests.event(envelope), 'app_mention event', { channel, user });
    }
    const links = linksToUnfurl(typed);
    if (links.length === 0) return;
    const envelope = eventCallback(
      linkSharedEvent({
        urls: links,
        source: 'conversations_history',
        channelId: channel,
        messageTs: ts,
        userId: user,
      }),
      { teamId: this.actor.teamId, appId: this.requests.appId },
    );
    const res = await this.requests.event(envelope);
    this.handleAck(res, 'link_shared event', { channel, user });
  }

  /** A click on a button of an entry: the `block_actions` payload Slack would send for it. */
  async click(entryId: string, actionId: string): Promise<void> {
    const entry = this.timeline.get(entryId);
    if (!entry) throw new PlaygroundInputError('that message is gone');
    const found = findButton(entry.message.blocks, actionId);
    if (!found) throw new PlaygroundInputError(`no button "${actionId}" in that message`);
    const { userId: user } = this.actor;
    const channel = entry.channel;
    const responseUrl = this.standin.responseUrl('action');
    this.contexts.set(responseUrl, { channel, user, source: entry.id });
    const isEphemeral = entry.kind === 'ephemeral';
    const res = await this.requests.click({
      ...this.actor,
      channelId: channel,
      channelName: channel === DM_CHANNEL ? 'directmessage' : this.actor.channelName,
      actionId,
      value: found.value,
      blockId: found.blockId,
      text: found.text,
      responseUrl,
      messageTs: entry.ts,
      isEphemeral,
      // Slack sends the whole message with a click in a channel message; an ephemeral one it cannot send.
      ...(isEphemeral ? {} : { message: messageJson(entry, this.standin) }),
    });
    this.handleAck(res, 'button click', { channel, user });
  }

  /** Slack shows an acknowledgement's body to the user; a refused request is a problem worth showing. */
  private handleAck(res: AppResponse, what: string, ctx: ResponseContext): void {
    if (res.status !== 200) {
      this.timeline.notice(
        ctx.channel,
        `The app answered the ${what} with HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 300)}` : ''}`,
        'error',
      );
      return;
    }
    const body = res.body.trim();
    if (!body) return;
    let message: SlackMessageBody & { response_type?: string };
    try {
      const parsed: unknown = JSON.parse(body);
      message = parsed && typeof parsed === 'object' ? (parsed as typeof message) : { text: String(parsed) };
    } catch {
      message = { text: body };
    }
    if (message.text === undefined && message.blocks === undefined) return;
    this.post(ctx, message, message.response_type === 'in_channel' ? 'bot' : 'ephemeral');
  }

  private applyCall(call: RecordedCall): void {
    if (!call.answer.ok) return;
    const args = call.args;
    const channel = typeof args.channel === 'string' ? args.channel : '';
    switch (call.method) {
      case 'chat.postMessage': {
        const ts = typeof call.answer.ts === 'string' ? call.answer.ts : this.nextTs();
        this.timeline.add({
          kind: 'bot',
          channel: String(call.answer.channel ?? channel),
          author: this.botName(),
          ts,
          message: bodyOf(args),
          ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
        });
        break;
      }
      case 'views.publish': {
        if (args.user_id !== this.actor.userId) break;
        const view = call.answer.view as { blocks?: unknown[] } | undefined;
        const home = this.timeline.latestIn(HOME_CHANNEL);
        const message = { text: '', blocks: view?.blocks ?? [] };
        if (home) this.timeline.replace(home.id, message);
        else
          this.timeline.add({ kind: 'bot', channel: HOME_CHANNEL, author: this.botName(), ts: this.nextTs(), message });
        break;
      }
      case 'chat.postEphemeral':
        if (args.user !== this.actor.userId) break; // someone else's eyes only
        this.post({ channel, user: this.actor.userId }, bodyOf(args), 'ephemeral');
        break;
      case 'chat.update': {
        const entry = this.timeline.findByTs(channel, String(args.ts ?? ''));
        if (entry) this.timeline.replace(entry.id, { ...entry.message, ...bodyOf(args) }, true);
        break;
      }
      case 'chat.unfurl': {
        const unfurls = args.unfurls;
        const entry = this.timeline.findByTs(channel, String(args.ts ?? ''));
        if (entry && unfurls && typeof unfurls === 'object')
          this.timeline.addUnfurls(entry.id, unfurls as Record<string, unknown>);
        break;
      }
    }
  }

  /** A post to a response_url, with Slack's meaning: replace or delete the clicked message, or add a new one. */
  private applyResponse(response: RecordedResponse): void {
    const ctx = this.contexts.get(response.url);
    if (!ctx) return;
    const body = response.body;
    const source = ctx.source ? this.timeline.get(ctx.source) : undefined;
    if (source && isTrue(body.delete_original)) {
      this.timeline.remove(source.id);
      return;
    }
    if (source && isTrue(body.replace_original)) {
      this.timeline.replace(source.id, bodyOf(body));
      return;
    }
    this.post(ctx, bodyOf(body), body.response_type === 'in_channel' ? 'bot' : 'ephemeral');
  }

  private post(ctx: ResponseContext, message: SlackMessageBody, kind: 'bot' | 'ephemeral'): Entry {
    return this.timeline.add({ kind, channel: ctx.channel, author: this.botName(), ts: this.nextTs(), message });
  }

  private botName(): string {
    return this.standin.workspace.bot.name;
  }

  private nextTs(): string {
    return this.standin.workspace.nextTs();
  }
}

/** A request the page got wrong (unknown message or button): answered 400, not logged as a failure. */
export class PlaygroundInputError extends Error {}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

function bodyOf(args: Record<string, unknown>): SlackMessageBody {
  return {
    ...(typeof args.text === 'string' ? { text: args.text } : {}),
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
    ...(args.mrkdwn === false || args.mrkdwn === 'false' ? { mrkdwn: false } : {}),
  };
}

function messageJson(entry: Entry, standin: SlackStandin): Record<string, unknown> {
  const fromBot = entry.kind === 'bot';
  return {
    type: 'message',
    ts: entry.ts,
    text: entry.message.text ?? '',
    ...(fromBot ? { user: standin.workspace.bot.userId, bot_id: standin.workspace.bot.botId } : {}),
    ...(entry.message.blocks ? { blocks: entry.message.blocks } : {}),
    ...(entry.message.attachments ? { attachments: entry.message.attachments } : {}),
  };
}

/** The button with this action_id, and the block_id Slack would report for it. */
function findButton(
  blocks: unknown[] | undefined,
  actionId: string,
): { blockId: string; value?: string; text?: string } | undefined {
  for (const [i, raw] of (blocks ?? []).entries()) {
    const block = raw as { type?: string; block_id?: string; accessory?: unknown; elements?: unknown[] };
    const candidates = [
      block.accessory,
      ...(block.type === 'actions' && Array.isArray(block.elements) ? block.elements : []),
    ];
    for (const c of candidates) {
      const el = c as { type?: string; action_id?: string; value?: string; text?: { text?: string } } | undefined;
      if (el?.type === 'button' && el.action_id === actionId) {
        // Slack gives every block an id; one the app did not set is generated, stable for the message.
        return { blockId: block.block_id ?? `b${i}`, value: el.value, text: el.text?.text };
      }
    }
  }
  return undefined;
}

/**
 * What the Slack client sends for typed text: `&`, `<`, `>` escaped, and URLs wrapped in `<…>` so they are links.
 */
export function toSlackText(typed: string): string {
  let out = '';
  let last = 0;
  for (const m of typed.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(URL_TAIL, '');
    out += `${escapeText(typed.slice(last, m.index))}<${escapeText(url)}>`;
    last = m.index + url.length;
  }
  return out + escapeText(typed.slice(last));
}

/** The links of a message that Slack would announce in `link_shared`, as typed, each once. */
export function linksToUnfurl(typed: string): string[] {
  const urls: string[] = [];
  for (const m of typed.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(URL_TAIL, '');
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      continue;
    }
    if (UNFURL_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`)) && !urls.includes(url)) urls.push(url);
  }
  return urls;
}
