import { type CreditRole, parseCreditLine } from '../credits.js';

export interface ConvertedBody {
  markdown: string;
  credits: Record<CreditRole, string[]>;
}

/** Credits stand right under the title; further down a "作者" line is prose about someone. */
const CREDIT_WINDOW = 3;

/**
 * Turns the print view's lines of one article into Markdown: credit lines move out, bullets become list items,
 * indented runs become code blocks, short stand-alone lines become headings, and prose is escaped so that a
 * Markdown reader gives the print text back.
 */
export function printToMarkdown(lines: string[]): ConvertedBody {
  const credits: Record<CreditRole, string[]> = { authors: [], translators: [] };
  const rest = [...lines];
  let seenNonEmpty = 0;
  for (let i = 0; i < rest.length && seenNonEmpty < CREDIT_WINDOW; i++) {
    if (!rest[i].trim()) continue;
    seenNonEmpty++;
    const credit = parseCreditLine(rest[i]);
    if (!credit) continue;
    for (const role of ['authors', 'translators'] as const) credits[role].push(...(credit[role] ?? []));
    rest[i] = '';
  }

  const out: string[] = [];
  let code: string[] | undefined;
  const closeCode = () => {
    if (!code) return;
    while (code.length && !code[code.length - 1].trim()) code.pop();
    if (code.length) out.push('', fenceFor(code), ...code, fenceFor(code), '');
    code = undefined;
  };

  for (let i = 0; i < rest.length; i++) {
    const line = rest[i].replace(/\s+$/, '');
    const bullet = /^(\s*)[•*]\s+(.*)$/.exec(line);
    const numbered = /^(\s*)(\d+)[.)]\s+(.*)$/.exec(line);
    const isCode = /^ {4,}\S/.test(line) && !bullet && !numbered;
    if (isCode || (code && !line.trim() && /^ {4,}\S/.test(nextNonEmpty(rest, i)))) {
      code ??= [];
      code.push(line.slice(Math.min(4, leadingSpaces(line))));
      continue;
    }
    closeCode();
    if (!line.trim()) {
      out.push('');
    } else if (bullet) {
      out.push(`${bullet[1].length >= 6 ? '  ' : ''}- ${escapeInline(bullet[2])}`);
    } else if (numbered) {
      out.push(`${numbered[1].length >= 6 ? '   ' : ''}${numbered[2]}. ${escapeInline(numbered[3])}`);
    } else if (looksLikeHeading(rest, i)) {
      out.push(`## ${escapeInline(line.trim())}`);
    } else {
      out.push(escapeLineStart(escapeInline(line.trim())));
    }
  }
  closeCode();

  const markdown = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown: `${markdown}\n`, credits };
}

/** A heading in the print view is a short line standing alone between blank lines, not ending like a sentence. */
function looksLikeHeading(lines: string[], i: number): boolean {
  const text = lines[i].trim();
  if (text.length < 2 || text.length > 40) return false;
  if (/^\s/.test(lines[i])) return false;
  if (/[。.，,;；:：、)）"”]$/.test(text)) return false;
  if (/https?:\/\/|[=<>{}]/.test(text)) return false;
  const before = i === 0 || !lines[i - 1].trim();
  const after = i === lines.length - 1 || !lines[i + 1].trim();
  return before && after;
}

function nextNonEmpty(lines: string[], i: number): string {
  for (let j = i + 1; j < lines.length; j++) if (lines[j].trim()) return lines[j];
  return '';
}

function leadingSpaces(line: string): number {
  return /^ */.exec(line)![0].length;
}

function fenceFor(code: string[]): string {
  const longest = Math.max(2, ...code.map((l) => /^\s*(`{3,})/.exec(l)?.[1].length ?? 0));
  return '`'.repeat(longest + 1);
}

/** Backslash-escapes what a Markdown reader would take as markup inside a line of prose. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>{}|]/g, '\\$&');
}

/** At the start of a line, `#`, `>`, `-`, `+` and `1.` would start a block. */
function escapeLineStart(text: string): string {
  return text.replace(/^([#>+-])/, '\\$1').replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');
}
