/**
 * Ranking parameters, in one place so that bench/eval.ts can measure each of them. The score of a document is
 *
 *   BM25F(terms) × coverage factor × (1 + title bonus) × (1 + recency)
 *
 * BM25F: per term, field frequencies are weighted and length-normalised per field (fields.ts), summed, then saturated
 * once (k1), times the term's IDF and the query weight of the term (query-terms.ts). Coverage: the share of the
 * query's groups the document covers (each group through its best alternative); documents that answer only part of
 * the question fall behind those that answer all of it. Title bonus: the share of groups covered by the title
 * alone. Recency: a small tie-break towards newer articles.
 */
import type { AnalysedQuery } from './query-terms.js';

export const RANKING = {
  k1: 2,
  /** Score factor for a document covering none of the groups; full coverage gives 1. */
  coverageFloor: 0.3,
  coveragePower: 1,
  /** A title covering every group multiplies the score by 1 + titleBonus (a share c of them: c^titlePower of it). */
  titleBonus: 0.6,
  titlePower: 2,
  /** The newest article gets 1 + recency, the oldest 1. */
  recency: 0.04,
  /**
   * Questions (question.ts): a title and headings covering every group multiply the score by 1 + questionHeadings;
   * among the best candidates, a question-shaped title or heading naming every group by 1 + questionAsking.
   */
  questionHeadings: 0.5,
  questionAsking: 0.5,
  /** Documents covering less than this share of the best document's coverage are not results. */
  minRelativeCoverage: 0.5,
};

/** Share of the query's groups covered by a document whose matched coverage terms are `mask`. */
export function coverage(query: AnalysedQuery, mask: number): number {
  const groups = query.groups;
  if (!groups.length) return 1;
  let sum = 0;
  let total = 0;
  for (const g of groups) {
    let best = 0;
    for (const alt of g.alternatives) {
      const hit = popcount(mask & alt.mask) / alt.size;
      if (hit > best) best = hit;
    }
    sum += best * g.weight;
    total += g.weight;
  }
  return total ? sum / total : 1;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}
