/**
 * Failures a person can fix (a setting, a flag, a busy port) are UserErrors: the CLI prints their message as it is,
 * one line per problem, and no stack. Anything else is a bug or an outage: one line with an error id, the stack
 * only at LOG_LEVEL=debug.
 */
import { randomBytes } from 'node:crypto';

export class UserError extends Error {
  constructor(
    message: string,
    /** 2 for a command line that cannot be understood (with its usage), 1 for everything else. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A flag or argument the command does not take: the message, then the command's usage; exit 2. */
export class UsageError extends UserError {
  constructor(message: string, usage: string) {
    super(`${message}\n\n${usage}`, 2);
    this.name = 'UsageError';
  }
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `E-` and eight characters without look-alikes (0/O, 1/I), easy to read back over chat. */
export function newErrorId(): string {
  const bytes = randomBytes(8);
  let id = 'E-';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** The system's reason for a failed call (`ECONNREFUSED`, `EACCES` …) in words a person can act on. */
export function describeSystemError(err: unknown): string {
  const e = err as { code?: string; message?: string; syscall?: string } | undefined;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENOENT: 'no such file or folder',
    EEXIST: 'already exists',
    ENOSPC: 'no space left on the device',
    EADDRINUSE: 'address already in use',
    EADDRNOTAVAIL: 'address not available on this machine',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed (DNS)',
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  if (e?.code && reasons[e.code]) return `${reasons[e.code]} (${e.code})`;
  const message = e?.message ?? String(err);
  return message.split('\n')[0];
}
