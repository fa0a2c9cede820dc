/** Bolt's and the Web API client's log lines go through our logger, so they get the same format and token redaction. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.js';

export function boltLogger(log: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let current = level;
  let name = 'bolt';
  const order: Record<LogLevel, number> = {
    [LogLevel.DEBUG]: 0,
    [LogLevel.INFO]: 1,
    [LogLevel.WARN]: 2,
    [LogLevel.ERROR]: 3,
  };
  const line = (msg: unknown[]): string => msg.map(text).join(' ');
  const emit = (at: LogLevel, write: (m: string) => void, msg: unknown[]): void => {
    if (order[at] >= order[current]) write(`${name}: ${line(msg)}`);
  };
  return {
    debug: (...msg: unknown[]) => emit(LogLevel.DEBUG, log.debug, msg),
    info: (...msg: unknown[]) => emit(LogLevel.INFO, log.info, msg),
    warn: (...msg: unknown[]) => emit(LogLevel.WARN, log.warn, msg),
    error: (...msg: unknown[]) => emit(LogLevel.ERROR, log.error, msg),
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}

/** One logged value as text. A logger must not throw whatever an SDK hands it: JSON.stringify throws on a cycle. */
function text(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m instanceof Error) return m.message;
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return String(m);
  }
}
