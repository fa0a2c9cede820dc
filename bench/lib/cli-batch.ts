/** Runs queries through `k8sblog search --json --batch -` (one loaded index, one JSON object a line). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './dev-set.js';

export interface BatchHit {
  title: string;
  url: string;
  date: string;
  authors: string[];
  score: number;
  snippet: string;
}
export interface BatchResult {
  query: string;
  total: number;
  took_ms: number;
  results: BatchHit[];
}

export async function runBatch(
  queries: readonly string[],
  limit = 10,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BatchResult[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'search', '--json', '--limit', String(limit), '--batch', '-'],
    {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.end(`${queries.map((q) => q.replace(/\n/g, ' ')).join('\n')}\n`);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`k8sblog search --batch exited with ${code}: ${err}`);
  const lines = out.trimEnd().split('\n');
  if (lines.length !== queries.length) throw new Error(`expected ${queries.length} JSON lines, got ${lines.length}`);
  return lines.map((l) => JSON.parse(l) as BatchResult);
}
