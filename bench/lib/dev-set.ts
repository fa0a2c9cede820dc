/**
 * Relevance judgements: the development set (bench/queries/dev.jsonl: articles named by their title line in the
 * print view, mapped to article ids through seed/zh-cn-blog-posts.tsv) and our own held-out queries
 * (bench/queries/held-out.jsonl, ids given directly). Only benchmarks read these files; the engine never does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Judged {
  id: string;
  query: string;
  kind: string;
  /** Article id → grade (2: best answer, 1: also clearly relevant). */
  relevant: Map<string, number>;
}

interface DevLine {
  id: string;
  query: string;
  kind: string;
  relevant: Array<{ title: string; line: number; grade: number }>;
}

/** seed_line → article id (`<date>-<slug>`, slug lower-cased as the loader makes it). */
async function idsBySeedLine(): Promise<Map<number, string>> {
  const tsv = await readFile(path.join(ROOT, 'seed', 'zh-cn-blog-posts.tsv'), 'utf8');
  const [head, ...rows] = tsv.trimEnd().split('\n');
  const cols = head.split('\t');
  const at = (name: string) => cols.indexOf(name);
  const map = new Map<number, string>();
  for (const row of rows) {
    const c = row.split('\t');
    const line = Number(c[at('seed_line')]);
    if (line) map.set(line, `${c[at('date')]}-${c[at('slug')].toLowerCase()}`);
  }
  return map;
}

export async function devSet(file = path.join(ROOT, 'bench', 'queries', 'dev.jsonl')): Promise<Judged[]> {
  const byLine = await idsBySeedLine();
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevLine)
    .map((q) => {
      const relevant = new Map<string, number>();
      for (const r of q.relevant) {
        const id = byLine.get(r.line);
        if (!id) throw new Error(`${q.id}: no article for print line ${r.line} (${r.title})`);
        relevant.set(id, r.grade);
      }
      return { id: q.id, query: q.query, kind: q.kind, relevant };
    });
}

export async function heldOutSet(file = path.join(ROOT, 'bench/queries/held-out.jsonl')): Promise<Judged[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('//'))
    .map((l) => JSON.parse(l) as { id: string; query: string; kind: string; relevant: Record<string, number> })
    .map((q) => ({ id: q.id, query: q.query, kind: q.kind, relevant: new Map(Object.entries(q.relevant)) }));
}
