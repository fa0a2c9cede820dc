/**
 * Author and translator credits as the blog writes them: "作者: A (X), B (Y)", "译者：C 和 D", "Authors: E, F, and G".
 * Shared by the print-view importer, the Hugo loader and the feed, which all meet the same lines.
 */

export type CreditRole = 'authors' | 'translators';

/** `loose`: the print view lost some colons ("译者Michael Yao"), so these words may stand without one. */
const ROLE_WORDS: Array<{ re: RegExp; role: CreditRole; loose: boolean }> = [
  { re: /^(?:原文)?作者(?:和(?:受访者|采访者))?/, role: 'authors', loose: true },
  { re: /^(?:Authors?|Written by)\b/i, role: 'authors', loose: true },
  { re: /^(?:译者|Translators?)/i, role: 'translators', loose: true },
  { re: /^翻译/, role: 'translators', loose: false },
];

/**
 * Reads one credit line. A role word must be followed by a colon, or by a name with no colon in the rest of the line
 * (the print view lost some colons: "译者Michael Yao"); "作者标注: …" is prose, not a credit.
 * A line may hold both roles ("作者: A 译者: B"). Returns undefined for anything else.
 */
export function parseCreditLine(line: string): Partial<Record<CreditRole, string[]>> | undefined {
  const text = stripEmphasis(line).trim();
  const first = matchRole(text);
  if (!first) return undefined;
  const out: Partial<Record<CreditRole, string[]>> = {};
  // A second role word inside the line ("… (Google) 译者: Michael Yao") starts the second credit.
  const inner = first.rest.search(/\s(?:译者|Translators?)\s*[:：]/i);
  const ownPart = inner >= 0 ? first.rest.slice(0, inner) : first.rest;
  out[first.role] = splitNames(ownPart);
  if (inner >= 0) {
    const second = matchRole(first.rest.slice(inner).trim());
    if (second) out[second.role] = [...(out[second.role] ?? []), ...splitNames(second.rest)];
  }
  return out;
}

function matchRole(text: string): { role: CreditRole; rest: string } | undefined {
  for (const { re, role, loose } of ROLE_WORDS) {
    const m = re.exec(text);
    if (!m) continue;
    const after = text.slice(m[0].length);
    const colon = /^\s*[:：]\s*/.exec(after);
    if (colon) return { role, rest: after.slice(colon[0].length) };
    // Without a colon only a short run of names qualifies; a sentence ("翻译是…。") is prose.
    if (loose && /^\s*\S/.test(after) && !/[:：。！？!?]/.test(after) && after.length <= 120)
      return { role, rest: after.trim() };
    return undefined;
  }
  return undefined;
}

/**
 * Splits a list of names on `,` `，` `、` `;` `；` and the words 和 / and, never inside parentheses, so that an
 * affiliation such as "(Red Hat, Inc.)" stays with its name.
 */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    const name = current
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^(?:and|和)\s+/i, '')
      .trim();
    if (name) names.push(...unglue(name));
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '（') depth++;
    if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (depth === 0) {
      if (',，、;；'.includes(ch)) {
        flush();
        continue;
      }
      if (ch === '和') {
        flush();
        continue;
      }
      const and = /^\s+and\s+/i.exec(text.slice(i));
      if (and && /\S$/.test(current)) {
        flush();
        i += and[0].length - 1;
        continue;
      }
    }
    current += ch;
  }
  flush();
  return names;
}

/**
 * The print view drops the separators between linked names ("Avinesh TripathiDebabrata Panigrahi"). A lower-case
 * run glued to a new "Firstname Lastname" marks the seam; "McCoy" (one lower-case letter) is left whole.
 */
function unglue(name: string): string[] {
  if (/[(（]/.test(name)) return [name];
  return name.split(/(?<=[a-z]{2})(?=[A-Z][a-z]+ [A-Z])/);
}

/** Markdown emphasis and links around credits ("**作者**：[Name](url)") carry no meaning for the names. */
export function stripEmphasis(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/(^|\s)[*_](\S)/g, '$1$2')
    .replace(/<[^>]+>/g, '');
}
