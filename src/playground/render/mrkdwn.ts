/**
 * Slack mrkdwn → HTML, for the playground page. Input is message text as Slack stores it (`&`, `<`, `>` escaped as
 * entities; `<…>` for links, mentions and dates); output is HTML in which every character of that text is escaped
 * and the only markup is what this module writes: b, i, s, code, pre, blockquote, a (http/https/mailto only) and
 * spans. Mentions such as `<!channel>` or `<@U123>` become plain styled text: the page notifies no one.
 *
 * Formatting follows Slack's rules closely enough that the page shows what Slack would show, including where Slack
 * would NOT format: a `*` only opens after a non-letter (start, space, punctuation, the zero-width space our bot puts
 * beside CJK text) and only closes before one, so `使用*kubeadm*部署` stays literal, as it does in Slack.
 */
import { emojiFor } from './emoji.js';
import { anchor, decodeSlackEntities, escapeHtml, safeHref } from './html.js';

export interface MrkdwnOptions {
  /** Display name of a user id in `<@U…>`; the id is shown when unknown. */
  userName?: (id: string) => string | undefined;
  /** Name of a channel id in `<#C…>`; the id is shown when unknown. */
  channelName?: (id: string) => string | undefined;
}

type Mark = '*' | '_' | '~';
type Atom =
  | { t: 'text'; s: string }
  | { t: 'mark'; c: Mark }
  | { t: 'angle'; body: string }
  | { t: 'code'; s: string }
  | { t: 'url'; s: string }
  | { t: 'emoji'; code: string };

const TAG: Record<Mark, string> = { '*': 'b', _: 'i', '~': 's' };
const FENCE = '```';

export function renderMrkdwn(text: string, options: MrkdwnOptions = {}): string {
  const parts = text.split(FENCE);
  // An odd number of fences leaves the last one unpaired: it is literal text, as in Slack.
  if (parts.length % 2 === 0) parts[parts.length - 2] += FENCE + parts.pop();
  return parts
    .map((part, i) => {
      if (i % 2 === 1)
        return `<pre class="code-block">${escapeHtml(decodeSlackEntities(part.replace(/^\n|\n$/g, '')))}</pre>`;
      // The line break next to a fence belongs to the fence, as the pre is a block of its own.
      let lines = part;
      if (i > 0 && lines.startsWith('\n')) lines = lines.slice(1);
      if (i < parts.length - 1 && lines.endsWith('\n')) lines = lines.slice(0, -1);
      return renderLines(lines, options);
    })
    .join('');
}

/** plain_text objects: no formatting, no entities, only emoji codes when `emoji` is on (Slack's default). */
export function renderPlainText(text: string, emoji = true): string {
  if (!emoji) return escapeHtml(text);
  return text
    .split(/(:[a-z0-9_+'-]+:)/)
    .map((piece, i) => (i % 2 === 1 ? (emojiFor(piece.slice(1, -1)) ?? escapeHtml(piece)) : escapeHtml(piece)))
    .join('');
}

/** Lines stay lines (the page shows mrkdwn with `white-space: pre-wrap`); runs of `>` lines become one blockquote. */
function renderLines(text: string, options: MrkdwnOptions): string {
  const out: string[] = [];
  let quote: string[] = [];
  let plain: string[] = [];
  const flushPlain = (): void => {
    if (plain.length) out.push(plain.join('\n'));
    plain = [];
  };
  const flushQuote = (): void => {
    if (quote.length) out.push(`<blockquote>${quote.join('\n')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    const q = /^(?:>|&gt;) ?/.exec(line);
    if (q) {
      flushPlain();
      quote.push(renderInline(line.slice(q[0].length), options));
    } else {
      flushQuote();
      plain.push(renderInline(line, options));
    }
  }
  flushPlain();
  flushQuote();
  return out.join('');
}

function renderInline(line: string, options: MrkdwnOptions): string {
  const atoms = tokenize(line);
  return format(atoms, 0, atoms.length, options);
}

/**
 * A bare URL ends at a space, an angle bracket or CJK punctuation (`…/。还有` is a URL and then Chinese). The page's
 * composer finds the links of a typed message with the same rules, so what it announces is what is shown as a link.
 */
export const BARE_URL = /https?:\/\/[^\s<>\u3000-\u303f\uff00-\uffef]+/;
const URL_AT = new RegExp(`^${BARE_URL.source}`);
const EMOJI_AT = /^:([a-z0-9_+'-]+):/;
/** Sentence punctuation after a bare URL is not part of it (the Slack client drops it too). */
export const URL_TAIL = /[.,;:!?)\]}'"，。；：！？）】」』]+$/u;

function tokenize(line: string): Atom[] {
  const atoms: Atom[] = [];
  const pushText = (s: string): void => {
    const last = atoms[atoms.length - 1];
    if (last?.t === 'text') last.s += s;
    else atoms.push({ t: 'text', s });
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const rest = line.slice(i);
    if (c === '<') {
      const end = line.indexOf('>', i + 1);
      const body = end > i + 1 ? line.slice(i + 1, end) : '';
      if (body && !body.includes('<')) {
        atoms.push({ t: 'angle', body });
        i = end + 1;
        continue;
      }
    } else if (c === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        atoms.push({ t: 'code', s: line.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    } else if (c === '*' || c === '_' || c === '~') {
      atoms.push({ t: 'mark', c });
      i += 1;
      continue;
    } else if (c === ':') {
      // An emoji code is one unit: the `_` in `:white_check_mark:` is not an italic marker.
      const m = EMOJI_AT.exec(rest);
      if (m) {
        atoms.push({ t: 'emoji', code: m[1] });
        i += m[0].length;
        continue;
      }
    } else if (c === 'h' && !/[A-Za-z0-9]/.test(line[i - 1] ?? '')) {
      // Slack links bare URLs, also right after CJK text, which has no spaces.
      const m = URL_AT.exec(rest);
      if (m) {
        const url = m[0].replace(URL_TAIL, '');
        if (url.length > 'https://'.length) {
          atoms.push({ t: 'url', s: url });
          i += url.length;
          continue;
        }
      }
    }
    pushText(c);
    i += 1;
  }
  return atoms;
}

const isWordChar = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string): boolean => /\s/u.test(c);

/** The character just before atom `i` ('' at the start of the line); links, code and emoji count as punctuation. */
function charBefore(atoms: Atom[], i: number): string {
  const a = atoms[i - 1];
  if (!a) return '';
  return a.t === 'text' ? a.s[a.s.length - 1] : a.t === 'mark' ? a.c : '\u0001';
}

function charAfter(atoms: Atom[], i: number): string {
  const a = atoms[i + 1];
  if (!a) return '';
  return a.t === 'text' ? a.s[0] : a.t === 'mark' ? a.c : '\u0001';
}

function opens(atoms: Atom[], i: number): boolean {
  const before = charBefore(atoms, i);
  const after = charAfter(atoms, i);
  return (before === '' || !isWordChar(before)) && after !== '' && !isSpace(after);
}

function closes(atoms: Atom[], i: number): boolean {
  const before = charBefore(atoms, i);
  const after = charAfter(atoms, i);
  return before !== '' && !isSpace(before) && (after === '' || !isWordChar(after));
}

/** Renders atoms [from, to): a marker that opens and has a closer within the range wraps what lies between. */
function format(atoms: Atom[], from: number, to: number, options: MrkdwnOptions): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const a = atoms[i];
    if (a.t === 'mark') {
      const close = opens(atoms, i) ? findCloser(atoms, i, to) : -1;
      if (close < 0) {
        out += escapeHtml(a.c);
        continue;
      }
      const tag = TAG[a.c];
      out += `<${tag}>${format(atoms, i + 1, close, options)}</${tag}>`;
      i = close;
      continue;
    }
    out += renderAtom(a, options);
  }
  return out;
}

function findCloser(atoms: Atom[], open: number, to: number): number {
  const mark = (atoms[open] as { c: Mark }).c;
  for (let k = open + 2; k < to; k++) {
    const a = atoms[k];
    if (a.t === 'mark' && a.c === mark && closes(atoms, k)) return k;
  }
  return -1;
}

function renderAtom(a: Exclude<Atom, { t: 'mark' }>, options: MrkdwnOptions): string {
  switch (a.t) {
    case 'text':
      return escapeHtml(decodeSlackEntities(a.s));
    case 'code':
      return `<code>${escapeHtml(decodeSlackEntities(a.s))}</code>`;
    case 'emoji':
      return emojiFor(a.code) ?? escapeHtml(`:${a.code}:`);
    case 'url': {
      const url = decodeSlackEntities(a.s);
      const href = safeHref(url);
      return href ? anchor(href, escapeHtml(url)) : escapeHtml(url);
    }
    case 'angle':
      return renderAngle(a.body, options);
  }
}

const BROADCASTS = new Set(['channel', 'here', 'everyone']);

/** `<…>`: a link, a user or channel mention, a broadcast, a user group or a date. Mentions are text, never links. */
function renderAngle(body: string, options: MrkdwnOptions): string {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? undefined : decodeSlackEntities(body.slice(bar + 1));
  const mention = (text: string, kind = 'mention'): string => `<span class="${kind}">${escapeHtml(text)}</span>`;

  if (target.startsWith('@')) {
    const id = target.slice(1);
    return mention(`@${label || options.userName?.(id) || id}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return mention(`#${label || options.channelName?.(id) || id}`);
  }
  if (target.startsWith('!')) {
    const [command, ...args] = target.slice(1).split('^');
    if (BROADCASTS.has(command)) return mention(`@${command}`, 'mention broadcast');
    if (command === 'subteam') return mention(label || `@${args[0] ?? 'group'}`);
    if (command === 'date') return renderDate(args, label);
    return escapeHtml(label ?? `<${decodeSlackEntities(body)}>`);
  }
  const url = decodeSlackEntities(target);
  const href = safeHref(url);
  const text = label || url;
  return href ? anchor(href, escapeHtml(text)) : escapeHtml(label ?? `<${url}>`);
}

/**
 * `<!date^seconds^format^optional link|fallback>`. Slack tells the time in each reader's zone, so the server cannot
 * render it: it writes a <time> element with the format, the page's script (public/slack-date.js) fills in the local
 * text, and the fallback (or, without one, the day in UTC) stands until then and wherever the format is unknown.
 */
function renderDate(args: string[], label: string | undefined): string {
  const [seconds, format = '', link] = args;
  const at = new Date(Number(seconds) * 1000);
  if (!seconds || !Number.isFinite(at.getTime())) return `<span class="date">${escapeHtml(label || 'date')}</span>`;
  const fallback = label || at.toISOString().slice(0, 10);
  const time = `<time class="date" datetime="${at.toISOString()}" data-format="${escapeHtml(decodeSlackEntities(format))}" title="${escapeHtml(fallback)}">${escapeHtml(fallback)}</time>`;
  const href = link ? safeHref(decodeSlackEntities(link)) : undefined;
  return href ? anchor(href, time) : time;
}
