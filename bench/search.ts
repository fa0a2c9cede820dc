/**
 * `npm run bench`: query latency (p50/p99), index build time, serialized size, load time and heap, for our engine
 * and its peers, on the archive and on a synthetic archive 50 times its size (bench/lib/synthetic.ts).
 *
 *   npm run bench                      archive and 50×
 *   npm run bench -- --scale 1         archive only (--scale 10 for another size)
 *   npm run bench -- --rounds 20       query rounds per engine (each round runs every query once)
 *   npm run bench -- --only k8sblog    one engine (repeat --only for several)
 *
 * Queries: the development set and our held-out set (72 queries). Our engine's time includes snippets and
 * highlights for the first 10 hits ("k8sblog"), or not ("k8sblog (no snippets)": ranked hits, like the peers
 * return). Latency is measured in up to three passes of `rounds` rounds each (a pass stops early after 15 s), and the
 * pass with the lowest p99 is reported: this machine is shared, and other processes' bursts are not the engine's.
 * Load is the best of three loads. Heap is the growth of V8's used heap plus ArrayBuffer memory after building
 * (after a full GC), so it counts the index (typed-array posting lists included) and what the engine keeps, not the
 * articles themselves.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Article } from '../src/archive/article.js';
import { loadArchive } from '../src/archive/load.js';
import { allContenders, type Contender } from './lib/contenders.js';
import { devSet, heldOutSet, ROOT } from './lib/dev-set.js';
import { syntheticArchive } from './lib/synthetic.js';

const WARM_UP = 20;
/**
 * The plain flexsearch lookups (bench/lib/contenders.ts) that ratios are taken against: with ICU's words and bigrams
 * (the lookup the speed target is stated against), and with bigrams only (cheaper: no segmenter call per query).
 */
const BASELINES = ['flexsearch (ICU + bigrams)', 'flexsearch (bigrams)'];
const PASSES = 3;
const PASS_BUDGET_MS = 15_000;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Row {
  engine: string;
  buildMs: number;
  sizeBytes: number;
  loadMs: number;
  heapMb: number;
  p50: number;
  p99: number;
  mean: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      only: { type: 'string', multiple: true },
    },
  });
  const scales = (values.scale ?? ['1', '50']).map(Number);
  const rounds = Number(values.rounds ?? 20);
  const { articles } = await loadArchive(path.join(ROOT, 'content'));
  const queries = [...(await devSet()), ...(await heldOutSet())].map((q) => q.query);
  console.log(
    `# Search benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}\n`,
  );
  console.log(
    `Queries: ${queries.length} (development + held-out sets), limit 10; ${WARM_UP} warm-up rounds, then up to ${PASSES} passes of ${rounds} rounds (best pass by p99). Load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.\n`,
  );
  for (const scale of scales) {
    const corpus = scale === 1 ? articles : syntheticArchive(articles, scale);
    const chars = corpus.reduce((n, a) => n + a.body.length + a.title.length, 0);
    console.log(
      `## ${scale === 1 ? 'Archive' : `Synthetic archive ${scale}×`}: ${corpus.length} articles, ${(chars / 1e6).toFixed(1)} M characters\n`,
    );
    console.log('| engine | query p50 | query p99 | mean | build | serialized | load | heap |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    const rows: Row[] = [];
    for (const make of allContenders().map((c) => () => allContenders().find((x) => x.name === c.name)!)) {
      const probe = make();
      if (values.only && !values.only.includes(probe.name)) continue;
      const row = await measure(make, corpus, queries, rounds);
      rows.push(row);
      console.log(
        `| ${row.engine} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.mean)} | ${(row.buildMs / 1000).toFixed(2)} s | ${mb(row.sizeBytes)} | ${(row.loadMs / 1000).toFixed(2)} s | ${row.heapMb.toFixed(0)} MB |`,
      );
    }
    console.log('');
    printRatios(rows);
  }
}

async function measure(make: () => Contender, corpus: Article[], queries: string[], rounds: number): Promise<Row> {
  gc();
  const heapBefore = memoryInUse();
  let engine: Contender | undefined = make();
  const t0 = performance.now();
  await engine.build(corpus);
  const buildMs = performance.now() - t0;
  gc();
  const heapMb = (memoryInUse() - heapBefore) / 1e6;

  // Synchronous engines are timed without an await (a microtask would add to every query).
  const ask = async (q: string) => {
    const r = engine!.search(q, 10);
    if (r instanceof Promise) await r;
  };
  for (let r = 0; r < WARM_UP; r++) for (const q of queries) await ask(q);
  let best: { p50: number; p99: number; mean: number } | undefined;
  for (let pass = 0; pass < PASSES; pass++) {
    const times: number[] = [];
    const started = performance.now();
    for (let r = 0; r < rounds && (r < 3 || performance.now() - started < PASS_BUDGET_MS); r++) {
      for (const q of queries) {
        const s = performance.now();
        const r = engine.search(q, 10);
        if (r instanceof Promise) await r;
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    const stats = {
      p50: times[Math.floor(times.length * 0.5)],
      p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))],
      mean: times.reduce((a, b) => a + b, 0) / times.length,
    };
    if (!best || stats.p99 < best.p99) best = stats;
    if (performance.now() - started > PASS_BUDGET_MS) break;
  }
  const data = await engine.serialize();
  const name = engine.name;
  engine = undefined;
  gc();
  let loadMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const loaded = make();
    loadMs = Math.min(loadMs, await loaded.load(data));
    gc();
  }
  return {
    engine: name,
    buildMs,
    sizeBytes: Buffer.byteLength(data),
    loadMs,
    heapMb,
    ...best!,
  };
}

/** Ours against the plain flexsearch lookups measured in the same run (the machine is shared: ratios travel). */
function printRatios(rows: Row[]): void {
  for (const baseline of BASELINES) {
    const base = rows.find((r) => r.engine === baseline);
    if (!base) continue;
    for (const row of rows) {
      if (!row.engine.startsWith('k8sblog')) continue;
      console.log(
        `${row.engine} / ${baseline}: mean ${(row.mean / base.mean).toFixed(2)}×, p50 ${(row.p50 / base.p50).toFixed(2)}×, p99 ${(row.p99 / base.p99).toFixed(2)}×`,
      );
    }
  }
  console.log('');
}

/** V8's used heap plus the memory of ArrayBuffers (typed-array posting lists live there, outside the heap). */
function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function ms(x: number): string {
  return x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
