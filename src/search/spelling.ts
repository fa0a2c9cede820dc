/**
 * Spelling correction for Latin words against the index's own vocabulary (kubeamd → kubeadm, dockershm →
 * dockershim, gatway → gateway). Candidates within one edit (insertion, deletion, substitution, or swap of two
 * neighbours) are found through a map from single-deletion variants to words, so a lookup costs a few map reads,
 * not a scan of the vocabulary. Which words may be corrected, and into what, is the engine's call (engine.ts).
 */

const MIN_LENGTH = 4;
/**
 * The weight of a target no document holds (see {@link SpellingCorrector.addTarget}): below any word of the index,
 * so an indexed word within one edit is preferred, but above a word nobody knows.
 */
const TARGET_DF = 0.5;

export class SpellingCorrector {
  /** Document frequency of each known word. */
  private readonly df = new Map<string, number>();
  /** Words a correction may lead to though no document holds them (not saved with the index). */
  private readonly targets = new Set<string>();
  /** Single-deletion variant (and the word itself) → words. Built on first use. */
  private deletes: Map<string, string[]> | undefined;

  static eligible(word: string): boolean {
    const c = word.charCodeAt(0);
    return word.length >= MIN_LENGTH && c >= 97 && c <= 122 && /^[a-z][a-z0-9]+$/.test(word);
  }

  /** Counts one more document holding `word`. */
  addWord(word: string, documents = 1): void {
    if (!SpellingCorrector.eligible(word)) return;
    const known = this.df.get(word);
    this.df.set(word, (known ?? 0) + documents);
    if (known === undefined && this.deletes) this.indexWord(word);
  }

  /**
   * Makes `word` a possible correction though no document holds it: a Latin form of the glossary, which finds the
   * articles that use another form of its concept (obserability → observability → 可观测性).
   */
  addTarget(word: string): void {
    if (!SpellingCorrector.eligible(word) || this.targets.has(word)) return;
    this.targets.add(word);
    if (this.deletes && !this.df.has(word)) this.indexWord(word);
  }

  frequency(word: string): number {
    return this.df.get(word) ?? 0;
  }

  get size(): number {
    return this.df.size;
  }

  entries(): IterableIterator<[string, number]> {
    return this.df.entries();
  }

  /** Builds the variant map now rather than on the first correction. */
  prepare(): void {
    this.ensureDeletes();
  }

  /**
   * The most frequent known word within one edit of `word` that `accept` lets through (a plausible term, not a name
   * or a code fragment), if it is more frequent than `word` itself.
   */
  correct(word: string, accept: (candidate: string) => boolean = () => true): string | undefined {
    if (!SpellingCorrector.eligible(word)) return undefined;
    const deletes = this.ensureDeletes();
    const own = this.frequency(word);
    let best: string | undefined;
    let bestDf = own;
    const consider = (candidate: string) => {
      if (candidate === word) return;
      const df = this.df.get(candidate) ?? (this.targets.has(candidate) ? TARGET_DF : 0);
      if (df > bestDf || (df === bestDf && best !== undefined && candidate < best)) {
        if (withinOneEdit(word, candidate) && accept(candidate)) {
          best = candidate;
          bestDf = df;
        }
      }
    };
    for (const variant of [word, ...deleteVariants(word)]) {
      const words = deletes.get(variant);
      if (words) for (const w of words) consider(w);
    }
    return best;
  }

  private ensureDeletes(): Map<string, string[]> {
    if (!this.deletes) {
      this.deletes = new Map();
      for (const word of this.df.keys()) this.indexWord(word);
      for (const word of this.targets) if (!this.df.has(word)) this.indexWord(word);
    }
    return this.deletes;
  }

  /** Files `word` under itself and each of its deletion variants (no intermediate arrays: engines open with it). */
  private indexWord(word: string): void {
    const deletes = this.deletes!;
    for (let i = -1; i < word.length; i++) {
      const variant = i < 0 ? word : word.slice(0, i) + word.slice(i + 1);
      const list = deletes.get(variant);
      if (!list) deletes.set(variant, [word]);
      else if (list[list.length - 1] !== word) list.push(word);
    }
  }
}

function deleteVariants(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when one insertion, deletion, substitution or transposition of neighbours turns `a` into `b`. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
