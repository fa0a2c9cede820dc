/**
 * The stand-in's Socket Mode side (https://api.slack.com/apis/connections/socket-implement): `apps.connections.open`
 * hands out a single-use loopback `ws://` URL; a client that connects gets `hello`, then envelopes
 * (`{ envelope_id, type, payload, accepts_response_payload }`, events with `retry_attempt`/`retry_reason`) which it
 * must acknowledge with `{ envelope_id, payload? }` within three seconds, as Slack requires. The stand-in can also ask
 * the client to reconnect (`disconnect` with a reason, as Slack does before it rotates a link) or drop the link
 * without a word (a network failure).
 */
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type AppResponse,
  type AppSender,
  type ButtonClick,
  blockActionsPayload,
  type SlashCommandInput,
  slashCommandBody,
} from './requests.js';

export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

export interface DeliverOptions {
  /** Events only: a redelivery (Slack counts from 1) and why. */
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait for the ack (Slack waits three seconds), and for an open link when given (default 10 s). */
  timeoutMs?: number;
}

export interface RecordedAck {
  envelopeId: string;
  type: EnvelopeType;
  /** What the app sent back with the ack (e.g. a slash command's immediate answer), `{}` when nothing. */
  payload: Record<string, unknown>;
  at: number;
}

interface Pending {
  type: EnvelopeType;
  resolve(ack: RecordedAck): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const PATH = '/socket-mode/';

export class SocketModeSide {
  readonly acks: RecordedAck[] = [];
  /** Frames from the app that are not an ack of an envelope we sent, one readable line each. */
  readonly problems: string[] = [];
  /** How many links have been opened so far (a reconnect opens another). */
  opened = 0;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  private readonly tickets = new Set<string>();
  private readonly links = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly origin: () => string,
    private readonly events: EventEmitter,
    private readonly appId: string,
  ) {}

  /** The answer to `apps.connections.open`: a fresh URL that admits one connection. */
  open(): { ok: true; url: string } {
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    return { ok: true, url: `${this.origin().replace(/^http/, 'ws')}${PATH}${ticket}` };
  }

  /** The http server's `upgrade` handler: true when the request was ours (accepted or refused). */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://standin').pathname;
    if (!path.startsWith(PATH)) return false;
    const ticket = path.slice(PATH.length);
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** Open links, newest last. */
  get connections(): number {
    return [...this.links].filter((l) => l.readyState === l.OPEN).length;
  }

  /** Resolves once `n` links in all have been opened (and greeted). */
  waitForLinks(n: number, timeoutMs = 10_000): Promise<void> {
    return this.until(() => this.opened >= n && this.connections > 0, timeoutMs, `${n} Socket Mode link(s)`);
  }

  /**
   * Sends one envelope over the newest open link (waiting for one, e.g. while the app reconnects) and resolves with
   * the app's ack; rejects when no link opens or no ack comes within `timeoutMs`.
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: DeliverOptions = {},
  ): Promise<RecordedAck> {
    const timeoutMs = options.timeoutMs ?? 3000;
    await this.until(() => this.connections > 0, options.timeoutMs ?? 10_000, 'an open Socket Mode link');
    const link = [...this.links].filter((l) => l.readyState === l.OPEN).at(-1)!;
    const envelopeId = `${type}-${randomBytes(8).toString('hex')}`;
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
        : {}),
    };
    return new Promise<RecordedAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`stand-in: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { type, resolve, reject, timer });
      link.send(JSON.stringify(envelope));
    });
  }

  /** Asks every open link to reconnect, as Slack does before it rotates one (`refresh_requested`, `warning`, …). */
  disconnect(reason = 'refresh_requested'): void {
    for (const link of this.links)
      link.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'standin-applink' } }));
  }

  /** Cuts every link without a close frame: what the app sees when the network fails. */
  drop(): void {
    for (const link of this.links) link.terminate();
  }

  async close(): Promise<void> {
    this.drop();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`stand-in stopped before envelope ${id} was acknowledged`));
    }
    this.pending.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.links.add(ws);
    this.opened += 1;
    ws.on('close', () => {
      this.links.delete(ws);
      this.events.emit('socket', 'close');
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => this.onFrame(isBinary ? '' : data.toString()));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections,
        debug_info: { host: 'standin-applink', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.events.emit('socket', 'open');
  }

  private onFrame(text: string): void {
    let frame: { envelope_id?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      this.problems.push(`unreadable frame: ${text.slice(0, 100)}`);
      return;
    }
    const id = frame.envelope_id;
    const pending = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (typeof id !== 'string' || !pending) {
      this.problems.push(`ack for no envelope awaiting one: ${String(id)}`);
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    const payload =
      frame.payload && typeof frame.payload === 'object' ? (frame.payload as Record<string, unknown>) : {};
    const ack: RecordedAck = { envelopeId: id, type: pending.type, payload, at: Date.now() };
    this.acks.push(ack);
    if (this.acks.length > 10_000) this.acks.splice(0, this.acks.length - 10_000);
    this.events.emit('socket', 'ack');
    pending.resolve(ack);
  }

  private until(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        this.events.off('socket', check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off('socket', check);
        reject(
          new Error(`stand-in: waited ${timeoutMs} ms for ${what}; ${this.opened} opened, ${this.connections} open`),
        );
      }, timeoutMs);
      this.events.on('socket', check);
    });
  }
}

/**
 * The same deliveries as SlackRequests, over Socket Mode: an answer is the ack, reported as status 200 with the ack's
 * payload as the body, so one scenario reads the same over either transport.
 */
export class SocketRequests implements AppSender {
  constructor(
    private readonly side: SocketModeSide,
    readonly appId = 'A0K8SBLOG',
  ) {}

  command(input: SlashCommandInput): Promise<AppResponse> {
    const fields = Object.fromEntries(new URLSearchParams(slashCommandBody(input, this.appId)));
    return this.send('slash_commands', fields);
  }

  click(click: ButtonClick): Promise<AppResponse> {
    return this.send('interactive', blockActionsPayload(click, this.appId));
  }

  interaction(payload: Record<string, unknown>): Promise<AppResponse> {
    return this.send('interactive', payload);
  }

  event(envelope: Record<string, unknown>, retryNum?: number): Promise<AppResponse> {
    return this.send('events_api', envelope, retryNum ? { retryAttempt: retryNum, retryReason: 'timeout' } : {});
  }

  private async send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options?: DeliverOptions,
  ): Promise<AppResponse> {
    const ack = await this.side.deliver(type, payload, options);
    return { status: 200, body: JSON.stringify(ack.payload) };
  }
}
