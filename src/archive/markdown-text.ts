import { decodeHTMLStrict } from 'entities';

/** What a Markdown body holds once its markup is gone. */
export interface MarkdownText {
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  headings: string[];
  /** Text that the source kept inside HTML comments (the English original of a translated post). */
  comments: string;
}

/**
 * Markdown (as Hugo sources and our archive write it) to plain text for search and previews. Not a full CommonMark
 * parser: it keeps every word a reader sees and drops what only a renderer needs, which is all that search wants.
 */
export function markdownToText(markdown: string): MarkdownText {
  const comments: string[] = [];
  let src = markdown.replace(/\r\n?/g, '\n').replace(/<!--([\s\S]*?)(?:-->|$)/g, (_m, inner: string) => {
    comments.push(inner);
    return '\n';
  });
  src = stripShortcodes(src);

  const out: string[] = [];
  const headings: string[] = [];
  let fence: string | undefined;
  for (const raw of src.split('\n')) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      else out.push(raw);
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(raw)) continue; // link reference definitions
    if (/^\s*(?:[-*_]\s*){3,}$/.test(raw)) continue; // thematic breaks
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(raw)) continue; // table separator rows
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      const text = inlineToText(heading[1].replace(/\s*\{#[^}]*\}\s*$/, ''));
      if (text) headings.push(text);
      out.push('', text, '');
      continue;
    }
    let line = raw.replace(/^\s{0,3}>\s?/, '').replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
    if (/^\s*\|.*\|\s*$/.test(line))
      line = line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim())
        .join('  ');
    out.push(inlineToText(line));
  }
  return {
    text: collapse(out.join('\n')),
    headings,
    comments: collapse(comments.map((c) => markdownToText(c).text).join('\n\n')),
  };
}

/**
 * Hugo shortcodes: a figure's caption (and alt text) is content, the tag itself is not; paired shortcodes keep
 * what they wrap ({{< note >}}…{{< /note >}}, {{% … %}}).
 */
function stripShortcodes(src: string): string {
  return src.replace(
    /\{\{[<%]\s*(\/?)\s*([\w.-]+)((?:[^}"']|"[^"]*"|'[^']*')*?)\s*[>%]\}\}/g,
    (_m, _close: string, _name: string, args: string) => {
      const kept: string[] = [];
      for (const attr of ['caption', 'alt', 'title']) {
        const m = new RegExp(`\\b${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(args);
        if (m) kept.push(m[1] ?? m[2]);
      }
      return kept.length ? `\n${[...new Set(kept)].join(' ')}\n` : '';
    },
  );
}

/** Inline Markdown and HTML to text: links and images to their text, emphasis and code marks and tags dropped. */
export function inlineToText(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/(?<!\\)\[((?:[^\]\\]|\\.)*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/(?<!\\)\[((?:[^\]\\]|\\.)*)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/(?<!\\)<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/(?<![\\\w])(\*{1,3}|_{1,3})(?=\S)([\s\S]*?\S)\1(?![\w])/g, '$2')
    .replace(/(?<!\\)\*\*(?=\S)(.+?\S)\*\*/g, '$1')
    .replace(/(?<!\\)`+([^`]*)`+/g, '$1')
    .replace(/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, decodeEntity)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/[ \t]+$/g, '');
}

/**
 * Any HTML entity, named (all of HTML5's: `&mdash;`, `&hellip;`) or numeric, through the `entities` package. A
 * no-break space becomes a plain one: the text is for search and previews, where it must separate words.
 */
function decodeEntity(entity: string): string {
  return decodeHTMLStrict(entity).replace(/\u00a0/g, ' ');
}

function collapse(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
