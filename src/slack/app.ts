/**
 * The one way to build the bot's Slack app: Bolt with our listeners, over Socket Mode (SLACK_APP_TOKEN) or HTTP
 * (`/slack/events` for commands, events and interactivity, plus `/healthz`). Every Web API call goes to
 * `config.slack.apiUrl`, so a local stand-in can take Slack's place; callers may bring their own signing secret and
 * bot token (the local playground does). Signatures are checked in every mode, the playground's included.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { type Config, ConfigError } from '../config.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Searcher } from '../search/types.js';
import { boltLogger } from './bolt-logger.js';
import { reportError, slackErrorCode } from './errors.js';
import { healthRoute } from './health.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';
import { registerEvents } from './listeners/events/index.js';
import { MemoryOnceStore, type OnceStore } from './once.js';
import type { CommandVerb, SlackDeps } from './types.js';

export const EVENTS_PATH = '/slack/events';
export const COMMAND = '/k8sblog';

export interface SlackAppOptions {
  config: { slack: Config['slack']; port: number; host: string; logLevel?: Config['logLevel'] };
  searcher: Searcher;
  /** The bot's version, shown by /healthz. */
  version: string;
  /** When the index in `searcher` was loaded (a function if it can be reloaded). */
  indexLoadedAt?: Date | (() => Date | undefined);
  log?: Logger;
  /** Default: Socket Mode when an app token is configured, HTTP otherwise. */
  mode?: 'socket' | 'http';
  /** Override the configured credentials (the playground brings its own). */
  botToken?: string;
  signingSecret?: string;
  /** More verbs for /k8sblog (subscribe, unsubscribe, status …), one CommandVerb each. */
  verbs?: CommandVerb[];
  eventOnce?: OnceStore;
  unfurlOnce?: OnceStore;
}

export interface StartedSlackApp {
  /** HTTP mode: the base URL the server listens on, e.g. `http://127.0.0.1:3000`. */
  url?: string;
  port?: number;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  readonly deps: SlackDeps;
  /**
   * HTTP mode: serves /slack/events and /healthz; anything else goes to `next` (or gets 404), so
   * another server (the playground's page) can put the app in front of its own routes.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse, next?: () => void): void;
  /** Verifies the bot token (auth.test) without connecting or listening: enough when another server calls handle(). */
  init(): Promise<void>;
  /** init(), then connects (Socket Mode) or listens on config host:port (HTTP). */
  start(): Promise<StartedSlackApp>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, searcher } = options;
  const log = options.log ?? defaultLog;
  const mode = options.mode ?? (config.slack.appToken ? 'socket' : 'http');
  const botToken = options.botToken ?? config.slack.botToken;
  if (!botToken) throw new Error('createSlackApp: a bot token is required (SLACK_BOT_TOKEN)');
  const loadedAt = options.indexLoadedAt;
  const indexLoadedAt = typeof loadedAt === 'function' ? loadedAt : () => loadedAt;
  const logger = boltLogger(log, config.logLevel === 'debug' ? LogLevel.DEBUG : LogLevel.WARN);
  const routes = [healthRoute(searcher, options.version, indexLoadedAt)];
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // A user waits on Share: fail in seconds, not after the SDK's default half hour of retries. 429s still wait as told.
    retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
  };

  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (mode === 'socket') {
    if (!config.slack.appToken) throw new Error('createSlackApp: Socket Mode needs an app token (SLACK_APP_TOKEN)');
    receiver = new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger,
      customRoutes: routes,
      // The socket client opens its connection with a Web API call too, which must go to the same base URL.
      installerOptions: { port: config.port, clientOptions },
    });
  } else {
    const signingSecret = options.signingSecret ?? config.slack.signingSecret;
    if (!signingSecret) throw new Error('createSlackApp: HTTP mode needs a signing secret (SLACK_SIGNING_SECRET)');
    httpReceiver = new HTTPReceiver({
      signingSecret,
      endpoints: EVENTS_PATH,
      customRoutes: routes,
      logger,
      processBeforeResponse: false,
    });
    receiver = httpReceiver;
  }

  const app = new App({ receiver, token: botToken, logger, clientOptions, deferInitialization: true });
  const deps: SlackDeps = {
    searcher,
    log,
    eventOnce: options.eventOnce ?? new MemoryOnceStore(),
    unfurlOnce: options.unfurlOnce ?? new MemoryOnceStore(),
    verbs: options.verbs ?? [],
    command: COMMAND,
  };
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  app.error(async (error) => {
    reportError(log, 'unhandled error in a Slack listener', error);
  });

  let server: http.Server | undefined;

  const handle: SlackApp['handle'] = (req, res, next) => {
    if (!httpReceiver) throw new Error('handle() serves HTTP mode only');
    try {
      httpReceiver.requestListener(req, res);
    } catch (err) {
      // Bolt throws this for a path it does not serve, so that another server can answer it.
      const notOurs = (err as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError;
      if (notOurs && next) return next();
      if (!notOurs) reportError(log, 'HTTP request failed', err, { method: req.method, path: req.url?.split('?')[0] });
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'not_found' }));
    }
  };

  let initialised: Promise<void> | undefined;
  const init = (): Promise<void> =>
    (initialised ??= app.init().catch((err: unknown) => {
      initialised = undefined;
      // A configuration problem, reported like the others: one line, no stack.
      throw new ConfigError([
        `Slack rejected the bot token (${slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err))}): check SLACK_BOT_TOKEN${config.slack.apiUrl.includes('slack.com') ? '' : ` and SLACK_API_URL (${config.slack.apiUrl})`}`,
      ]);
    }));

  return {
    app,
    mode,
    deps,
    handle,
    init,
    async start() {
      await init();
      if (mode === 'socket') {
        try {
          await app.start();
        } catch (err) {
          // The receiver's /healthz server listens already; left open, it would keep the process up after the error.
          await app.stop().catch(() => undefined);
          // Slack's answer (invalid_auth, not_authed …) is a configuration problem, reported like the others.
          const code = slackErrorCode(err);
          if (code)
            throw new ConfigError([
              `Slack refused the Socket Mode connection (${code}): check SLACK_APP_TOKEN, an app-level token (xapp-…) with the connections:write scope`,
            ]);
          throw err;
        }
        return {};
      }
      server = http.createServer((req, res) => handle(req, res));
      server.keepAliveTimeout = 65_000;
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(config.port, config.host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      const { address, port } = s.address() as AddressInfo;
      const host =
        address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
      return { url: `http://${host}:${port}`, port };
    },
    async stop() {
      if (mode === 'socket') {
        await app.stop();
        return;
      }
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
