import { redactUrlsIn } from './redact.js';

/** A small leveled logger writing one line per event to stderr; secrets are scrubbed before anything is written. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: Level = (process.env.LOG_LEVEL as Level) in ORDER ? (process.env.LOG_LEVEL as Level) : 'info';

export function setLogLevel(level: Level): void {
  threshold = level;
}

/** Stacks and other detail for developers are written only at LOG_LEVEL=debug. */
export function debugEnabled(): boolean {
  return threshold === 'debug';
}

/** Slack tokens and URL credentials never reach a log line, whatever the caller passed in. */
export function redact(text: string): string {
  const scrubbed = text
    .replace(/xox[abposr]-[A-Za-z0-9-]+/g, 'xox*-[redacted]')
    .replace(/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]');
  return redactUrlsIn(scrubbed);
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}`;
  if (fields && Object.keys(fields).length) {
    line += ` ${JSON.stringify(fields, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))}`;
  }
  process.stderr.write(`${redact(line)}\n`);
}

/** What modules take as their logger: the shared one by default, a recording one in tests. */
export type Logger = Pick<typeof log, 'debug' | 'info' | 'warn' | 'error'>;

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
