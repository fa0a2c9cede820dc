/**
 * The little state a Slack workspace needs for the bot's Web API calls to be answered like Slack answers them:
 * channels (with the membership and archive flags that decide `not_in_channel` / `is_archived`), users, and the
 * messages posted so far (so `chat.update` can find them and a page can show them).
 */
export interface StandinChannel {
  id: string;
  name: string;
  /** `im` is a direct message between a user and someone else; the bot can only post where it is a member. */
  kind: 'public' | 'private' | 'im';
  isMember: boolean;
  isArchived: boolean;
}

export interface StandinUser {
  id: string;
  name: string;
  realName: string;
  tz: string;
  /** Slack's locale for the user (`zh-CN`, `en-US` …): users.info returns it when asked with include_locale. */
  locale: string;
}

export interface StandinMessage {
  channel: string;
  ts: string;
  text: string;
  user?: string;
  botId?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  unfurlLinks?: boolean;
  edited?: boolean;
  /** The thread the message was posted in. */
  threadTs?: string;
  /** Message metadata as posted (`event_type`, `event_payload`); history returns it with include_all_metadata. */
  metadata?: unknown;
}

export interface StandinTeam {
  id: string;
  name: string;
  domain: string;
}

export class Workspace {
  readonly channels = new Map<string, StandinChannel>();
  readonly users = new Map<string, StandinUser>();
  readonly messages: StandinMessage[] = [];
  /** The Home tab each user was last shown (views.publish). */
  readonly homeViews = new Map<string, { blocks: unknown[]; [key: string]: unknown }>();
  private lastTs = 0;

  constructor(
    readonly team: StandinTeam,
    readonly bot: { userId: string; botId: string; name: string },
    /** Unknown channel ids: `create` makes them public channels the bot is in; `not_found` answers channel_not_found. */
    readonly unknownChannels: 'create' | 'not_found',
  ) {}

  addChannel(channel: Partial<StandinChannel> & { id: string }): StandinChannel {
    const full: StandinChannel = {
      name: channel.id.toLowerCase(),
      kind: channel.id.startsWith('D') ? 'im' : channel.id.startsWith('G') ? 'private' : 'public',
      isMember: true,
      isArchived: false,
      ...channel,
    };
    this.channels.set(full.id, full);
    return full;
  }

  channel(id: string): StandinChannel | undefined {
    const known = this.channels.get(id);
    if (known) return known;
    if (this.unknownChannels === 'create' && /^[CGD][A-Z0-9]+$/.test(id)) return this.addChannel({ id });
    return undefined;
  }

  addUser(user: Partial<StandinUser> & { id: string }): StandinUser {
    const full: StandinUser = {
      name: user.id.toLowerCase(),
      realName: user.name ?? user.id,
      tz: 'Asia/Shanghai',
      locale: 'en-US',
      ...user,
    };
    this.users.set(full.id, full);
    return full;
  }

  user(id: string): StandinUser | undefined {
    return this.users.get(id) ?? (/^[UW][A-Z0-9]+$/.test(id) ? this.addUser({ id }) : undefined);
  }

  /** Slack timestamps are seconds with six decimals, unique and increasing within a channel. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  findMessage(channel: string, ts: string): StandinMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }
}
