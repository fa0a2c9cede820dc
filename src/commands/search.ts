/**
 * `k8sblog search "<query>" [--limit N] [--offset N] [--json]` and `k8sblog search --json --batch FILE`
 * (one query a line, `-` for stdin; one JSON object a line, in order, from one loaded index).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { HELP_TEXT } from '../search/help.js';
import { openSearchEngine } from '../search/open.js';
import type { SearchResult } from '../search/types.js';

const USAGE =
  'usage: k8sblog search "<query>" [--limit N] [--offset N] [--json]\n       k8sblog search --json --batch FILE';

function parseSearchArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      offset: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'string' },
    },
  });
}

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseSearchArgs>;
  try {
    parsed = parseSearchArgs(args);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const limit = readCount(values.limit, 10, 'limit');
  const offset = readCount(values.offset, 0, 'offset');
  if (limit === undefined || offset === undefined) return 2;
  if (!positionals.length && values.batch === undefined) {
    console.error(`${USAGE}\n\n${HELP_TEXT}`);
    return 2;
  }

  const config = readConfig(process.env, { webApiOnly: true });
  const { engine } = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, log });
  if (values.batch !== undefined) {
    const text = values.batch === '-' ? await readStdin() : await readFile(values.batch, 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    const out: string[] = [];
    for (const line of lines) out.push(JSON.stringify(toJson(engine.search(line, { limit, offset }))));
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
    return 0;
  }
  const result = engine.search(positionals.join(' '), { limit, offset });
  if (values.json) console.log(JSON.stringify(toJson(result)));
  else console.log(render(result, offset, Boolean(process.stdout.isTTY)));
  return 0;
}

function readCount(value: string | undefined, fallback: number, name: string): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number ≥ 0, got "${value}"`);
    return undefined;
  }
  return n;
}

function toJson(r: SearchResult) {
  return {
    query: r.query,
    total: r.total,
    took_ms: r.took_ms,
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
  lines.push(`${shown} results for "${r.query}" (${r.took_ms} ms)`);
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
