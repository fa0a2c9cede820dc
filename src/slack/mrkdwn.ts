/**
 * Text that goes into Slack mrkdwn. Slack reads `<…>` as links and mentions (`<!channel>`, `<@U123>`) and `&` as an
 * entity, so every text we did not write ourselves passes through escapeText() before it reaches a message.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose label cannot close the link early or forge another one. */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));
  // `|` ends the URL part, so it may not stand in the label either; a full-width bar reads the same.
  return `<${safeUrl}|${escapeText(label).replace(/\|/g, '｜')}>`;
}

/** Zero-width space: invisible, but a word boundary to Slack's mrkdwn parser. */
export const ZWSP = '\u200B';

/**
 * Archive or user text for a mrkdwn field: escaped, and with formatting markers swapped for look-alikes so that only
 * the markers we add ourselves can pair up (an article about `*.yaml` globs must not turn half a snippet bold).
 * Every `*` goes. `_` and `~` go only where Slack could read them as markers, next to a non-letter: Slack ignores them
 * between two letters or digits, so `pod_deletion_total` keeps its underscores. The swaps keep the length, and a
 * piece's ends count as boundaries, which they are in our output (text ends, or our own bold markers).
 */
export function plain(text: string): string {
  return escapeText(text)
    .replace(/\*/g, '∗')
    .replace(/(?<![\p{L}\p{N}])[_~]|[_~](?![\p{L}\p{N}])/gu, (c) => (c === '_' ? '＿' : '∼'));
}

/**
 * `*text*` that Slack actually renders bold. Slack only honours the markers at word boundaries, and CJK text has no
 * spaces, so `使用*kubeadm*部署` stays literal: a zero-width space goes between a marker and any neighbour that is not
 * whitespace. `before`/`after` are the characters next to the bold text in the output (empty at the ends).
 */
export function bold(text: string, before = '', after = ''): string {
  const open = before && !/\s$/u.test(before) ? `${ZWSP}*` : '*';
  const close = after && !/^\s/u.test(after) ? `*${ZWSP}` : '*';
  return open + plain(text) + close;
}

/**
 * A snippet with its matched ranges (`[start, end)`, UTF-16 offsets) in bold, everything escaped. Ranges may come
 * unsorted, overlapping, adjacent or out of bounds; bold never starts or ends on whitespace (Slack would not render it).
 */
export function highlight(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const spans = normaliseRanges(text, ranges);
  let out = '';
  let pos = 0;
  for (const [start, end] of spans) {
    out += plain(text.slice(pos, start));
    out += bold(text.slice(start, end), text.slice(0, start), text.slice(end));
    pos = end;
  }
  return out + plain(text.slice(pos));
}

function normaliseRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.floor(s)), Math.min(text.length, Math.floor(e))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    // Touching or overlapping ranges become one bold run: `*a**b*` would not render.
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Array<[number, number]> = [];
  for (let [s, e] of merged) {
    while (s < e && /\s/u.test(text[s])) s++;
    while (e > s && /\s/u.test(text[e - 1])) e--;
    // Never cut a surrogate pair in two.
    if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s--;
    if (e < text.length && isLowSurrogate(text.charCodeAt(e)) && isHighSurrogate(text.charCodeAt(e - 1))) e++;
    const prev = out[out.length - 1];
    if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
    else if (e > s) out.push([s, e]);
  }
  return out;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * At most `max` UTF-16 units, cut on a code point boundary, with `…` when something was dropped.
 * For text that is escaped afterwards, leave room: escaping only grows it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** A user or channel mention built from an id Slack gave us (never from typed text). */
export function mention(userId: string): string {
  if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) return plain(userId);
  return `<@${userId}>`;
}
