/**
 * The last line of defence: an error nobody caught would otherwise end the process with Node's stack dump, or (a
 * rejection inside a library's request handler) leave it running in an unknown state. Either is logged once, with
 * an error id, and the process exits non-zero so that its supervisor (Heroku, Kubernetes) starts a clean one.
 */
import { newErrorId } from '../errors.js';
import { debugEnabled, log } from '../log.js';

export function installProcessGuard(exit: (code: number) => void = (code) => process.exit(code)): void {
  const fatal = (what: string) => (err: unknown) => {
    const errorId = newErrorId();
    const e = err instanceof Error ? err : new Error(String(err));
    log.error(`${what}: ${e.message.split('\n')[0]}; exiting so that a supervisor restarts the bot`, {
      error_id: errorId,
      ...(debugEnabled() ? { stack: e.stack } : {}),
    });
    exit(70);
  };
  process.on('unhandledRejection', fatal('unhandled promise rejection'));
  process.on('uncaughtException', fatal('uncaught exception'));
}
