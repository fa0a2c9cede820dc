/** Ranking metrics over graded judgements (grade > 0 is relevant). */
import type { Judged } from './dev-set.js';

/** nDCG@k with exponential gain (2^grade − 1) and log2 discount. */
export function ndcg(ranked: readonly string[], judged: Judged, k = 5): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    const g = judged.relevant.get(id) ?? 0;
    dcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const ideal = [...judged.relevant.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return idcg ? dcg / idcg : 0;
}

export function mrr(ranked: readonly string[], judged: Judged, k = 10): number {
  const i = ranked.slice(0, k).findIndex((id) => (judged.relevant.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function recall(ranked: readonly string[], judged: Judged, k = 10): number {
  const rel = [...judged.relevant.values()].filter((g) => g > 0).length;
  if (!rel) return 0;
  return ranked.slice(0, k).filter((id) => (judged.relevant.get(id) ?? 0) > 0).length / rel;
}

export interface Scores {
  ndcg5: number;
  mrr10: number;
  recall10: number;
  n: number;
}

export function average(rows: Array<{ ranked: string[]; judged: Judged }>): Scores {
  const n = rows.length || 1;
  return {
    ndcg5: rows.reduce((s, r) => s + ndcg(r.ranked, r.judged), 0) / n,
    mrr10: rows.reduce((s, r) => s + mrr(r.ranked, r.judged), 0) / n,
    recall10: rows.reduce((s, r) => s + recall(r.ranked, r.judged), 0) / n,
    n: rows.length,
  };
}
