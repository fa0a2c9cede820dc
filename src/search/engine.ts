/**
 * The search engine: flexsearch holds the postings (flex-index.ts), this class ranks what they find (rank.ts),
 * applies the query's filters, exclusions and phrases, and cuts snippets. It knows nothing of Slack.
 */
import type { Article } from '../archive/article.js';
import { normaliseBlogUrl } from '../archive/url.js';
import { analyse } from './analyser.js';
import { FIELDS, type FieldName, personKeys, SLOT_TF } from './fields.js';
import { FlexIndex, type TagTable, type TermFields } from './flex-index.js';
import { GLOSSARY } from './glossary.js';
import { HELP_TEXT } from './help.js';
import { type ReleaseRole, releaseIntent, releaseRole } from './intent.js';
import { Keyed } from './occurrences.js';
import { type ParsedQuery, parseQuery, type QueryFilters } from './query-parser.js';
import { type AnalysedQuery, analyseQuery, type Correction, type Needle } from './query-terms.js';
import { askingText, isQuestion } from './question.js';
import { coverage, idf, RANKING } from './rank.js';
import { RecentCache } from './recent-cache.js';
import { makeSnippet, SnippetSource } from './snippet.js';
import { SpellingCorrector } from './spelling.js';
import { fold } from './text.js';
import type { Searcher, SearchHit, SearchOptions, SearchResult } from './types.js';
import { isKnownWord, loadVocabulary } from './vocabulary.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
const FIELD_INDEX: Record<FieldName, number> = Object.fromEntries(FIELDS.map((f, i) => [f.name, i])) as Record<
  FieldName,
  number
>;
const TITLE = FIELD_INDEX.title;
const HEADINGS = FIELD_INDEX.headings;
/** How many of a question's best candidates are checked for a question-shaped heading that names its words. */
const QUESTION_RERANK = 30;
/** Needles that decide where a snippet's passage is (the others are only marked). */
const MAX_CHOOSERS = 8;
/** A query finding fewer results than this offers a correction it did not search ("Did you mean …?"). */
const FEW_RESULTS = 3;
/** Documents the spelling offered instead of a word one article holds must be in, at least. */
const OFFER_MIN_FREQUENCY = 10;
/** How many prepared bodies to keep for snippets (about 14 MB at the archive's average length). */
const BODY_CACHE = 1024;

/** What a saved index holds besides flexsearch's export (persist.ts writes and reads it). */
export interface EngineState {
  articles: Article[];
  /** Terms per field, per article (same order as `articles`). */
  lengths: number[][];
  /** Latin words and their document frequencies, for spelling correction. */
  vocabulary: Array<[string, number]>;
  /** flexsearch's field indexes, term by term (FlexIndex.postingsByTerm). */
  postings: Map<string, TermFields>;
  tags: TagTable;
}

interface Scratch {
  score: Float64Array;
  acc: Float64Array;
  mask: Uint32Array;
  titleMask: Uint32Array;
  /** Coverage bits of terms found in the title or the headings (question intent). */
  guideMask: Uint32Array;
  seen: Uint8Array;
  touched: Int32Array;
  termTouched: Int32Array;
  coverage: MaskMemo;
  coverageFactor: MaskMemo;
  titleFactor: MaskMemo;
  guideFactor: MaskMemo;
}

export class SearchEngine implements Searcher {
  private readonly flex = new FlexIndex();
  private readonly docs: Article[] = [];
  private readonly internal = new Map<string, number>();
  private readonly urls = new Map<string, number>();
  /** Days since the epoch, per document. */
  private readonly days: number[] = [];
  /** What each article is to a query for the release of the version its title names (intent.ts). */
  private readonly roles: Array<ReleaseRole | undefined> = [];
  /** Each article's question- or how-to-shaped title and headings, folded (question.ts). */
  private readonly asking: string[] = [];
  private readonly lengths: number[][] = FIELDS.map(() => []);
  private readonly lengthSums: number[] = FIELDS.map(() => 0);
  /**
   * BM25F's weight of one occurrence per field and document, `weight / (1 - b + b · length / average)`: it depends on
   * the index only, so it is worked out once (dropped when an article is added) rather than for every posting of
   * every query.
   */
  private units: Float64Array[] | undefined;
  /**
   * Bodies of recently shown articles with whitespace runs made one space, as they are and folded (snippets and
   * phrase checks read them; a bounded cache).
   */
  private readonly bodies = new RecentCache<SnippetSource>(BODY_CACHE);
  private readonly spelling = new SpellingCorrector();
  private newest: Article[] | undefined;
  private minDay = Infinity;
  private maxDay = -Infinity;
  private scratch: Scratch | undefined;

  /** Builds an engine over many articles at once (the fast path; see FlexIndex.bulkLoad). */
  static build(articles: readonly Article[]): SearchEngine {
    const engine = new SearchEngine();
    const unique = new Map<string, Article>();
    for (const a of articles) unique.set(a.id, a);
    const entries = [...unique.values()].map((article, id) => ({ id, article }));
    const lengths = engine.flex.bulkLoad(entries);
    for (const { id, article } of entries) engine.register(id, article, lengths[id]);
    for (const [term, df] of engine.flex.documentFrequencies())
      if (SpellingCorrector.eligible(term)) engine.spelling.addWord(term, df);
    return engine.warm();
  }

  /**
   * Restores an engine from a saved state without analysing any text. The engine takes the state's posting lists
   * over: a state is read from an index file for one engine (persist.ts), not shared.
   */
  static restore(state: EngineState): SearchEngine {
    const engine = new SearchEngine();
    engine.flex.importPostings(
      state.articles.map((_, id) => id),
      state.postings,
      state.tags,
    );
    state.articles.forEach((article, id) => {
      engine.register(id, article, state.lengths[id]);
    });
    for (const [word, df] of state.vocabulary) engine.spelling.addWord(word, df);
    return engine.warm();
  }

  /**
   * What the first query would otherwise build lazily: the field's vocabulary (38k words, read at open) and the
   * spelling corrector's variant map (about 100 ms for the archive's Latin words on the shared machine), built in
   * the event loop's next turn after open, so that neither the load nor, in practice, the first query waits for it
   * (a query that comes first builds it itself).
   */
  private warm(): this {
    loadVocabulary();
    this.addGlossaryTargets();
    setImmediate(() => this.spelling.prepare()).unref();
    return this;
  }

  /**
   * The glossary's one-word Latin forms that no article holds become spelling targets when another form of their
   * concept is in the index: a typo of such a word (obserability) is corrected to it, and the glossary then finds
   * the articles that use the other form (可观测性).
   */
  private addGlossaryTargets(): void {
    for (const forms of GLOSSARY)
      for (const form of forms) {
        const word = fold(form);
        if (!SpellingCorrector.eligible(word) || this.spelling.frequency(word) > 0) continue;
        const findable = forms.some(
          (other) => other !== form && analyse(other).some((term) => this.flex.termPostings(term) !== undefined),
        );
        if (findable) this.spelling.addTarget(word);
      }
  }

  /** The state to save; restore(state()) searches exactly like this engine. */
  state(): EngineState {
    const { terms, tags } = this.flex.postingsByTerm();
    return {
      articles: this.docs,
      lengths: this.docs.map((_, id) => FIELDS.map((_f, f) => this.lengths[f][id])),
      vocabulary: [...this.spelling.entries()],
      postings: terms,
      tags,
    };
  }

  /** flexsearch's own export of the index (tests compare the bulk build with article-by-article adds through it). */
  flexExport(): Array<[string, string]> {
    return this.flex.export();
  }

  get size(): number {
    return this.docs.length;
  }

  get(id: string): Article | undefined {
    const n = this.internal.get(id);
    return n === undefined ? undefined : this.docs[n];
  }

  byUrl(url: string): Article | undefined {
    const key = normaliseBlogUrl(url);
    const n = key === undefined ? undefined : this.urls.get(key);
    return n === undefined ? undefined : this.docs[n];
  }

  latest(n: number): Article[] {
    this.newest ??= [...this.docs].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
    return this.newest.slice(0, Math.max(0, Math.floor(n)));
  }

  /** Adds an article to the live index, or replaces the one with the same id. */
  add(article: Article): void {
    let id = this.internal.get(article.id);
    if (id !== undefined) {
      this.flex.remove(id);
      const old = this.docs[id];
      this.urls.delete(normaliseBlogUrl(old.url) ?? old.url);
      for (let f = 0; f < FIELDS.length; f++) this.lengthSums[f] -= this.lengths[f][id!];
    } else {
      id = this.docs.length;
    }
    const { lengths, terms } = this.flex.add(id, article);
    this.learnWords(terms);
    this.register(id, article, lengths);
  }

  private register(id: number, article: Article, lengths: number[]): void {
    this.docs[id] = article;
    this.internal.set(article.id, id);
    this.urls.set(normaliseBlogUrl(article.url) ?? article.url, id);
    const day = Math.floor(Date.parse(`${article.date}T00:00:00Z`) / 86_400_000) || 0;
    this.days[id] = day;
    this.roles[id] = releaseRole(article.title, article.slug);
    this.asking[id] = askingText(article.title, article.headings);
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;
    FIELDS.forEach((_f, f) => {
      this.lengths[f][id] = lengths[f] ?? 0;
      this.lengthSums[f] += lengths[f] ?? 0;
    });
    this.bodies.delete(id);
    this.newest = undefined;
    this.units = undefined;
  }

  private learnWords(terms: Iterable<string>): void {
    for (const t of terms) if (SpellingCorrector.eligible(t)) this.spelling.addWord(t);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const started = performance.now();
    const limit = clampInt(options.limit, DEFAULT_LIMIT, 0, MAX_LIMIT);
    const offset = clampInt(options.offset, 0, 0, 1_000_000);
    const text = typeof query === 'string' ? query : '';
    const parsed = parseQuery(text);
    const done = (partial: Omit<SearchResult, 'query' | 'tookMs'>): SearchResult => ({
      query: text,
      tookMs: round3(performance.now() - started),
      ...partial,
    });
    if (parsed.empty) return done({ total: 0, results: [], help: HELP_TEXT });

    const ranked = this.rank(parsed);
    if (options.only) keepOnly(ranked, options.only, this.docs);
    const best = topK(ranked.scores, offset + limit).slice(offset);
    const needles = options.snippets !== false && best.length ? snippetNeedles(ranked.query) : undefined;
    const results = best.map((i) => this.hit(ranked.ids[i], ranked.scores[i], ranked.masks[i], needles));
    const result: Omit<SearchResult, 'query' | 'tookMs'> = { total: ranked.ids.length, results };
    const silent = ranked.corrections.filter((c) => c.silent);
    if (silent.length) result.corrected = applyCorrections(text, silent);
    if (!options.only && ranked.ids.length < FEW_RESULTS) {
      const suggestion = this.suggest(text, parsed, ranked.corrections, ranked.ids.length);
      if (suggestion && suggestion !== result.corrected) result.suggestion = suggestion;
    }
    return done(result);
  }

  /** Diagnostics for tuning: every candidate with the parts of its score (bench/eval.ts --explain). */
  explain(
    query: string,
  ): Array<{ id: string; score: number; bm25: number; coverage: number; titleCoverage: number; kept: boolean }> {
    const parsed = parseQuery(query);
    const quoted = quotedWords(parsed);
    const q = analyseQuery([parsed.words, ...parsed.phrases].join(' '), (t) => this.correction(t, quoted));
    const s = this.ensureScratch();
    const touched = this.accumulate(q, s);
    const rows = [];
    let best = 0;
    for (let i = 0; i < touched; i++) best = Math.max(best, coverage(q, s.mask[s.touched[i]]));
    for (let i = 0; i < touched; i++) {
      const id = s.touched[i];
      const cov = coverage(q, s.mask[id]);
      const titleCov = coverage(q, s.titleMask[id]);
      const score =
        s.score[id] *
        (RANKING.coverageFloor + (1 - RANKING.coverageFloor) * cov ** RANKING.coveragePower) *
        (1 + RANKING.titleBonus * titleCov ** RANKING.titlePower);
      rows.push({
        id: this.docs[id].id,
        score: round3(score),
        bm25: round3(s.score[id]),
        coverage: round3(cov),
        titleCoverage: round3(titleCov),
        kept: cov >= best * RANKING.minRelativeCoverage,
      });
    }
    this.clearScratch(s);
    return rows.sort((a, b) => b.score - a.score);
  }

  /** All matching documents with their scores, in no particular order (scores of filter-only queries fall by date). */
  private rank(parsed: ParsedQuery): {
    ids: number[];
    scores: number[];
    masks: number[];
    query: AnalysedQuery;
    corrections: Correction[];
  } {
    const allowed = this.allowed(parsed.filters);
    const excluded = this.excludedSet(parsed);
    const wordsText = [parsed.words, ...parsed.phrases].join(' ');
    const quoted = quotedWords(parsed);
    const query = analyseQuery(wordsText, (term) => this.correction(term, quoted));
    if (!query.terms.length) {
      if (wordsText.trim() || !allowed)
        return { ids: [], scores: [], masks: [], query, corrections: query.corrections };
      // Filters alone: every article they let through, newest first.
      const ids = this.latest(this.docs.length)
        .map((a) => this.internal.get(a.id)!)
        .filter((id) => allowed[id] && !excluded?.[id]);
      // No words to score by: newest first, by a score that only orders.
      return {
        ids,
        scores: ids.map((_, i) => round3(1 - i / (ids.length + 1))),
        masks: ids.map(() => 0),
        query,
        corrections: query.corrections,
      };
    }
    const s = this.ensureScratch();
    const touched = this.accumulate(query, s);

    const phrases = parsed.phrases.map((p) => fold(p).replace(/\s+/g, ' ').trim()).filter(Boolean);
    // Coverage depends on the mask only, and masks repeat across documents: compute each factor once per mask.
    const coverageOf = s.coverage.reset((mask) => coverage(query, mask));
    let bestCoverage = 0;
    let n = 0;
    for (let i = 0; i < touched; i++) {
      const id = s.touched[i];
      if (allowed && !allowed[id]) continue;
      s.touched[n++] = id;
      const cov = coverageOf.get(s.mask[id]);
      if (cov > bestCoverage) bestCoverage = cov;
    }
    const floor = bestCoverage * RANKING.minRelativeCoverage;
    const coverageFactor = s.coverageFactor.reset((mask) => {
      const cov = coverageOf.get(mask);
      return cov < floor ? 0 : RANKING.coverageFloor + (1 - RANKING.coverageFloor) * cov ** RANKING.coveragePower;
    });
    const titleFactor = s.titleFactor.reset(
      (mask) => 1 + RANKING.titleBonus * coverageOf.get(mask) ** RANKING.titlePower,
    );
    // A question is answered by the article whose title or headings name what it asks about.
    const question = isQuestion(wordsText);
    const guideFactor = s.guideFactor.reset((mask) => 1 + RANKING.questionHeadings * coverageOf.get(mask));
    const ids: number[] = [];
    const scores: number[] = [];
    const masks: number[] = [];
    const release = releaseIntent(query.groups.map((g) => ({ text: g.text, version: versionOf(g.text) })));
    const span = this.maxDay - this.minDay || 1;
    const recency = RANKING.recency / span;
    for (let i = 0; i < n; i++) {
      const id = s.touched[i];
      const factor = coverageFactor.get(s.mask[id]);
      if (factor === 0) continue;
      if (excluded?.[id]) continue;
      if (phrases.length && !this.hasPhrases(id, phrases)) continue;
      const day = this.days[id];
      let score = s.score[id] * factor * titleFactor.get(s.titleMask[id]) * (1 + recency * (day - this.minDay));
      if (question) score *= guideFactor.get(s.guideMask[id]);
      ids.push(id);
      masks.push(s.mask[id]);
      // Ties (same score) go to the newer article through a vanishing share of its day number.
      scores.push(score + day * 1e-12);
    }
    this.clearScratch(s);
    if (question) this.rankQuestion(query, ids, scores);
    if (release) this.rankRelease(release, ids, scores);
    return { ids, scores, masks, query, corrections: query.corrections };
  }

  /**
   * A query for the release of `version`: its announcement first, then its removals article, then the feature posts
   * that name it, then the rest, each tier in the order of its scores.
   */
  private rankRelease(version: string, ids: number[], scores: number[]): void {
    let top = 0;
    for (const score of scores) if (score > top) top = score;
    for (let i = 0; i < ids.length; i++) {
      const role = this.roles[ids[i]];
      if (role?.version === version) scores[i] += role.role * top;
    }
  }

  /**
   * A question's best candidates whose question- or how-to-shaped title or headings name the words it asks about
   * (节点如何接入…集群 for 怎么给集群加一个节点) move up, by the share of its words such a heading names.
   */
  private rankQuestion(query: AnalysedQuery, ids: number[], scores: number[]): void {
    let total = 0;
    for (const g of query.groups) total += g.weight;
    if (!total) return;
    for (const i of topK(scores, QUESTION_RERANK)) {
      const asking = this.asking[ids[i]];
      if (!asking) continue;
      let named = 0;
      for (const g of query.groups) if (asking.includes(g.text)) named += g.weight;
      scores[i] *= 1 + RANKING.questionAsking * (named / total);
    }
  }

  /** Zeroes what accumulate() wrote (the touched list is compacted by filters, so the arrays are cleared whole). */
  private clearScratch(s: Scratch): void {
    const n = this.docs.length;
    s.score.fill(0, 0, n);
    s.mask.fill(0, 0, n);
    s.titleMask.fill(0, 0, n);
    s.guideMask.fill(0, 0, n);
    s.seen.fill(0, 0, n);
  }

  /** BM25F over every query term; lists the touched documents in scratch.touched. */
  private accumulate(query: AnalysedQuery, s: Scratch): number {
    const n = this.docs.length;
    const units = (this.units ??= this.occurrenceUnits());
    // Locals, not property loads, in the loops below: they run for every posting of every term.
    const { acc, score, mask, seen, touched: touchedIds, termTouched: termIds, titleMask, guideMask } = s;
    let touched = 0;
    for (const qt of query.terms) {
      const fields = this.flex.termPostings(qt.term);
      if (!fields) continue;
      let termTouched = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const slots = fields[f];
        if (!slots) continue;
        const unit = units[f];
        const bit = qt.bit >= 0 && (f === TITLE || f === HEADINGS) ? 1 << qt.bit : 0;
        for (let slot = 0; slot < slots.length; slot++) {
          const ids = slots[slot];
          if (!ids) continue;
          const tf = SLOT_TF[slot];
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k];
            if (acc[id] === 0) termIds[termTouched++] = id;
            acc[id] += tf * unit[id];
          }
          // Title and headings lists are short; the mask loop stays out of the body's.
          if (bit === 0) continue;
          const masks = f === TITLE ? titleMask : undefined;
          for (let k = 0; k < ids.length; k++) {
            guideMask[ids[k]] |= bit;
            if (masks) masks[ids[k]] |= bit;
          }
        }
      }
      if (!termTouched) continue;
      const weight = qt.weight * idf(n, termTouched) * (RANKING.k1 + 1);
      const k1 = RANKING.k1;
      const bit = qt.bit >= 0 ? 1 << qt.bit : 0;
      for (let k = 0; k < termTouched; k++) {
        const id = termIds[k];
        const t = acc[id];
        acc[id] = 0;
        if (!seen[id]) {
          seen[id] = 1;
          touchedIds[touched++] = id;
        }
        score[id] += (weight * t) / (t + k1);
        mask[id] |= bit;
      }
    }
    return touched;
  }

  private occurrenceUnits(): Float64Array[] {
    const n = this.docs.length;
    return FIELDS.map((spec, f) => {
      const lens = this.lengths[f];
      const b = spec.b;
      const bAvg = b / (this.lengthSums[f] / Math.max(1, n) || 1);
      const unit = new Float64Array(n);
      for (let id = 0; id < n; id++) unit[id] = spec.weight / (1 - b + bAvg * lens[id]);
      return unit;
    });
  }

  private ensureScratch(): Scratch {
    const n = this.docs.length;
    if (!this.scratch || this.scratch.score.length < n) {
      const size = Math.max(64, Math.ceil(n * 1.25));
      this.scratch = {
        score: new Float64Array(size),
        acc: new Float64Array(size),
        mask: new Uint32Array(size),
        titleMask: new Uint32Array(size),
        guideMask: new Uint32Array(size),
        seen: new Uint8Array(size),
        touched: new Int32Array(size),
        termTouched: new Int32Array(size),
        coverage: this.scratch?.coverage ?? new MaskMemo(),
        coverageFactor: this.scratch?.coverageFactor ?? new MaskMemo(),
        titleFactor: this.scratch?.titleFactor ?? new MaskMemo(),
        guideFactor: this.scratch?.guideFactor ?? new MaskMemo(),
      };
    }
    return this.scratch;
  }

  /** Documents the filters let through, or undefined when there are no filters. */
  private allowed(filters: QueryFilters): Uint8Array | undefined {
    const { authors, years, before, after } = filters;
    if (!authors.length && !years.length && !before && !after) return undefined;
    const n = this.docs.length;
    const ok = new Uint8Array(n).fill(1);
    if (years.length) {
      const inYears = new Uint8Array(n);
      for (const y of years) for (const id of this.flex.tagged('year', String(y))) inYears[id] = 1;
      for (let id = 0; id < n; id++) ok[id] &= inYears[id];
    }
    if (authors.length) {
      const byAuthor = new Uint8Array(n);
      for (const name of authors) for (const id of this.peopleIds(name)) byAuthor[id] = 1;
      for (let id = 0; id < n; id++) ok[id] &= byAuthor[id];
    }
    if (before || after) {
      const lo = after ?? '0000-00-00';
      const hi = before ?? '9999-99-99';
      for (let id = 0; id < n; id++) if (!(this.docs[id].date >= lo && this.docs[id].date < hi)) ok[id] = 0;
    }
    return ok;
  }

  /**
   * Articles by an author whose name matches `name` (whole, joined, a word of it, or the start of a word). Authors
   * first; when no author matches, translators, so `author:` finds a translator's work too.
   */
  private peopleIds(name: string): number[] {
    for (const tag of ['author', 'translator'] as const) {
      const keys = new Set(personKeys(name).slice(0, 2));
      const exact = [...keys].flatMap((k) => this.flex.tagged(tag, k));
      if (exact.length) return exact;
      const prefix = fold(name).replace(/\s+/g, ' ');
      const ids: number[] = [];
      for (let id = 0; id < this.docs.length; id++) {
        const people = tag === 'author' ? this.docs[id].authors : this.docs[id].translators;
        if (people.some((p) => personKeys(p).some((k) => k.startsWith(prefix)))) ids.push(id);
      }
      if (ids.length) return ids;
    }
    return [];
  }

  /**
   * Documents an exclusion rules out, or undefined when there is none: those holding every term of one of the
   * `-word`s (for ideographs, all the bigrams of the word), in any field.
   */
  private excludedSet(parsed: ParsedQuery): Uint8Array | undefined {
    if (!parsed.excludes.length) return undefined;
    const n = this.docs.length;
    const out = new Uint8Array(n);
    for (const text of parsed.excludes) {
      const terms = [...new Set(analyse(text, { words: false }))];
      if (!terms.length) continue;
      const hits = new Uint16Array(n);
      for (const term of terms) {
        const seen = new Uint8Array(n);
        for (const spec of FIELDS) {
          const slots = this.flex.postings(spec.name, term);
          if (!slots) continue;
          for (const ids of slots) if (ids) for (let k = 0; k < ids.length; k++) seen[ids[k]] = 1;
        }
        for (let id = 0; id < n; id++) hits[id] += seen[id];
      }
      for (let id = 0; id < n; id++) if (hits[id] === terms.length) out[id] = 1;
    }
    return out;
  }

  private hasPhrases(id: number, phrases: string[]): boolean {
    const a = this.docs[id];
    const haystacks = [
      fold(a.title).replace(/\s+/g, ' '),
      fold(a.headings.join('\n')).replace(/\s+/g, ' '),
      this.body(id).folded,
    ];
    return phrases.every((p) => haystacks.some((h) => h.includes(p)));
  }

  private body(id: number): SnippetSource {
    let b = this.bodies.get(id);
    if (b === undefined) {
      b = new SnippetSource(this.docs[id].body);
      this.bodies.set(id, b);
    }
    return b;
  }

  private hit(id: number, score: number, mask: number, needles: Needles | undefined): SearchHit {
    const a = this.docs[id];
    let snippet: { text: string; highlights: Array<[number, number]> } = { text: '', highlights: [] };
    if (needles) snippet = makeSnippet(this.body(id), needles.choosers, mask, needles.markers);
    return {
      id: a.id,
      title: a.title,
      url: a.url,
      date: a.date,
      authors: a.authors,
      score: round3(score),
      snippet: snippet.text,
      highlights: snippet.highlights,
    };
  }

  /**
   * A better spelling for a Latin word. A word that neither the index nor the field's vocabulary knows is corrected
   * (searched in its corrected spelling too); a word only one article holds and the vocabulary lacks gets a correction
   * to offer, not to search. Real words (cgroup, alert, argo, help) are never rewritten, and a correction must be a
   * plausible term (see {@link plausibleCorrection}).
   */
  private correction(term: string, quoted: ReadonlySet<string>): Correction | undefined {
    if (quoted.has(term) || isKnownWord(term)) return undefined;
    const own = this.spelling.frequency(term);
    if (own > 1) return undefined;
    const better = this.spelling.correct(term, (w) => this.plausibleCorrection(w));
    if (!better) return undefined;
    if (own === 0) return { from: term, to: better, silent: true };
    return this.spelling.frequency(better) >= OFFER_MIN_FREQUENCY
      ? { from: term, to: better, silent: false }
      : undefined;
  }

  /**
   * A word a correction may lead to: a known word of the field, or a word of some article's title or headings (prose
   * by construction) that is not a person's name. A word only seen in bodies may be a code fragment (args, argv) or a
   * name mentioned in passing (albert).
   */
  private plausibleCorrection(word: string): boolean {
    if (isKnownWord(word)) return true;
    if (this.flex.postings('authors', word) || this.flex.postings('translators', word)) return false;
    return this.flex.postings('title', word) !== undefined || this.flex.postings('headings', word) !== undefined;
  }

  /**
   * A query to offer when this one found little: its spellings corrected (including those only offered), or, when it
   * found nothing, without its filters, phrases or exclusions.
   */
  private suggest(text: string, parsed: ParsedQuery, corrections: Correction[], found: number): string | undefined {
    if (corrections.some((c) => !c.silent)) return applyCorrections(text, corrections);
    if (found) return undefined;
    if (corrections.length) return applyCorrections(text, corrections);
    const hasFilters =
      parsed.filters.authors.length || parsed.filters.years.length || parsed.filters.before || parsed.filters.after;
    if (hasFilters && parsed.withoutFilters.trim()) {
      const without = parseQuery(parsed.withoutFilters);
      if (!without.empty && this.rank(without).ids.length) return parsed.withoutFilters;
    }
    if (parsed.phrases.length || parsed.excludes.length) {
      const loose = [parsed.words, ...parsed.phrases].join(' ').trim();
      if (loose && this.rank(parseQuery(loose)).ids.length) return loose;
    }
    return undefined;
  }
}

/**
 * What snippets mark, most telling first: what the user typed, then their words' terms (these choose the passage),
 * then the terms glossary synonyms and corrections brought in (marked where they appear in it).
 */
function snippetNeedles(query: AnalysedQuery): Needles {
  const typed = query.needles.filter((n) => n.text.length >= 2 || /[^\x00-\x7f]/.test(n.text)).slice(0, MAX_CHOOSERS);
  const own = query.terms
    .filter((t) => t.weight >= 1 && t.bit >= 0 && t.term.length >= 2 && !typed.some((n) => n.text === t.term))
    .map((t) => ({ text: t.term, mask: 1 << t.bit }));
  // Each marker with the coverage bits a document holds wherever it is in the text (a text repeated keeps the bits
  // both ask for).
  const markers = new Map<string, number>();
  const mark = (text: string, mask: number) => markers.set(text, (markers.get(text) ?? mask) & mask);
  for (const n of [...typed, ...own]) mark(n.text, n.mask);
  for (const t of query.terms)
    if (t.term.length >= 2 && (t.bit >= 0 || t.term.length >= 3)) mark(t.term, t.bit >= 0 ? 1 << t.bit : 0);
  // Keyed once here for all the hits of the page.
  const choosers = (needles: Needle[]) => needles.map((n) => new Keyed(n.text, n.mask));
  return {
    choosers: [choosers(typed), choosers(own.slice(0, MAX_CHOOSERS))],
    markers: [...markers].map(([text, mask]) => new Keyed(text, mask)),
  };
}

interface Needles {
  /** Needle groups that choose the passage, tried in order. */
  choosers: Keyed[][];
  markers: Keyed[];
}

/** Slots of a {@link MaskMemo} (2^MEMO_BITS); at most three quarters are filled, later masks are computed. */
const MEMO_BITS = 9;
const MEMO_SLOTS = 1 << MEMO_BITS;

/**
 * A function of a 32-bit mask, remembered per mask for one query: a query's candidates share few masks (the factors
 * of a 10,000-article archive are computed a few dozen times, not 10,000). Open addressing in typed arrays kept from
 * query to query (a generation number empties it), as a Map keyed by numbers cost more than the arithmetic it saved.
 */
class MaskMemo {
  private readonly keys = new Int32Array(MEMO_SLOTS);
  private readonly values = new Float64Array(MEMO_SLOTS);
  private readonly generations = new Uint32Array(MEMO_SLOTS);
  private generation = 0;
  private size = 0;
  private f: (mask: number) => number = () => 0;

  /** Forgets every mask and remembers `f` instead. */
  reset(f: (mask: number) => number): this {
    this.f = f;
    this.size = 0;
    if (++this.generation === 0x100000000) {
      this.generations.fill(0);
      this.generation = 1;
    }
    return this;
  }

  get(mask: number): number {
    const key = mask | 0;
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - MEMO_BITS);
    while (this.generations[slot] === this.generation) {
      if (this.keys[slot] === key) return this.values[slot];
      slot = (slot + 1) & (MEMO_SLOTS - 1);
    }
    const value = this.f(mask);
    if (this.size < (MEMO_SLOTS * 3) / 4) {
      this.generations[slot] = this.generation;
      this.keys[slot] = key;
      this.values[slot] = value;
      this.size++;
    }
    return value;
  }
}

/** `major.minor` of a version as typed (1.29, v1.29, v1.29.0), else undefined. */
function versionOf(text: string): string | undefined {
  const m = /^v?(\d{1,2})\.(\d{1,2})(?:\.\d+)?$/.exec(text);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** Latin words inside the query's quoted phrases: a quoted phrase is never corrected. */
function quotedWords(parsed: ParsedQuery): Set<string> {
  return new Set(parsed.phrases.flatMap((p) => fold(p).match(/[a-z][a-z0-9]*/g) ?? []));
}

function applyCorrections(query: string, corrections: Correction[]): string {
  let text = query.normalize('NFKC');
  for (const { from, to } of corrections)
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'giu'), to);
  return text.trim();
}

/** Leaves in a ranking only the articles whose id is in `only`, with the scores the whole index gave them. */
function keepOnly(
  ranked: { ids: number[]; scores: number[]; masks: number[] },
  only: ReadonlySet<string>,
  docs: readonly Article[],
): void {
  let n = 0;
  for (let i = 0; i < ranked.ids.length; i++) {
    if (!only.has(docs[ranked.ids[i]].id)) continue;
    ranked.ids[n] = ranked.ids[i];
    ranked.scores[n] = ranked.scores[i];
    ranked.masks[n] = ranked.masks[i];
    n++;
  }
  ranked.ids.length = n;
  ranked.scores.length = n;
  ranked.masks.length = n;
}

/** Indices of the `k` highest scores, best first (ties: the earlier index first). */
export function topK(scores: readonly number[], k: number): number[] {
  const n = scores.length;
  if (k <= 0 || n === 0) return [];
  if (k <= 64) return topByInsertion(scores, k);
  if (k * 4 >= n) {
    return Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => scores[b] - scores[a] || a - b)
      .slice(0, k);
  }
  return topByHeap(scores, k);
}

/** A page's worth of the best: a short sorted list that most candidates do not get into. */
function topByInsertion(scores: readonly number[], k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    // At an equal score the entry already listed, with the earlier index, stays ahead.
    if (top.length === k && !(score > scores[top[k - 1]])) continue;
    let j = Math.min(top.length, k - 1);
    while (j > 0 && score > scores[top[j - 1]]) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return top;
}

/** Min-heap of the best k seen so far, by score then by index (results pages are small, candidates many). */
function topByHeap(scores: readonly number[], k: number): number[] {
  const n = scores.length;
  const heap: number[] = [];
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c], heap[p])) break;
        [heap[c], heap[p]] = [heap[p], heap[c]];
        c = p;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clampInt(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
