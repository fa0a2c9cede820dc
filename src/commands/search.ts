/**
 * `k8sblog search "<query>" [--limit N] [--offset N] [--json]` and `k8sblog search --json --batch FILE`
 * (one query a line, `-` for stdin; one JSON object a line, in order, from one loaded index).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { countFlag, parseCommandArgs } from '../cli/args.js';
import { type Config, readConfig } from '../config.js';
import { describeSystemError, UsageError, UserError } from '../errors.js';
import { restoreFeedArticles } from '../feed/poller.js';
import { log } from '../log.js';
import type { SearchEngine } from '../search/engine.js';
import { HELP_TEXT } from '../search/help.js';
import { openSearchEngine } from '../search/open.js';
import type { SearchResult } from '../search/types.js';
import { openStore, SQLITE_FILE } from '../store/open-store.js';

const USAGE =
  'usage: k8sblog search "<query>" [--limit N] [--offset N] [--json]\n       k8sblog search --json --batch FILE';

/** More results than this on one page are not a search but a dump (use --batch with --offset to page). */
const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('search', USAGE, {
    args,
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
    },
  });
  const limit = countFlag('search', USAGE, 'limit', values.limit, { fallback: 10, min: 1, max: MAX_LIMIT });
  const offset = countFlag('search', USAGE, 'offset', values.offset, { fallback: 0, min: 0, max: MAX_OFFSET });
  if (!positionals.length && values.batch === undefined) {
    console.error(`${USAGE}\n\n${HELP_TEXT}`);
    return 2;
  }
  if (positionals.length && values.batch !== undefined)
    throw new UsageError('k8sblog search: give a query or --batch FILE, not both', USAGE);

  const config = readConfig(process.env, { webApiOnly: true });
  const { engine } = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, log });
  await addStoredFeedArticles(config, engine);
  if (values.batch !== undefined) {
    const text = await readBatch(values.batch);
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    const out: string[] = [];
    for (const line of lines) out.push(JSON.stringify(toJson(engine.search(line, { limit, offset }))));
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
    return 0;
  }
  const result = engine.search(positionals.join(' '), { limit, offset });
  if (!values.json && result.total > 0 && offset >= result.total) {
    console.error(
      `k8sblog search: --offset ${offset} is past the last of the ${result.total} results for "${result.query}"`,
    );
    return 1;
  }
  if (values.json) console.log(JSON.stringify(toJson(result)));
  else console.log(render(result, offset, Boolean(process.stdout.isTTY)));
  return 0;
}

async function readBatch(file: string): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`k8sblog search: cannot read --batch file "${file}": ${describeSystemError(err)}`);
  }
}

/**
 * The running bot searches content/ plus the articles its feed polls stored; so does this command, when there is a
 * store to read (DATABASE_URL, or a SQLite file under DATA_DIR). No store is no error: content/ alone is searched.
 */
async function addStoredFeedArticles(config: Config, engine: SearchEngine): Promise<void> {
  if (!config.databaseUrl && !existsSync(path.join(config.dataDir, SQLITE_FILE))) return;
  try {
    const store = await openStore(config);
    try {
      await restoreFeedArticles(store, engine);
    } finally {
      await store.close();
    }
  } catch (err) {
    log.warn(
      `search: the feed articles in the store could not be read, searching content/ only (${describeSystemError(err)})`,
    );
  }
}

/** `--json` is a wire format for scripts: snake_case keys, like /healthz; in TypeScript, fields are camelCase. */
function toJson(r: SearchResult) {
  return {
    query: r.query,
    total: r.total,
    took_ms: r.tookMs,
    results: r.results.map((h) => ({
      title: h.title,
      url: h.url,
      date: h.date,
      authors: h.authors,
      score: h.score,
      snippet: h.snippet,
      highlights: h.highlights,
    })),
    ...(r.suggestion ? { suggestion: r.suggestion } : {}),
    ...(r.corrected ? { corrected: r.corrected } : {}),
    ...(r.help ? { help: r.help } : {}),
  };
}

/** A numbered list; matches are marked in bold on a terminal and with ** elsewhere. */
export function render(r: SearchResult, offset: number, tty: boolean): string {
  if (r.help) return r.help;
  const lines: string[] = [];
  if (r.corrected) lines.push(`(showing results for: ${r.corrected})`);
  if (!r.total) {
    lines.push(`no results for "${r.query}"${r.suggestion ? ` — try: ${r.suggestion}` : ''}`);
    return lines.join('\n');
  }
  const shown = r.results.length
    ? `${offset + 1}–${offset + r.results.length} of ${r.total}`
    : `none of ${r.total} on this page`;
  lines.push(`${shown} results for "${r.query}" (${r.tookMs} ms)`);
  // Few results and a likely respelling: offered, never applied (the engine corrects silently only what no one means).
  if (r.suggestion) lines.push(`(did you mean: ${r.suggestion}?)`);
  const [on, off] = tty ? ['\x1b[1m', '\x1b[22m'] : ['**', '**'];
  r.results.forEach((h, i) => {
    let snippet = '';
    let at = 0;
    for (const [s, e] of h.highlights) {
      snippet += h.snippet.slice(at, s) + on + h.snippet.slice(s, e) + off;
      at = e;
    }
    snippet += h.snippet.slice(at);
    lines.push('');
    lines.push(`${String(offset + i + 1).padStart(3)}. ${h.title}`);
    lines.push(`     ${h.date}${h.authors.length ? ` · ${h.authors.join(', ')}` : ''} · score ${h.score}`);
    lines.push(`     ${h.url}`);
    if (snippet) lines.push(`     ${snippet}`);
  });
  return lines.join('\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
