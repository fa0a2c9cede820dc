import { type CreditRole, parseCreditLine, stripEmphasis } from './credits.js';

/** How many paragraphs at the top of a body may hold credits ("**作者**: …", "**译者**: …", an editor's note). */
const TOP_PARAGRAPHS = 4;

/**
 * Credit lines at the top of a body ("**作者：** …") belong in the credits, not in the text. A credit may wrap over
 * several lines ("**作者**: Frederico Muñoz (SAS\nInstitute), Kaslin Fields (Google),\n…"): a line continues the
 * credit above it while that one is unfinished (an open parenthesis, a trailing comma or "and") or when the line
 * itself starts with a separator. HTML comments (the English original) are skipped, not counted.
 */
export function extractBodyCredits(markdown: string): { markdown: string; credits: Record<CreditRole, string[]> } {
  const credits: Record<CreditRole, string[]> = { authors: [], translators: [] };
  const lines = markdown.split('\n');
  let inComment = false;
  let paragraphs = 0;
  let inParagraph = false;
  /** The credit being read: its text so far and the lines it spans, blanked once it is complete. */
  let open: { text: string; lines: number[] } | undefined;
  const close = () => {
    if (!open) return;
    const credit = parseCreditLine(open.text);
    if (credit) {
      for (const role of ['authors', 'translators'] as const) credits[role].push(...(credit[role] ?? []));
      for (const i of open.lines) lines[i] = '';
    }
    open = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      close();
      inComment = !line.includes('-->');
      continue;
    }
    if (!line.trim()) {
      close();
      inParagraph = false;
      continue;
    }
    if (!inParagraph) {
      if (paragraphs === TOP_PARAGRAPHS) break;
      paragraphs++;
      inParagraph = true;
    }
    if (parseCreditLine(line)) {
      close();
      open = { text: line, lines: [i] };
    } else if (open && continuesCredit(open.text, line)) {
      open.text += ` ${line.trim()}`;
      open.lines.push(i);
    } else {
      close();
    }
  }
  close();
  return { markdown: lines.join('\n'), credits };
}

function continuesCredit(credit: string, next: string): boolean {
  const text = stripEmphasis(credit).trim();
  const opens = (text.match(/[(（]/g) ?? []).length;
  const closes = (text.match(/[)）]/g) ?? []).length;
  if (opens > closes) return true;
  if (/(?:[,，、;；]|\band|和)$/i.test(text)) return true;
  return /^\s*(?:[,，、;；]|and\s|和)/i.test(next);
}

/**
 * Older posts credit their author in a closing sign-off instead of a credit line: " - Kit Merker - Google 云平台产品
 * 经理", "-- Sarah Novotny, Kubernetes 社区管理者", "--Pani Networks 联合创始人 Chris Marino". Looks at the last lines
 * of the body only, and wants a dash before a personal name, so that a closing bullet list is not read as one
 * (a single `-` counts only when the line is a paragraph of its own, not the end of a list).
 */
export function signOffAuthor(markdown: string): string | undefined {
  const text = markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '\n');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').filter((l) => l.trim()))
    .filter((p) => p.length);
  const last = paragraphs.at(-1);
  if (!last) return undefined;
  // The sign-off may be followed by the author's role on a line of its own.
  for (const [k, raw] of last.slice(-2).entries()) {
    const index = last.length - Math.min(2, last.length) + k;
    const line = stripEmphasis(raw)
      .replace(/^\s*#{1,6}\s+/, '')
      .replace(/\\(.)/g, '$1')
      .replace(/^[\s_*]+|[\s_*]+$/g, '');
    const m = /^(--?|—|–)\s*(.+)$/.exec(line);
    if (!m) continue;
    if (m[1] === '-' && (index > 0 || /^\s*[-*+]\s/.test(paragraphs.at(-2)?.at(-1) ?? ''))) continue;
    const name = nameOf(m[2]);
    if (name) return name;
  }
  return undefined;
}

const LATIN_NAME = /^[A-Z][\p{L}'’.-]*(?:\s+[A-Z][\p{L}'’.-]*){1,3}$/u;
const NOT_A_PERSON = /\b(?:Kubernetes|Team|Community|SIG|Project|Group|Google|Inc|Labs)\b/;

/** "Kit Merker - Google 云平台产品经理" → "Kit Merker"; "Rancher Labs 首席架构师 Darren Shepherd" → "Darren Shepherd". */
function nameOf(signOff: string): string | undefined {
  const lead = signOff.split(/\s+[-–—]\s+|[,，。;；|]/)[0].trim();
  if (LATIN_NAME.test(lead) && !NOT_A_PERSON.test(lead)) return lead;
  // A Chinese role before the name: the name is the Latin run after the last CJK character.
  const trailing = /[\p{Script=Han}]\s*([A-Z][\p{L}'’.-]*(?:\s+[A-Z][\p{L}'’.-]*){1,3})$/u.exec(lead);
  if (trailing && !NOT_A_PERSON.test(trailing[1])) return trailing[1];
  return undefined;
}
