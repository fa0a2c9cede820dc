/**
 * What the playground's channel shows, in order: the user's messages and commands, what the bot posted (in the
 * channel or "only visible to you"), link previews under the messages they belong to, and the playground's own
 * notices. Entries keep the Slack message they show (so a button can be found again and replaced as Slack replaces
 * it); the page gets them rendered to HTML by the escaping renderer, never as raw bot text.
 */
import { EventEmitter } from 'node:events';
import { type RenderOptions, renderAttachment, renderMessage } from './render/blocks.js';
import { escapeHtml } from './render/html.js';

/**
 * `user`: a message typed in the channel; `command`: a slash command as the user typed it (only they see it);
 * `bot`: posted in the channel; `ephemeral`: "only visible to you"; `notice`: the playground speaking, not Slack.
 */
export type EntryKind = 'user' | 'command' | 'bot' | 'ephemeral' | 'notice';

export interface SlackMessageBody {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  mrkdwn?: boolean;
}

export interface Entry {
  id: string;
  kind: EntryKind;
  channel: string;
  /** Who it is from, as shown: a user name, the bot's name, or `playground`. */
  author: string;
  /** Slack's message timestamp (`1712345678.000100`): unique, used to find the message again. */
  ts: string;
  at: Date;
  message: SlackMessageBody;
  /** Link previews from chat.unfurl, keyed by the URL as it was shared. */
  unfurls: Map<string, unknown>;
  edited: boolean;
  /** `notice` entries: `error` ones are drawn as problems. */
  tone?: 'info' | 'error';
  /** A reply in a thread: the ts of the thread's first message. */
  threadTs?: string;
}

/** An entry as the page receives it. */
export interface PageEntry {
  id: string;
  kind: EntryKind;
  channel: string;
  author: string;
  ts: string;
  at: string;
  edited: boolean;
  tone?: 'info' | 'error';
  /** A reply in the thread of the message with this ts. */
  threadTs?: string;
  html: string;
}

export type TimelineEvent = { type: 'entry'; entry: PageEntry } | { type: 'remove'; id: string };

export class Timeline extends EventEmitter<{ change: [TimelineEvent] }> {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;

  constructor(private readonly renderOptions: RenderOptions = {}) {
    super();
  }

  add(input: Omit<Entry, 'id' | 'at' | 'unfurls' | 'edited'> & { at?: Date }): Entry {
    this.counter += 1;
    const entry: Entry = {
      ...input,
      id: `e${this.counter}`,
      at: input.at ?? new Date(),
      unfurls: new Map(),
      edited: false,
    };
    this.entries.set(entry.id, entry);
    this.changed(entry);
    return entry;
  }

  /** A message from the playground itself (not from Slack or the bot), as plain text. */
  notice(channel: string, text: string, tone: 'info' | 'error' = 'info', ts = ''): Entry {
    return this.add({ kind: 'notice', channel, author: 'playground', ts, message: { text, mrkdwn: false }, tone });
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  findByTs(channel: string, ts: string): Entry | undefined {
    for (const e of this.entries.values()) if (e.channel === channel && e.ts === ts) return e;
    return undefined;
  }

  /** Replaces what an entry shows, in place (Slack's `replace_original` and chat.update). */
  replace(id: string, message: SlackMessageBody, edited = false): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    entry.message = message;
    entry.edited = entry.edited || edited;
    this.changed(entry);
    return entry;
  }

  addUnfurls(id: string, unfurls: Record<string, unknown>): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    for (const [url, unfurl] of Object.entries(unfurls)) entry.unfurls.set(url, unfurl);
    this.changed(entry);
    return entry;
  }

  remove(id: string): boolean {
    const removed = this.entries.delete(id);
    if (removed) this.emit('change', { type: 'remove', id });
    return removed;
  }

  /** The newest entry of a channel (the Home view is one entry, replaced on every publish). */
  latestIn(channel: string): Entry | undefined {
    return [...this.entries.values()].filter((e) => e.channel === channel).at(-1);
  }

  /** Every entry, oldest first, as the page draws it. */
  list(): PageEntry[] {
    return [...this.entries.values()].map((e) => this.toPage(e));
  }

  toPage(entry: Entry): PageEntry {
    return {
      id: entry.id,
      kind: entry.kind,
      channel: entry.channel,
      author: entry.author,
      ts: entry.ts,
      at: entry.at.toISOString(),
      edited: entry.edited,
      ...(entry.tone ? { tone: entry.tone } : {}),
      ...(entry.threadTs ? { threadTs: entry.threadTs } : {}),
      html: this.html(entry),
    };
  }

  private html(entry: Entry): string {
    let html = renderMessage(entry.message, this.renderOptions);
    for (const [url, unfurl] of entry.unfurls) {
      html += `<div class="unfurl-wrap" data-unfurl-url="${escapeHtml(url)}">${renderAttachment(unfurl, this.renderOptions, 'unfurl')}</div>`;
    }
    return html;
  }

  private changed(entry: Entry): void {
    this.emit('change', { type: 'entry', entry: this.toPage(entry) });
  }
}
