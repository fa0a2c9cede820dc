/**
 * The one way to build the bot's Slack app: Bolt with our listeners, over Socket Mode (SLACK_APP_TOKEN) or HTTP
 * (`/slack/events` for commands, events and interactivity, plus `/healthz`). Every Web API call goes to
 * `config.slack.apiUrl`, so a local stand-in can take Slack's place; callers may bring their own signing secret and
 * bot token (the local playground does). Signatures are checked in every mode, the playground's included.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.js';
import { baseUrlOf, listenOn } from '../listen.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { Searcher } from '../search/types.js';
import { boltLogger } from './bolt-logger.js';
import { RateLimiter } from './conversation/rate-limit.js';
import { reportError, startupProblem } from './errors.js';
import { healthRoute } from './health.js';
import { LocaleCache } from './i18n/locale.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';
import { registerEvents } from './listeners/events/index.js';
import { registerShortcuts } from './listeners/shortcuts/index.js';
import { MemoryOnceStore, type OnceStore } from './once.js';
import { BODY_LIMIT, createRequestGuard } from './request-guard.js';
import type { CommandVerb, HomeSource, SlackDeps } from './types.js';

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
  /** Follows, for the Unfollow button of `/k8sblog following`. */
  follows?: SlackDeps['follows'];
  eventOnce?: OnceStore;
  unfurlOnce?: OnceStore;
  /** The Home tab's digest subscriptions (wired to the DigestService by the composition root). */
  home?: HomeSource;
  /** Questions per user per minute in DMs and mentions (default 10). */
  questionsPerMinute?: number;
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
  let guard: ReturnType<typeof createRequestGuard> | undefined;
  if (mode === 'socket') {
    if (!config.slack.appToken) throw new Error('createSlackApp: Socket Mode needs an app token (SLACK_APP_TOKEN)');
    receiver = new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger,
      // No customRoutes: the receiver would serve them with listen(port) on every interface whatever HOST says.
      // /healthz gets a server of our own below. The socket client opens its connection with a Web API call too,
      // which must go to the same base URL.
      installerOptions: { clientOptions },
    });
  } else {
    const signingSecret = options.signingSecret ?? config.slack.signingSecret;
    if (!signingSecret) throw new Error('createSlackApp: HTTP mode needs a signing secret (SLACK_SIGNING_SECRET)');
    guard = createRequestGuard({ signingSecret, apiUrl: config.slack.apiUrl, log });
    httpReceiver = new HTTPReceiver({
      signingSecret,
      bodyLimit: BODY_LIMIT,
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
    ...(options.follows ? { follows: options.follows } : {}),
    locale: new LocaleCache(log),
    questions: new RateLimiter(options.questionsPerMinute ?? 10, 60_000),
    home: options.home,
  };
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerShortcuts(app, deps);
  app.error(async (error) => {
    reportError(log, 'unhandled error in a Slack listener', error);
  });

  let server: http.Server | undefined;
  const closeServer = async (): Promise<void> => {
    const s = server;
    server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  };
  const [health] = routes;
  const serveHealth = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method === 'GET' && req.url?.split('?')[0] === health.path) return void health.handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'not_found' }));
  };

  const handle: SlackApp['handle'] = (req, res, next) => {
    const receiver = httpReceiver;
    if (!receiver || !guard) throw new Error('handle() serves HTTP mode only');
    if (req.method === 'POST' && req.url?.split('?')[0] === EVENTS_PATH) {
      guard(req, res).then(
        (verdict) => {
          if (!verdict.pass) return;
          // Bolt reads a body that is already buffered from here instead of the (consumed) stream.
          (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody = verdict.rawBody;
          receiver.requestListener(req, res);
        },
        (err: unknown) => {
          reportError(log, 'Slack request failed before the app', err);
          if (!res.headersSent) res.writeHead(400, { connection: 'close' });
          res.end();
        },
      );
      return;
    }
    try {
      receiver.requestListener(req, res);
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
      throw startupProblem(err, config.slack.apiUrl, 'SLACK_BOT_TOKEN', 'the bot token');
    }));

  return {
    app,
    mode,
    deps,
    handle,
    init,
    async start() {
      await init();
      // Socket Mode still answers /healthz over HTTP on HOST:PORT, for the platform's probes.
      const s = http.createServer((req, res) => (mode === 'socket' ? serveHealth(req, res) : handle(req, res)));
      s.keepAliveTimeout = 65_000;
      // A client trickling its headers or body holds a socket and memory: Slack sends a request in well under this.
      s.headersTimeout = 10_000;
      s.requestTimeout = 15_000;
      await listenOn(s, config.port, config.host);
      server = s;
      if (mode === 'socket') {
        try {
          await app.start();
        } catch (err) {
          await closeServer();
          throw startupProblem(err, config.slack.apiUrl, 'SLACK_APP_TOKEN', 'the Socket Mode connection');
        }
      }
      return { url: baseUrlOf(s), port: (s.address() as AddressInfo).port };
    },
    async stop() {
      if (mode === 'socket') await app.stop();
      await closeServer();
    },
  };
}
