#!/usr/bin/env node
/** `k8sblog <command>`: one entry point; each command lives in src/commands/ and is loaded only when asked for. */
import { ConfigError, loadEnvFile } from './config.js';

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
  poll: { summary: 'read the feed once now and store new articles', load: () => import('./commands/poll.js') },
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
  const mod = await command.load();
  return mod.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`k8sblog: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
