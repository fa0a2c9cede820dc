/**
 * The app under test, its Web API calls going to a stand-in, over either transport: real HTTP on 127.0.0.1 with
 * requests signed like Slack's, or Socket Mode over the stand-in's WebSocket side. Scenarios send through
 * `h.requests`, which is the same for both.
 */

import type { Logger } from '../../src/log.js';
import type { Searcher } from '../../src/search/types.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/index.js';
import {
  type AppSender,
  type RecordedResponse,
  SlackRequests,
  SlackStandin,
  type SlashCommandInput,
  SocketRequests,
} from '../../src/slack-standin/index.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-111-222-testtoken';
export const APP_TOKEN = 'xapp-1-A0K8SBLOG-333-testapptoken';

export type Transport = 'http' | 'socket';
export const TRANSPORTS: Transport[] = ['http', 'socket'];

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

/** A logger that keeps lines for assertions instead of writing them. */
export function memoryLog(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  standin: SlackStandin;
  slack: SlackApp;
  transport: Transport;
  /** HTTP mode: the app's base URL; Socket Mode: where it serves /healthz. */
  url: string;
  /** Commands, clicks, interactions and events, over the harness's transport. */
  requests: AppSender;
  /** HTTP mode only: signed requests with control over the signature. */
  http?: SlackRequests;
  log: ReturnType<typeof memoryLog>;
  /** Sends `/k8sblog <text>` and resolves with the first body posted to its response_url. */
  command(text: string, input?: Partial<SlashCommandInput>): Promise<RecordedResponse['body']>;
  stop(): Promise<void>;
}

export async function startHarness(
  searcher: Searcher,
  extra: Partial<SlackAppOptions> = {},
  transport: Transport = 'http',
): Promise<Harness> {
  const standin = await SlackStandin.start({ tokens: [BOT_TOKEN], appTokens: [APP_TOKEN] });
  const log = memoryLog();
  const slack = createSlackApp({
    config: {
      slack: {
        botToken: BOT_TOKEN,
        apiUrl: standin.url,
        mode: transport,
        ...(transport === 'http' ? { signingSecret: SIGNING_SECRET } : { appToken: APP_TOKEN }),
      },
      port: 0,
      host: '127.0.0.1',
    },
    mode: transport,
    searcher,
    version: '0.0.0-test',
    indexLoadedAt: new Date('2024-01-02T03:04:05Z'),
    log,
    ...extra,
  });
  const { url } = await slack.start().catch(async (err: unknown) => {
    await standin.stop();
    throw err;
  });
  const http = transport === 'http' ? new SlackRequests(`${url}/slack/events`, SIGNING_SECRET) : undefined;
  const requests = http ?? new SocketRequests(standin.socketMode);
  return {
    standin,
    slack,
    transport,
    url: url!,
    requests,
    http,
    log,
    async command(text, input = {}) {
      const responseUrl = standin.responseUrl('cmd');
      const res = await requests.command({ text, responseUrl, ...input });
      if (res.status !== 200) throw new Error(`slash command answered ${res.status}: ${res.body}`);
      return (await standin.waitForResponse(responseUrl)).body;
    },
    async stop() {
      await slack.stop();
      await standin.stop();
    },
  };
}

type Json = Record<string, unknown>;

/** All mrkdwn/plain text of a message, in order, for assertions on what a user would read. */
export function textsOf(message: Json, kinds: Array<'mrkdwn' | 'plain_text'> = ['mrkdwn', 'plain_text']): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (kinds.includes(o.type as 'mrkdwn') && typeof o.text === 'string') out.push(o.text);
      for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(message.blocks);
  return out;
}

/** Buttons of a message, in order. */
export function buttonsOf(
  message: Json,
): Array<{ action_id: string; value?: string; text: string; block_id?: string }> {
  const out: Array<{ action_id: string; value?: string; text: string; block_id?: string }> = [];
  for (const block of (message.blocks ?? []) as Json[]) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    for (const e of elements) {
      if (e.type === 'button')
        out.push({
          action_id: e.action_id as string,
          value: e.value as string | undefined,
          text: (e.text as Json).text as string,
          block_id: block.block_id as string | undefined,
        });
    }
  }
  return out;
}
