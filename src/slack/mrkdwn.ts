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
 * A run of printable ASCII that holds a character Slack could read as a formatting marker (`*`, `_`, `~`), less the
 * punctuation around it: `*.yaml`, `pod_deletion_duration_seconds`, `--dry-run=~`.
 */
const TOKEN = /[!-~]*[*_~][!-~]*/g;
const LEADING = /^[("'[]+/;
const TRAILING = /[)"'\].,;:!?]+$/;

/**
 * Ranges `[start, end)` of `text` that {@link plain} shows as inline code: tokens holding a formatting marker. A
 * token holding a backtick cannot be code and is left as it is (articles are plain text: backticks are rare there).
 */
export function codeRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(TOKEN)) {
    const lead = LEADING.exec(m[0])?.[0].length ?? 0;
    const trail = TRAILING.exec(m[0].slice(lead))?.[0].length ?? 0;
    const core = m[0].slice(lead, m[0].length - trail);
    if (/[*_~]/.test(core) && !core.includes('`')) out.push([m.index + lead, m.index + m[0].length - trail]);
  }
  return out;
}

/**
 * Archive or user text for a mrkdwn field, shown verbatim: escaped, and every token holding a formatting marker put
 * in inline code, where Slack shows each character as it is (an article about `*.yaml` globs must neither turn half a
 * snippet bold nor show a look-alike star; a reader copies `pod_deletion_duration_seconds` as written). `before` and
 * `after` are the characters next to the text in the output (empty at the ends), as for {@link bold}.
 */
export function plain(text: string, before = '', after = ''): string {
  let out = '';
  let pos = 0;
  for (const [start, end] of codeRanges(text)) {
    out += escapeText(text.slice(pos, start));
    out += code(escapeText(text.slice(start, end)), start > 0 ? text[start - 1] : before, text[end] ?? after);
    pos = end;
  }
  return out + escapeText(text.slice(pos));
}

/** Inline code; a zero-width space keeps it apart from a neighbour that is not whitespace (Slack needs a boundary). */
function code(escaped: string, before: string, after: string): string {
  const open = before && !/\s$/u.test(before) ? `${ZWSP}\`` : '`';
  const close = after && !/^\s/u.test(after) ? `\`${ZWSP}` : '`';
  return open + escaped + close;
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
  // A match inside an identifier shown as code is not bolded: `*` inside code would show as a star.
  const code = codeRanges(text);
  const spans = normaliseRanges(text, ranges).filter(([s, e]) => !code.some(([cs, ce]) => s < ce && e > cs));
  let out = '';
  let pos = 0;
  for (const [start, end] of spans) {
    out += plain(text.slice(pos, start), text[pos - 1] ?? '', '*');
    out += bold(text.slice(start, end), text.slice(0, start), text.slice(end));
    pos = end;
  }
  return out + plain(text.slice(pos), text[pos - 1] ?? '');
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
