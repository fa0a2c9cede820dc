import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { UserError } from './errors.js';
import { DEFAULT_BLOG_HOSTS, DEFAULT_FEED_MAX_BYTES } from './feed/limits.js';
import { redactUrl } from './redact.js';

/** The project root (where content/ and package.json live), found from this file so the CLI works from any cwd. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type SlackMode = 'socket' | 'http' | 'playground';

export interface Config {
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    /** Base URL of Slack's Web API, ending in a slash; a local stand-in can take its place. */
    apiUrl: string;
    mode: SlackMode;
  };
  port: number;
  host: string;
  contentDir: string;
  indexFile: string;
  dataDir: string;
  databaseUrl?: string;
  feedUrl: string;
  /** Hosts whose feed items are accepted (BLOG_HOSTS): the blog and its mirrors. */
  blogHosts: string[];
  /** Bytes of the feed document read at most (FEED_MAX_BYTES). */
  feedMaxBytes: number;
  pollCron: string;
  digestCron: string;
  digestTz: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** Every problem found in the environment, one clear line each (the CLI prints them without a stack). */
export class ConfigError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `k8sblog: ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if any) into process.env without overriding what is already set. */
export function loadEnvFile(file = path.join(process.cwd(), '.env')): void {
  loadDotenv({ path: file, quiet: true });
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export interface ConfigOverrides {
  /**
   * Force a transport whatever tokens are set: a Heroku `web:` dyno must bind $PORT even when SLACK_APP_TOKEN is
   * set, and `npm run playground` runs the playground even when .env holds real credentials.
   */
  mode?: SlackMode;
  /** CLI commands that only call the Web API (digest --now) need the bot token, not the transport's secrets. */
  webApiOnly?: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const botToken = str('SLACK_BOT_TOKEN');
  const signingSecret = str('SLACK_SIGNING_SECRET');
  const appToken = str('SLACK_APP_TOKEN');
  if (botToken && !botToken.startsWith('xoxb-')) {
    problems.push(
      'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token).',
    );
  }
  if (appToken && !appToken.startsWith('xapp-')) {
    problems.push(
      'SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write).',
    );
  }
  let mode: SlackMode = 'playground';
  if (overrides.mode === 'playground') {
    // The playground brings its own credentials; whatever is configured for real Slack is neither used nor checked.
  } else if (botToken || signingSecret || appToken || overrides.mode) {
    mode = overrides.mode ?? (appToken ? 'socket' : 'http');
    if (!overrides.mode && !appToken && !signingSecret && !overrides.webApiOnly) {
      problems.push(
        'SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is missing: HTTP mode needs the Signing Secret (Basic Information → App Credentials), Socket Mode needs an app-level token (xapp-…, Basic Information → App-Level Tokens, scope connections:write).',
      );
    } else if (mode === 'socket' && !appToken && !overrides.webApiOnly) {
      problems.push(
        'SLACK_APP_TOKEN is missing: Socket Mode needs an app-level token (xapp-…) from Basic Information → App-Level Tokens, scope connections:write.',
      );
    }
    if (!botToken)
      problems.push(
        'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions after installing the app.',
      );
    if (overrides.mode === 'http' && !signingSecret && !overrides.webApiOnly) {
      problems.push(
        'SLACK_SIGNING_SECRET is missing: copy the Signing Secret from Basic Information → App Credentials (needed to verify requests over HTTP).',
      );
    }
  }

  let apiUrl = str('SLACK_API_URL') ?? 'https://slack.com/api/';
  if (!isHttpUrl(apiUrl)) problems.push(`SLACK_API_URL must be an http(s) URL, got "${redactUrl(apiUrl)}".`);
  if (!apiUrl.endsWith('/')) apiUrl += '/';

  const port = parsePort(str('PORT') ?? '3000', problems);
  const host = str('HOST') ?? (mode === 'playground' ? '127.0.0.1' : '0.0.0.0');

  const feedUrl = str('FEED_URL') ?? 'https://kubernetes.io/zh-cn/feed.xml';
  if (!isHttpUrl(feedUrl)) problems.push(`FEED_URL must be an http(s) URL, got "${redactUrl(feedUrl)}".`);

  const blogHosts = parseHosts(str('BLOG_HOSTS'), problems);
  const feedMaxBytes = Number(str('FEED_MAX_BYTES') ?? DEFAULT_FEED_MAX_BYTES);
  if (!Number.isInteger(feedMaxBytes) || feedMaxBytes < 1024) {
    problems.push(
      `FEED_MAX_BYTES must be a whole number of bytes, at least 1024 (default ${DEFAULT_FEED_MAX_BYTES}), got "${str('FEED_MAX_BYTES')}".`,
    );
  }

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/db); leave it unset to use SQLite under DATA_DIR.',
    );
  }

  const logLevel = (str('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);

  const digestTz = str('DIGEST_TZ') ?? 'Asia/Shanghai';
  if (!isTimeZone(digestTz))
    problems.push(`DIGEST_TZ must be an IANA time zone such as Asia/Shanghai, got "${digestTz}".`);

  if (problems.length) throw new ConfigError(problems);

  const contentDir = path.resolve(str('CONTENT_DIR') ?? path.join(PROJECT_ROOT, 'content'));
  const dataDir = path.resolve(str('DATA_DIR') ?? path.join(process.cwd(), 'data'));
  return {
    slack: { botToken, signingSecret, appToken, apiUrl, mode },
    port,
    host,
    contentDir,
    indexFile: path.resolve(str('INDEX_FILE') ?? path.join(PROJECT_ROOT, 'dist', 'search-index.bin')),
    dataDir,
    databaseUrl,
    feedUrl,
    blogHosts,
    feedMaxBytes,
    pollCron: str('POLL_CRON') ?? '*/30 * * * *',
    digestCron: str('DIGEST_CRON') ?? '0 9 * * 1',
    digestTz,
    logLevel,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `kubernetes.io,k8s.example.org`: host names, compared as the feed's links are (lower case, no `www.`). */
function parseHosts(value: string | undefined, problems: string[]): string[] {
  if (!value) return [...DEFAULT_BLOG_HOSTS];
  const hosts = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((h) => h.toLowerCase().replace(/^www\./, ''));
  const bad = hosts.filter((h) => !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h));
  if (bad.length || !hosts.length) {
    problems.push(
      `BLOG_HOSTS must be host names separated by commas (kubernetes.io,k8s.example.org), got "${redactUrl(value)}".`,
    );
  }
  return hosts;
}

function parsePort(value: string, problems: string[]): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${value}".`);
    return 3000;
  }
  return n;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
