/**
 * The playground's user acting in Slack. Page actions become the requests Slack itself would send to the app,
 * signed with the app's signing secret: a slash command (form fields, with a response_url), a button click (a
 * `block_actions` payload in the `payload` form field) and, for a message holding a kubernetes.io link, a
 * `link_shared` event callback. What the app does in return reaches the stand-in for Slack's Web API; the bridge
 * turns those records into what the channel shows: posts, updates, ephemeral answers, replacements and unfurls.
 */

import { escapeText } from '../slack/mrkdwn.js';
import {
  type Actor,
  type AppResponse,
  DEFAULT_ACTOR,
  eventCallback,
  linkSharedEvent,
  type RecordedCall,
  type RecordedResponse,
  type SlackRequests,
  type SlackStandin,
} from '../slack-standin/index.js';
import { BARE_URL, URL_TAIL } from './render/mrkdwn.js';
import type { Entry, SlackMessageBody, Timeline } from './timeline.js';

/** Where a response_url's posts go: the channel and user of the request, and the message whose button was clicked. */
interface ResponseContext {
  channel: string;
  user: string;
  source?: string;
}

/** Slack sends `link_shared` only for the domains in the manifest's unfurl_domains. */
const UNFURL_DOMAINS = ['kubernetes.io'];
const URL_IN_TEXT = new RegExp(BARE_URL.source, 'g');

export interface BridgeOptions {
  standin: SlackStandin;
  requests: SlackRequests;
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
  private readonly requests: SlackRequests;
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

  /** What the user typed in the message box: a slash command, or a message (which may share links). */
  async send(input: string): Promise<void> {
    const text = input.trim();
    if (!text) return;
    if (text.startsWith('/')) return this.slashCommand(text);
    return this.message(text);
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
    this.timeline.add({
      kind: 'user',
      channel,
      author: this.actor.userName,
      ts,
      message: { text: toSlackText(typed) },
    });
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
    const { channelId: channel, userId: user } = this.actor;
    const responseUrl = this.standin.responseUrl('action');
    this.contexts.set(responseUrl, { channel, user, source: entry.id });
    const isEphemeral = entry.kind === 'ephemeral';
    const res = await this.requests.click({
      ...this.actor,
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
        });
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
