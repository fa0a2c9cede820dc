/** What an article's HTML (a feed item's description) holds once its markup is gone. */
export interface HtmlText {
  /** Paragraphs of plain text separated by blank lines. */
  paragraphs: string[];
  headings: string[];
  /** Text that the page kept in HTML comments (translated posts keep the English original there). */
  comments: string;
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe']);

/**
 * HTML as Hugo renders a post to plain text: every word a reader sees, in paragraphs, with the headings listed.
 * Not a browser: the feed's HTML is well formed, and what matters is that no markup or entity is left in the text.
 */
export function htmlToText(html: string): HtmlText {
  const comments: string[] = [];
  const paragraphs: string[] = [];
  const headings: string[] = [];
  let current = '';
  let heading: string | undefined;
  let preDepth = 0;
  let skipping: string | undefined;

  const flush = () => {
    const text = preDepth > 0 ? current.replace(/^\n+|\s+$/g, '') : collapse(current);
    if (text) paragraphs.push(text);
    current = '';
  };

  const tagRe =
    /<!--([\s\S]*?)(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\?[^>]*>/g;
  let last = 0;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    const textBefore = html.slice(last, m.index);
    last = tagRe.lastIndex;
    if (!skipping) addText(textBefore);
    if (m[1] !== undefined) {
      comments.push(decodeEntities(m[1]).trim());
      continue;
    }
    if (m[5] !== undefined) {
      if (!skipping) addText(m[5], true);
      continue;
    }
    const name = m[3]?.toLowerCase();
    if (!name) continue;
    const closing = m[2] === '/';
    if (skipping) {
      if (closing && name === skipping) skipping = undefined;
      continue;
    }
    if (SKIP.has(name) && !closing && !/\/\s*$/.test(m[4] ?? '')) {
      skipping = name;
      continue;
    }
    if (name === 'br') {
      current += '\n';
      continue;
    }
    if (name === 'img' && !closing) {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m[4] ?? '');
      const text = alt ? decodeEntities(alt[2] ?? alt[3] ?? '') : '';
      if (text.trim()) current += ` ${text.trim()} `;
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      if (!closing) {
        flush();
        heading = '';
      } else {
        const h = collapse(heading ?? '');
        if (h) headings.push(h);
        heading = undefined;
        flush();
      }
      continue;
    }
    if (name === 'pre') {
      flush();
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      continue;
    }
    if (BLOCK.has(name)) {
      if (name === 'td' || name === 'th') {
        if (closing) current += ' ';
        continue;
      }
      flush();
    }
  }
  if (!skipping) addText(html.slice(last));
  flush();

  function addText(raw: string, literal = false): void {
    if (!raw) return;
    const text = literal ? raw : decodeEntities(raw);
    current += text;
    if (heading !== undefined) heading += text;
  }

  return { paragraphs, headings, comments: comments.filter(Boolean).join('\n\n') };
}

/** Whitespace inside a paragraph is layout, except the line breaks a <br> asked for. */
function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  rArr: '⇒',
  lArr: '⇐',
  le: '≤',
  ge: '≥',
  ne: '≠',
  minus: '−',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  sect: '§',
  para: '¶',
  euro: '€',
  yen: '¥',
  pound: '£',
  cent: '¢',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}
