/**
 * From the words of a query to weighted index terms, grouped by what the user asked for.
 *
 * Each group is one word the user typed: a Latin token, or a word the segmenter finds in a run of ideographs once
 * question and function words are set aside (如何在不停机的情况下升级集群 → 不停机, 升级, 集群; words inside a
 * condition such as 在…的情况下 weigh half). A group's terms are the word's bigrams (or the token's term). A document
 * covers a group when it holds the group's terms, or those of one of its alternatives (glossary synonyms, spelling
 * corrections, the parts of a compound token); the ranking rewards documents that cover more of the groups. Bonus
 * terms add to the score without being needed for coverage: the segmenter's one-character and long words (they match
 * titles and headings), joined Latin pairs (pod security → podsecurity), and the bigram bridging two neighbouring
 * words, in their order and reversed (升级集群 → 级集, 群升 as in 集群升级): a cheap proximity signal.
 */
import { cjkTerms, cjkWords, STOP_CHARS } from './analyser.js';
import { GLOSSARY } from './glossary.js';
import { latinTerms } from './latin.js';
import { CJK_CLASS, fold } from './text.js';

/** At most this many distinct terms per query, and this many of them count for coverage (one bit each). */
export const MAX_TERMS = 48;
export const MAX_COVERAGE_TERMS = 32;
/** Weights relative to a term the user typed. */
export const WEIGHTS = {
  /** Parts of a compound token (`registry` of `registry.k8s.io`). */
  part: 0.3,
  /** Segmenter words and joined pairs inside what the user typed. */
  bonus: 0.5,
  /** Two neighbouring words found the other way round, relative to the bonus. */
  reversed: 0.7,
  /** Terms that only a glossary synonym brought in. */
  glossary: 0.35,
  /** A corrected spelling replaces the user's word at nearly full weight. */
  correction: 0.9,
  /** Words inside a condition (在不停机的情况下升级集群: 不停机) qualify what is asked rather than name it. */
  condition: 0.5,
};

/** Chinese question and function words: they say how the user asks, not what about. */
const CJK_STOP_WORDS = new Set([
  ...STOP_CHARS,
  '如何',
  '怎么',
  '怎样',
  '怎么样',
  '为什么',
  '为何',
  '什么',
  '哪些',
  '哪个',
  '哪里',
  '是否',
  '能否',
  '可以',
  '能',
  '吗',
  '呢',
  '吧',
  '很',
  '我',
  '我们',
  '你',
  '你们',
  '它',
  '它们',
  '一个',
  '这个',
  '那个',
  '这些',
  '那些',
  '没有',
  '情况',
  '情况下',
  '下',
  '时候',
  '中',
  '里',
  '关于',
  '对于',
  '有关',
  '请问',
  '一下',
  '谁',
  '多少',
  '需要',
  '应该',
  '当',
  '注意',
  '注意事项',
  '期间',
  '过程中',
  // Chatter around a question: how long or how often, asking for help.
  '一直',
  '总是',
  '老是',
  '始终',
  '为啥',
  '咋',
  '怎么办',
  '求助',
  '请教',
  '帮忙',
  '到底',
  '究竟',
  // A preposition before what an action is for (怎么给集群加一个节点, 给 Pod 设置优先级).
  '给',
]);
/** 在/当 … 的情况下/时/时候/期间: the words between them are a condition of the question. */
const CONDITION_OPENERS = new Set(['在', '当']);
const CONDITION_CLOSERS = new Set(['情况下', '情况', '时', '时候', '期间', '过程中']);
const LATIN_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'for',
  'and',
  'or',
  'is',
  'are',
  'be',
  'how',
  'what',
  'why',
  'when',
  'which',
  'do',
  'does',
  'can',
  'i',
  'with',
  'my',
  'it',
  'from',
  'by',
  'about',
]);
const CJK_RUN = new RegExp(`^[${CJK_CLASS}]+$`, 'u');

export interface QueryTerm {
  term: string;
  weight: number;
  /** Bit of this term in a document's coverage mask, or -1 when it does not count for coverage. */
  bit: number;
}

export interface Alternative {
  /** Coverage mask of the terms this way of saying the group needs. */
  mask: number;
  size: number;
}

export interface QueryGroup {
  /** What the user typed for this group (folded). */
  text: string;
  kind: 'cjk' | 'latin';
  /** Share of the coverage this group stands for, relative to the others. */
  weight: number;
  alternatives: Alternative[];
}

export interface Needle {
  text: string;
  mask: number;
}

export interface AnalysedQuery {
  terms: QueryTerm[];
  groups: QueryGroup[];
  /**
   * Folded strings to look for in text (snippets), longest first, each with the coverage bits a document must have
   * for the string to be in it at all.
   */
  needles: Needle[];
}

/** A unit the user typed: the terms coverage needs, and the bonus terms. */
interface Unit {
  text: string;
  kind: 'cjk' | 'latin';
  /** Start and end in the compact query text (see {@link compactKey}). */
  start: number;
  end: number;
  core: string[];
  parts: string[];
  bonus: string[];
  plain: boolean;
  /** Whitespace separates this unit from the previous one. */
  spaced: boolean;
  // The two below are set after a unit is made; every unit has them from the start, so that all share one shape.
  /** The bigram joining this unit and the previous one in the other order (升级集群 → 群升, as in 集群升级). */
  reversed: string | undefined;
  /** Inside a condition frame (see CONDITION_OPENERS). */
  condition: boolean;
}

const UNIT = new RegExp(
  `([${CJK_CLASS}]+)|((?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}_])+(?:[-./+#'](?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}_])+)*)`,
  'gu',
);

interface GlossaryForm {
  /** Folded, without spaces or hyphens. */
  key: string;
  text: string;
  concept: number;
  /** The form starts / ends with a Latin letter or digit (then it must start / end at a word boundary). */
  latinEdges: [boolean, boolean];
}
/**
 * Glossary forms by their first two characters (one-character forms by their character), longest first: the query
 * text is compared with the few forms that can start at each of its positions.
 */
const GLOSSARY_BY_START = new Map<number, GlossaryForm[]>();
const GLOSSARY_SINGLES = new Map<number, GlossaryForm[]>();
/** Two UTF-16 code units as one small integer (a Map key). */
const pairCode = (text: string, at: number): number => (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
const GLOSSARY_CONCEPTS: GlossaryForm[][] = GLOSSARY.map((forms, concept) =>
  forms.map((text) => {
    const key = compactKey(fold(text));
    return { key, text, concept, latinEdges: [/^[a-z0-9]/.test(key), /[a-z0-9]$/.test(key)] as [boolean, boolean] };
  }),
);
for (const form of GLOSSARY_CONCEPTS.flat()) {
  if (form.key.length < 2 && !CJK_RUN.test(form.key)) continue;
  const [map, code] =
    form.key.length === 1 ? [GLOSSARY_SINGLES, form.key.charCodeAt(0)] : [GLOSSARY_BY_START, pairCode(form.key, 0)];
  const list = map.get(code) ?? [];
  list.push(form);
  map.set(code, list);
}
for (const list of GLOSSARY_BY_START.values()) list.sort((a, b) => b.key.length - a.key.length);
/** Glossary forms by their whole key (a corrected word that is a form brings its concept's other forms). */
const GLOSSARY_BY_KEY = new Map<string, GlossaryForm[]>();
for (const form of GLOSSARY_CONCEPTS.flat())
  GLOSSARY_BY_KEY.set(form.key, [...(GLOSSARY_BY_KEY.get(form.key) ?? []), form]);
/** Terms of each glossary form standing alone, computed on first use. */
const synonymCache = new Map<string, string[]>();

/** Folded text without whitespace or hyphens: how glossary forms and query text are compared. */
function compactKey(folded: string): string {
  return folded.replace(/[\s\-_]+/g, '');
}

/**
 * Splits the folded free text of a query into units, dropping question and function words. Also returns the compact
 * text (runs of ideographs and Latin tokens, without what lies between them) in which unit offsets count.
 */
function readUnits(folded: string): { units: Unit[]; compact: string } {
  const units: Unit[] = [];
  let compact = '';
  let frameStart: number | undefined;
  let compactPos = 0;
  let lastEnd = 0;
  UNIT.lastIndex = 0;
  for (let m = UNIT.exec(folded); m; m = UNIT.exec(folded)) {
    const spaced = /\s/.test(folded.slice(lastEnd, m.index));
    lastEnd = m.index + m[0].length;
    if (m[1] !== undefined) {
      compact += m[1];
      // Between question and function words, every word the segmenter finds is a group of its own (so 集群升级
      // answers 升级集群); the bigram bridging two neighbouring words is a bonus term that rewards them adjacent.
      let stretch: Array<{ text: string; words: string[]; start: number }> = [];
      let first = true;
      const flush = () => {
        const merged = mergeSingles(stretch);
        merged.forEach((w, i) => {
          const unit = cjkUnit(w.text, w.words, w.start, first && i === 0 ? spaced : false);
          if (i > 0) {
            unit.bonus.push(merged[i - 1].text.slice(-1) + w.text[0]);
            unit.reversed = w.text.slice(-1) + merged[i - 1].text[0];
          }
          units.push(unit);
        });
        if (merged.length) first = false;
        stretch = [];
      };
      for (const word of cjkWords(m[1])) {
        if (frameStart !== undefined && CONDITION_CLOSERS.has(word)) {
          flush();
          for (let i = frameStart; i < units.length; i++) units[i].condition = true;
          frameStart = undefined;
        } else if (CJK_STOP_WORDS.has(word)) {
          flush();
          if (CONDITION_OPENERS.has(word)) frameStart = units.length;
        } else {
          stretch.push({ text: word, words: [word], start: compactPos });
        }
        compactPos += word.length;
      }
      flush();
      continue;
    }
    const token = m[2];
    const start = compactPos;
    compact += compactKey(token);
    compactPos = compact.length;
    if (LATIN_STOP_WORDS.has(token)) continue;
    const terms: string[] = [];
    const plain = latinTerms(token, terms);
    if (!terms.length) continue;
    const core = terms[0].includes('.') && /^\d/.test(terms[0]) && terms.length === 2 ? terms.slice(0, 1) : [terms[0]];
    units.push({
      text: token,
      kind: 'latin',
      start,
      end: compactPos,
      core,
      parts: terms.slice(1),
      bonus: [],
      plain,
      spaced,
      reversed: undefined,
      condition: false,
    });
  }
  // Function words only ("如何", "the"): keep them rather than ask nothing.
  if (!units.length && folded.trim()) {
    const terms: string[] = [];
    for (const m of folded.matchAll(UNIT)) {
      if (m[1]) cjkTerms(m[1], terms, true);
      else latinTerms(m[2], terms);
    }
    if (terms.length)
      units.push({
        text: folded.trim(),
        kind: 'latin',
        start: 0,
        end: compactPos,
        core: [...new Set(terms)],
        parts: [],
        bonus: [],
        plain: false,
        spaced: false,
        reversed: undefined,
        condition: false,
      });
  }
  return { units, compact };
}

/**
 * The segmenter splits words it does not know into characters (镜|像, 准|入): neighbouring single characters are
 * read as one word, and a lone character joins the word before it (or after it, at the start): 不停|机 → 不停机.
 */
function mergeSingles(
  words: Array<{ text: string; words: string[]; start: number }>,
): Array<{ text: string; words: string[]; start: number }> {
  const out: Array<{ text: string; words: string[]; start: number }> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.text.length === 1 && i + 1 < words.length && words[i + 1].text.length === 1) {
      let j = i;
      let text = '';
      while (j < words.length && words[j].text.length === 1) text += words[j++].text;
      out.push({ text, words: [text], start: w.start });
      i = j - 1;
      continue;
    }
    if (w.text.length === 1 && out.length) {
      const prev = out[out.length - 1];
      out[out.length - 1] = { text: prev.text + w.text, words: [...prev.words, w.text], start: prev.start };
      continue;
    }
    if (w.text.length === 1 && i + 1 < words.length) {
      const next = words[++i];
      out.push({ text: w.text + next.text, words: [w.text, ...next.words], start: w.start });
      continue;
    }
    out.push({ text: w.text, words: w.words, start: w.start });
  }
  return out;
}

function cjkUnit(text: string, words: string[], start: number, spaced: boolean): Unit {
  const core: string[] = [];
  if (text.length === 1) core.push(text);
  else for (let i = 0; i + 1 < text.length; i++) core.push(text.slice(i, i + 2));
  // The segmenter's own one-character and long words match the same words in titles and headings.
  const bonus =
    words.length > 1 || text.length !== 2
      ? words.filter((w) => w.length !== 2 && (w.length > 1 || text.length > 1) && !STOP_CHARS.has(w))
      : [];
  return {
    text,
    kind: 'cjk',
    start,
    end: start + text.length,
    core: [...new Set(core)],
    parts: [],
    bonus: [...new Set(bonus)],
    plain: false,
    spaced,
    reversed: undefined,
    condition: false,
  };
}

/** Terms for a glossary synonym standing in for `text`. */
function synonymTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(UNIT)) {
    if (m[1]) {
      // A character left over from the user's stretch (不 of 不停机 → 不 downtime) is not indexed alone.
      if (m[1].length === 1) continue;
      const terms: string[] = [];
      cjkTerms(m[1], terms, false);
      out.push(...terms);
    } else {
      const terms: string[] = [];
      latinTerms(m[2], terms);
      if (terms.length) out.push(terms[0]);
    }
  }
  return [...new Set(out)];
}

export interface Correction {
  from: string;
  to: string;
  /**
   * True: the word is unknown to the index and to the field's vocabulary, so the corrected spelling is searched too.
   * False: only offered ("Did you mean …?"), the query searches the word as typed.
   */
  silent: boolean;
}

/**
 * The query's terms and groups. `correct` is asked for each Latin word; it returns a better spelling (to search, or
 * only to offer) or undefined.
 */
export function analyseQuery(
  words: string,
  correct?: (term: string) => Correction | undefined,
): AnalysedQuery & { corrections: Correction[] } {
  const folded = fold(words);
  const { units, compact } = readUnits(folded);
  const terms = new Map<string, QueryTerm>();
  let bits = 0;
  const corrections: Correction[] = [];

  const termBit = (term: string, weight: number, coverage: boolean): number => {
    let qt = terms.get(term);
    if (!qt) {
      if (terms.size >= MAX_TERMS) return -1;
      qt = { term, weight, bit: -1 };
      terms.set(term, qt);
    } else if (weight > qt.weight) {
      qt.weight = weight;
    }
    if (coverage && qt.bit < 0 && bits < MAX_COVERAGE_TERMS) qt.bit = bits++;
    return qt.bit;
  };
  const alternative = (list: string[], weight: number): Alternative | undefined => {
    let mask = 0;
    let size = 0;
    for (const t of list) {
      const bit = termBit(t, weight, true);
      if (bit >= 0) {
        mask |= 1 << bit;
        size++;
      }
    }
    return size ? { mask, size } : undefined;
  };

  const groups: QueryGroup[] = [];
  const needles = new Map<string, number>();
  const unitGroups: QueryGroup[] = [];
  for (const unit of units) {
    const scale = unit.condition ? WEIGHTS.condition : 1;
    const group: QueryGroup = { text: unit.text, kind: unit.kind, weight: scale, alternatives: [] };
    const own = alternative(unit.core, scale);
    if (own) group.alternatives.push(own);
    if (unit.kind === 'latin' && unit.parts.length) {
      const parts = alternative(unit.parts, WEIGHTS.part);
      if (parts) group.alternatives.push(parts);
    }
    for (const t of unit.bonus) termBit(t, WEIGHTS.bonus * scale, false);
    if (unit.reversed) termBit(unit.reversed, WEIGHTS.bonus * WEIGHTS.reversed * scale, false);
    if (correct && unit.kind === 'latin' && unit.core.length === 1 && /^[a-z][a-z0-9]{3,}$/.test(unit.core[0])) {
      const better = correct(unit.core[0]);
      if (better && better.to !== unit.core[0]) {
        corrections.push(better);
        const alt = better.silent ? alternative([better.to], WEIGHTS.correction) : undefined;
        if (alt) {
          group.alternatives.push(alt);
          needles.set(better.to, alt.mask);
          // The corrected word brings its glossary synonyms, as the word spelled right would have.
          for (const terms of synonymsOfForm(better.to)) {
            const synonym = alternative(terms, WEIGHTS.glossary);
            if (synonym) group.alternatives.push(synonym);
          }
        }
      }
    }
    needles.set(unit.text, own?.mask ?? 0);
    // A version is written in the text the way its term reads (1.29 for v1.29); a KEP by its number.
    if (unit.kind === 'latin' && own && unit.core[0] !== unit.text && /^[\d.]+$/.test(unit.core[0]))
      needles.set(unit.core[0], own.mask);
    const kep = /^kep(\d+)$/.exec(unit.core[0] ?? '');
    if (unit.kind === 'latin' && own && kep) needles.set(kep[1], own.mask);
    groups.push(group);
    unitGroups.push(group);
  }
  // Joined pairs of adjacent plain Latin words: "pod security" also looks for "podsecurity".
  for (let i = 1; i < units.length; i++) {
    const a = units[i - 1];
    const b = units[i];
    if (a.plain && b.plain && b.spaced) termBit(a.text + b.text, WEIGHTS.bonus, false);
  }
  applyGlossary(units, unitGroups, compact, alternative);
  return {
    terms: [...terms.values()],
    groups: groups.filter((g) => g.alternatives.length),
    needles: [...needles].map(([text, mask]) => ({ text, mask })).sort((x, y) => y.text.length - x.text.length),
    corrections,
  };
}

/**
 * Adds glossary synonyms as alternatives of the groups a form covers. A form found inside a stretch of ideographs
 * (进程号 in 进程号限制) gives an alternative with the synonym put in its place (进程 id限制).
 */
function applyGlossary(
  units: Unit[],
  groups: QueryGroup[],
  compact: string,
  alternative: (list: string[], weight: number) => Alternative | undefined,
): void {
  const matches: Array<{ at: number; end: number; form: GlossaryForm }> = [];
  const found = (at: number, candidates: GlossaryForm[] | undefined) => {
    for (const form of candidates ?? []) {
      if (!compact.startsWith(form.key, at)) continue;
      const end = at + form.key.length;
      const boundaryOk =
        (!form.latinEdges[0] || at === 0 || !/[a-z0-9]/.test(compact[at - 1]) || unitStartsAt(units, at)) &&
        (!form.latinEdges[1] || end === compact.length || !/[a-z0-9]/.test(compact[end]) || unitEndsAt(units, end));
      if (boundaryOk) matches.push({ at, end, form });
    }
  };
  for (let at = 0; at < compact.length; at++) {
    if (at + 1 < compact.length) found(at, GLOSSARY_BY_START.get(pairCode(compact, at)));
    found(at, GLOSSARY_SINGLES.get(compact.charCodeAt(at)));
  }
  // Longest forms first; a form inside a longer one already used says nothing more.
  matches.sort((a, b) => b.end - b.at - (a.end - a.at) || a.at - b.at);
  const taken: Array<[number, number]> = [];
  for (const { at, end, form } of matches) {
    if (taken.some(([s, e]) => at >= s && end <= e)) continue;
    taken.push([at, end]);
    const covered: number[] = [];
    units.forEach((u, i) => {
      if (u.start < end && u.end > at) covered.push(i);
    });
    if (!covered.length) continue;
    const first = units[covered[0]];
    const last = units[covered[covered.length - 1]];
    const before = first.kind === 'cjk' ? first.text.slice(0, Math.max(0, at - first.start)) : '';
    const after = last.kind === 'cjk' ? last.text.slice(Math.max(0, end - last.start)) : '';
    // The user's characters around the form stay (进程号限制 → 进程 id限制): their own bigrams, beside the synonym's.
    const lead = before ? synonymTerms(before) : [];
    const tail = after ? synonymTerms(after) : [];
    for (const other of GLOSSARY_CONCEPTS[form.concept]) {
      if (other.key === form.key) continue;
      let terms = cachedSynonymTerms(other.text);
      if (lead.length || tail.length) terms = [...new Set([...lead, ...terms, ...tail])];
      const alt = alternative(terms, WEIGHTS.glossary);
      if (alt) for (const i of covered) groups[i].alternatives.push(alt);
    }
  }
}

/** The terms of each other form of the glossary concepts `word` is a whole form of. */
function synonymsOfForm(word: string): string[][] {
  const out: string[][] = [];
  for (const form of GLOSSARY_BY_KEY.get(word) ?? [])
    for (const other of GLOSSARY_CONCEPTS[form.concept])
      if (other.key !== form.key) out.push(cachedSynonymTerms(other.text));
  return out;
}

function cachedSynonymTerms(text: string): string[] {
  let terms = synonymCache.get(text);
  if (!terms) synonymCache.set(text, (terms = synonymTerms(text)));
  return terms;
}

function unitStartsAt(units: Unit[], pos: number): boolean {
  return units.some((u) => u.start === pos);
}

function unitEndsAt(units: Unit[], pos: number): boolean {
  return units.some((u) => u.end === pos);
}
