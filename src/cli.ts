#!/usr/bin/env node
/** `k8sblog <command>`: one entry point; each command lives in src/commands/ and is loaded only when asked for. */
import { installProcessGuard } from './cli/guard.js';
import { loadEnvFile } from './config.js';
import { newErrorId, UserError } from './errors.js';
import { debugEnabled, redact } from './log.js';

type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  start: {
    summary: 'run the bot (Socket Mode, HTTP, or the local playground without credentials)',
    load: () => import('./commands/start.js'),
  },
  import: {
    summary: 'cut the print view of the blog into content/ Markdown files',
    load: () => import('./commands/import.js'),
  },
  archive: {
    summary: 'load content/ and print counts by year, authors and characters',
    load: () => import('./commands/archive.js'),
  },
  'build-index': {
    summary: 'build the search index from content/ and save it for fast start-up',
    load: () => import('./commands/build-index.js'),
  },
  search: {
    summary: 'search the archive: k8sblog search "<query>" [--limit N] [--offset N] [--json] [--batch FILE]',
    load: () => import('./commands/search.js'),
  },
  poll: {
    summary: 'read the feed once now, store new articles and send the alerts they bring',
    load: () => import('./commands/poll.js'),
  },
  follows: {
    summary: 'follows --dry-run: print who would get which alert now, sending nothing',
    load: () => import('./commands/follows.js'),
  },
  digest: {
    summary: 'build digests: --dry-run [--channel C] prints them, --now posts them',
    load: () => import('./commands/digest.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: k8sblog <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`k8sblog: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  loadEnvFile();
  installProcessGuard();
  const mod = await command.load();
  return mod.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportFailure(err);
  },
);

/** A person's mistake prints as it is; anything else prints one line with an error id, the stack only when debugging. */
function reportFailure(err: unknown): number {
  if (err instanceof UserError) {
    console.error(redact(err.message));
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const errorId = newErrorId();
  const hint = debugEnabled() ? '' : ' (LOG_LEVEL=debug shows the stack)';
  console.error(redact(`k8sblog: failed: ${e.message.split('\n')[0]} [${errorId}]${hint}`));
  if (debugEnabled()) console.error(redact(e.stack ?? ''));
  return 1;
}
