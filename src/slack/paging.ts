/**
 * The state a paging button carries: the query and the offset of the page it opens. It travels in the button's
 * `value` (at most 2000 characters), so queries are capped where they enter and the encoding is checked on the way out.
 */
import { truncate } from './mrkdwn.js';

export const PAGE_SIZE = 5;
/** Longer queries add nothing to a search and would not fit a button value once JSON-escaped. */
export const MAX_QUERY = 256;
const MAX_VALUE = 2000;

export interface PageRef {
  query: string;
  offset: number;
}

export function encodePage(ref: PageRef): string {
  let query = truncate(ref.query, MAX_QUERY);
  let value = JSON.stringify({ q: query, o: ref.offset });
  // Control characters escape to six characters each; shorten until it fits rather than fail.
  while (value.length > MAX_VALUE && query.length > 0) {
    query = truncate(query, Math.floor(query.length / 2));
    value = JSON.stringify({ q: query, o: ref.offset });
  }
  return value;
}

export function decodePage(value: string | undefined): PageRef | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as { q?: unknown; o?: unknown };
    if (typeof parsed.q !== 'string' || typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0)
      return undefined;
    return { query: parsed.q, offset: parsed.o };
  } catch {
    return undefined;
  }
}

/**
 * A query as typed: whitespace collapsed, trimmed, capped. Curly quotes become straight ones, since phones and
 * some desktops turn `"pod security"` into `“pod security”` and the engine's phrase syntax wants the plain kind.
 */
export function cleanQuery(text: string): string {
  return truncate(
    text
      .replace(/[“”„«»＂]/gu, '"')
      .replace(/\s+/gu, ' ')
      .trim(),
    MAX_QUERY,
  );
}
