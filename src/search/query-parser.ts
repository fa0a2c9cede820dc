/**
 * Query syntax: free words; `"quoted phrase"`; `author:paco` / `author:"Paco Xu"`; `year:2023`; `before:2020`;
 * `after:2022-06`; `-word` or `-"phrase"` to exclude. A `key:value` with any other key is read as words, and so is a
 * filter whose value cannot be read (`year:soon`). A filter with no value (a lone `author:`) is dropped.
 */
import { stripUnsafe } from './text.js';

/** Longer queries are cut here: nobody types more, and the work per query stays bounded. */
export const MAX_QUERY_CHARS = 1000;

export interface QueryFilters {
  /** Folded author names or parts of names; an article matches if any author matches any of them. */
  authors: string[];
  years: number[];
  /** Articles dated before this day (exclusive), `YYYY-MM-DD`. */
  before?: string;
  /** Articles dated on or after this day, `YYYY-MM-DD`. */
  after?: string;
}

export interface ParsedQuery {
  /** Free words (unknown `key:value` included), in order, joined by spaces. */
  words: string;
  phrases: string[];
  excludes: string[];
  filters: QueryFilters;
  /** True when nothing at all was asked: no words, phrases or filters. */
  empty: boolean;
  /** The query without its filters, for the suggestion when a filtered query finds nothing. */
  withoutFilters: string;
}

const FILTER_KEYS: Record<string, keyof QueryFilters | 'year'> = {
  author: 'authors',
  by: 'authors',
  作者: 'authors',
  year: 'year',
  年份: 'year',
  before: 'before',
  after: 'after',
};

/**
 * One token of the query line: a key with nothing after it, or `-`? `key:`? then a quoted string (closed or not)
 * or a run of non-space characters.
 */
const TOKEN =
  /(?<lone>-?[\p{L}_]+:)(?=\s|$)|(?<minus>-?)(?:(?<key>[\p{L}_]+):)?(?:"(?<quoted>[^"]*)(?:"|$)|(?<bare>\S+))/gu;

export function parseQuery(input: string): ParsedQuery {
  const line = stripUnsafe(input.normalize('NFKC'))
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[“”„«»「」『』]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  const words: string[] = [];
  const plain: string[] = [];
  const phrases: string[] = [];
  const excludes: string[] = [];
  const filters: QueryFilters = { authors: [], years: [] };
  let hasFilter = false;

  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
    const { lone, minus, key, quoted, bare } = m.groups ?? {};
    if (lone !== undefined) continue; // `key:` with nothing after it
    const whole = m[0];
    const value = (quoted ?? bare ?? '').trim();
    const filterKey = key ? FILTER_KEYS[key.toLowerCase()] : undefined;
    if (filterKey && !minus) {
      if (!value) continue;
      if (applyFilter(filters, filterKey, value)) {
        hasFilter = true;
        continue;
      }
    }
    if (minus && whole.length > 1) {
      const text = key && !filterKey ? `${key} ${value}` : value;
      if (text.trim()) excludes.push(text.trim());
      continue;
    }
    if (key && !filterKey && !quoted) {
      // Unknown key:value is words (a URL's scheme, a field name pasted from YAML ...).
      words.push(`${key}:${value}`);
      plain.push(`${key}:${value}`);
      continue;
    }
    if (quoted !== undefined && !key) {
      if (value) {
        phrases.push(value);
        plain.push(`"${value}"`);
      }
      continue;
    }
    const text = key ? `${key} ${value}` : value;
    if (text) {
      words.push(text);
      plain.push(text);
    }
  }
  const withoutFilters = [...plain, ...excludes.map((e) => (/\s/.test(e) ? `-"${e}"` : `-${e}`))].join(' ');
  return {
    words: words.join(' '),
    phrases,
    excludes,
    filters,
    empty: !words.length && !phrases.length && !hasFilter,
    withoutFilters,
  };
}

function applyFilter(filters: QueryFilters, key: keyof QueryFilters | 'year', value: string): boolean {
  switch (key) {
    case 'authors': {
      const name = value.toLowerCase().replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(name)) return false;
      filters.authors.push(name);
      return true;
    }
    case 'year': {
      if (!/^\d{4}$/.test(value)) return false;
      filters.years.push(Number(value));
      return true;
    }
    case 'before':
    case 'after': {
      const day = firstDay(value);
      if (!day) return false;
      if (key === 'before') filters.before = filters.before && filters.before < day ? filters.before : day;
      else filters.after = filters.after && filters.after > day ? filters.after : day;
      return true;
    }
    default:
      return false;
  }
}

/** `2020` → `2020-01-01`, `2022-6` → `2022-06-01`, `2022/06/15` → `2022-06-15`; undefined when not a date. */
export function firstDay(value: string): string | undefined {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}
