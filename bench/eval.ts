/**
 * `npm run eval`: relevance of our engine and its peers on the development set (bench/queries/dev.jsonl)
 * and on our held-out queries (bench/queries/held-out.jsonl), overall and per kind. Our engine answers through the
 * CLI (`k8sblog search --json --batch`, prebuilt index); the peers run in this process on the same articles.
 *
 *   npm run eval                    tables for both query sets
 *   npm run eval -- --ablation      what each ranking choice is worth (our engine, in-process variants)
 *   npm run eval -- --verbose       our top 5 for every query, with grades
 *   npm run eval -- --explain "<q>" the parts of every candidate's score for one query
 *   npm run eval -- --try '{"k1":1.2}'   rerun with RANKING (or weights.x, field.x) overrides
 */

import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../src/archive/article.js';
import { loadArchive } from '../src/archive/load.js';
import { FIELDS } from '../src/search/fields.js';
import { WEIGHTS } from '../src/search/query-terms.js';
import { RANKING } from '../src/search/rank.js';
import { runBatch } from './lib/cli-batch.js';
import { allContenders, OurEngine } from './lib/contenders.js';
import { devSet, heldOutSet, type Judged, ROOT } from './lib/dev-set.js';
import { average, mrr, ndcg, type Scores } from './lib/metrics.js';

const KINDS = ['zh-keyword', 'en-term', 'mixed', 'version', 'author', 'hard'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ablation: { type: 'boolean' },
      verbose: { type: 'boolean' },
      set: { type: 'string' },
      try: { type: 'string', multiple: true },
      explain: { type: 'string' },
    },
  });
  const { articles } = await loadArchive(path.join(ROOT, 'content'));
  if (values.explain !== undefined) return explain(articles, values.explain);
  const sets: Array<[string, Judged[]]> = [];
  if (values.set !== 'held-out') sets.push(['development set (bench/queries/dev.jsonl)', await devSet()]);
  if (values.set !== 'dev')
    sets.push(['held-out set (bench/queries/held-out.jsonl, written and judged by us)', await heldOutSet()]);
  const known = new Set(articles.map((a) => a.id));
  for (const [, set] of sets)
    for (const q of set)
      for (const id of q.relevant.keys()) if (!known.has(id)) throw new Error(`${q.id}: ${id} is not in content/`);

  console.log(
    `# Search relevance — ${articles.length} articles, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`,
  );
  if (values.ablation || values.try) return ablation(articles, sets, values.try ?? []);

  const byUrl = new Map(articles.map((a) => [a.url, a.id]));
  const peers = allContenders().filter((c) => !(c instanceof OurEngine));
  for (const peer of peers) await peer.build(articles);
  for (const [title, set] of sets) {
    const ranked = new Map<string, string[][]>();
    const batch = await runBatch(
      set.map((q) => q.query),
      10,
    );
    ranked.set(
      'k8sblog',
      batch.map((r) => r.results.map((h) => byUrl.get(h.url) ?? h.url)),
    );
    for (const peer of peers) ranked.set(peer.name, await Promise.all(set.map((q) => peer.search(q.query, 10))));
    printTables(title, set, ranked);
    if (values.verbose) printDetails(set, ranked.get('k8sblog')!, articles);
  }
}

function printTables(title: string, set: Judged[], ranked: Map<string, string[][]>): void {
  const kinds = KINDS.filter((k) => set.some((q) => q.kind === k));
  console.log(`## ${title}: ${set.length} queries\n`);
  console.log('| engine | nDCG@5 | MRR@10 | Recall@10 |');
  console.log('|---|---:|---:|---:|');
  for (const [name, lists] of ranked) {
    const s = average(set.map((judged, i) => ({ judged, ranked: lists[i] })));
    console.log(`| ${name} | ${f(s.ndcg5)} | ${f(s.mrr10)} | ${f(s.recall10)} |`);
  }
  console.log(
    `\nPer kind, nDCG@5 / MRR@10 (queries per kind: ${kinds.map((k) => `${k} ${set.filter((q) => q.kind === k).length}`).join(', ')}):\n`,
  );
  console.log(`| engine | ${kinds.join(' | ')} |`);
  console.log(`|---|${kinds.map(() => '---:').join('|')}|`);
  for (const [name, lists] of ranked) {
    const cells = kinds.map((k) => {
      const rows = set.map((judged, i) => ({ judged, ranked: lists[i] })).filter((r) => r.judged.kind === k);
      const s: Scores = average(rows);
      return `${f(s.ndcg5)} / ${f(s.mrr10)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  console.log('');
}

function printDetails(set: Judged[], lists: string[][], articles: Article[]): void {
  const title = new Map(articles.map((a) => [a.id, a.title]));
  for (let i = 0; i < set.length; i++) {
    const q = set[i];
    console.log(`${q.id} [${q.kind}] ${q.query}  nDCG@5 ${f(ndcg(lists[i], q))}  MRR ${f(mrr(lists[i], q))}`);
    lists[i].slice(0, 5).forEach((id, r) => {
      console.log(`   ${r + 1}. (${q.relevant.get(id) ?? '-'}) ${title.get(id)}`);
    });
    const missing = [...q.relevant.keys()].filter((id) => !lists[i].slice(0, 10).includes(id));
    for (const id of missing) console.log(`      missing (${q.relevant.get(id)}) ${title.get(id)}`);
  }
  console.log('');
}

/** Each variant changes one ranking choice from the shipped configuration. */
async function ablation(articles: Article[], sets: Array<[string, Judged[]]>, tries: string[]): Promise<void> {
  const ours = new OurEngine();
  const saved = { ranking: { ...RANKING }, weights: { ...WEIGHTS }, fields: FIELDS.map((x) => ({ ...x })) };
  const restore = () => {
    Object.assign(RANKING, saved.ranking);
    Object.assign(WEIGHTS, saved.weights);
    FIELDS.forEach((x, i) => {
      Object.assign(x, saved.fields[i]);
    });
  };
  const field = (name: string) => FIELDS.find((x) => x.name === name)!;
  const variants: Array<[string, () => void]> = [
    ['shipped', () => {}],
    ['no coverage factor', () => (RANKING.coverageFloor = 1)],
    ['no minimum coverage', () => (RANKING.minRelativeCoverage = 0)],
    ['no title bonus', () => (RANKING.titleBonus = 0)],
    ['title bonus 3', () => (RANKING.titleBonus = 3)],
    ['no recency', () => (RANKING.recency = 0)],
    ['recency ×5', () => (RANKING.recency *= 5)],
    ['no glossary', () => (WEIGHTS.glossary = 0)],
    ['glossary at full weight', () => (WEIGHTS.glossary = 1)],
    ['no bonus terms (words, pairs)', () => (WEIGHTS.bonus = 0)],
    ['no condition frames', () => (WEIGHTS.condition = 1)],
    ['k1 = 1.2', () => (RANKING.k1 = 1.2)],
    [
      'all field weights 1',
      () => {
        for (const x of FIELDS) x.weight = 1;
      },
    ],
    ['title weight 2', () => (field('title').weight = 2)],
    ['authors weight 2', () => (field('authors').weight = 2)],
    [
      'no length normalisation',
      () => {
        for (const x of FIELDS) x.b = 0;
      },
    ],
  ];
  if (tries.length) {
    // `--try '{"k1":2}'`: RANKING (and `weights.*`) overrides, each tried on its own against the shipped settings.
    variants.splice(1);
    for (const t of tries) {
      variants.push([
        t,
        () => {
          const o = JSON.parse(t) as Record<string, number>;
          for (const [k, v] of Object.entries(o)) {
            if (k.startsWith('weights.')) (WEIGHTS as Record<string, number>)[k.slice(8)] = v;
            else if (k.startsWith('field.')) field(k.split('.')[1]).weight = v;
            else (RANKING as Record<string, number>)[k] = v;
          }
        },
      ]);
    }
  }
  for (const [title, set] of sets) {
    console.log(`## Ablation on the ${title}\n`);
    console.log(
      `| variant | nDCG@5 | MRR@10 | Recall@10 | ${KINDS.filter((k) => set.some((q) => q.kind === k)).join(' | ')} |`,
    );
    console.log(
      `|---|---:|---:|---:|${KINDS.filter((k) => set.some((q) => q.kind === k))
        .map(() => '---:')
        .join('|')}|`,
    );
    for (const [name, apply] of variants) {
      restore();
      apply();
      // A fresh engine per variant: field weights and length normalisation are worked out once per index.
      await ours.build(articles);
      const rows = set.map((judged) => ({ judged, ranked: ours.search(judged.query, 10) }));
      const s = average(rows);
      const kinds = KINDS.filter((k) => set.some((q) => q.kind === k)).map((k) =>
        f(average(rows.filter((r) => r.judged.kind === k)).ndcg5),
      );
      console.log(`| ${name} | ${f(s.ndcg5)} | ${f(s.mrr10)} | ${f(s.recall10)} | ${kinds.join(' | ')} |`);
    }
    restore();
    console.log('');
  }
}

async function explain(articles: Article[], query: string): Promise<void> {
  const ours = new OurEngine();
  await ours.build(articles);
  const title = new Map(articles.map((a) => [a.id, a.title]));
  console.log('| # | score | BM25F | coverage | title coverage | kept | title |');
  console.log('|---:|---:|---:|---:|---:|---|---|');
  ours.engine
    .explain(query)
    .slice(0, 20)
    .forEach((r, i) => {
      const kept = r.kept ? 'yes' : 'no';
      console.log(
        `| ${i + 1} | ${r.score} | ${r.bm25} | ${r.coverage} | ${r.titleCoverage} | ${kept} | ${title.get(r.id)} |`,
      );
    });
}

function f(x: number): string {
  return x.toFixed(3);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
