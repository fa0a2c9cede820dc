import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/** What an article's HTML (a feed item's description) holds once its markup is gone. */
export interface HtmlText {
  /** Paragraphs of plain text separated by blank lines. */
  paragraphs: string[];
  headings: string[];
  /** Text that the page kept in HTML comments (translated posts keep the English original there). */
  comments: string;
  /** True when conversion stopped at maxTextChars. */
  truncated?: boolean;
}

export interface HtmlToTextOptions {
  /** Characters of text (and, separately, of comments) after which conversion stops. */
  maxTextChars?: number;
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
 * htmlparser2 tokenizes (in one linear pass, whatever the markup: unclosed tags and quotes cost nothing extra) and
 * decodes every named entity of HTML; this module only decides what becomes a paragraph.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): HtmlText {
  const maxChars = options.maxTextChars ?? Number.POSITIVE_INFINITY;
  const comments: string[] = [];
  const paragraphs: string[] = [];
  const headings: string[] = [];
  let current = '';
  let heading: string | undefined;
  let preDepth = 0;
  let skipping: string | undefined;
  let skipDepth = 0;
  let textChars = 0;
  let commentChars = 0;
  let truncated = false;

  const flush = () => {
    const text = preDepth > 0 ? current.replace(/^\n+|\s+$/g, '') : collapse(current);
    if (text) paragraphs.push(text);
    current = '';
  };

  const addText = (raw: string) => {
    if (skipping || !raw || truncated) return;
    let text = raw;
    if (textChars + text.length > maxChars) {
      text = text.slice(0, Math.max(0, maxChars - textChars));
      stop();
    }
    textChars += text.length;
    current += text;
    if (heading !== undefined) heading += text;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (truncated) return;
        if (skipping) {
          if (name === skipping) skipDepth++;
          return;
        }
        if (SKIP.has(name)) {
          skipping = name;
          skipDepth = 1;
          return;
        }
        if (name === 'br') {
          current += '\n';
          return;
        }
        if (name === 'img') {
          const alt = (attribs.alt ?? '').trim();
          if (alt) current += ` ${alt} `;
          return;
        }
        block(name, false);
      },
      onclosetag(name) {
        if (truncated) return;
        if (skipping) {
          if (name === skipping && --skipDepth === 0) skipping = undefined;
          return;
        }
        if (name === 'br' || name === 'img') return;
        block(name, true);
      },
      ontext: addText,
      oncomment(data) {
        if (truncated || commentChars > maxChars) return;
        const text = decodeHTML(data)
          .trim()
          .slice(0, maxChars - commentChars);
        commentChars += text.length;
        comments.push(text);
      },
    },
    // Self-closing `<svg/>` must not start a skip that never ends; CDATA is text, as in the XML it came from.
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true, recognizeCDATA: true },
  );

  function stop(): void {
    truncated = true;
    parser.pause();
  }

  function block(name: string, closing: boolean): void {
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
      return;
    }
    if (name === 'pre') {
      flush();
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      return;
    }
    if (!BLOCK.has(name)) return;
    if (name === 'td' || name === 'th') {
      if (closing) current += ' ';
      return;
    }
    flush();
  }

  parser.write(html);
  if (!truncated) parser.end();
  flush();
  return {
    paragraphs,
    headings,
    comments: comments.filter(Boolean).join('\n\n'),
    ...(truncated ? { truncated } : {}),
  };
}

/** Whitespace inside a paragraph is layout, except the line breaks a <br> asked for. */
function collapse(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
