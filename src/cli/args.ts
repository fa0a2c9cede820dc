/** Flag parsing for every CLI command: an unknown or malformed flag is a usage error (one line, usage, exit 2). */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    // Node's messages name the flag already ("Unknown option '--x'"); only their first sentence is ours to show.
    const message = (err instanceof Error ? err.message : String(err)).split(/\.(\s|$)/)[0];
    const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    const line = ambiguous
      ? `${ambiguous[1]} needs a value; write ${ambiguous[1]}=VALUE for a value that starts with "-"`
      : message;
    throw new UsageError(`k8sblog ${command}: ${line}`, usage);
  }
}

/** A whole number flag within bounds, or a usage error naming the flag and the value. */
export function countFlag(
  command: string,
  usage: string,
  name: string,
  value: string | undefined,
  bounds: { fallback: number; min: number; max: number },
): number {
  if (value === undefined) return bounds.fallback;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || n < bounds.min || n > bounds.max) {
    throw new UsageError(
      `k8sblog ${command}: --${name} must be a whole number from ${bounds.min} to ${bounds.max}, got "${value}"`,
      usage,
    );
  }
  return n;
}
