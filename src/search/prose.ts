/**
 * The prose of an article body, for snippets and previews: the paragraphs a person reads, without diagram source
 * (Mermaid `graph LR; pod((新 Pod))-->queue …`), code, command output or configuration, and without the comment
 * closers (`-->`) and shortcode braces the site's sources leave behind. Bodies are plain text with paragraphs
 * separated by blank lines (archive/markdown-text.ts), so each paragraph is judged on its own.
 */

const DIAGRAM = /^(?:graph|flowchart|sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|gantt|pie|journey)\b/;
const LEFTOVERS = /<!--|-->|\{\{[<%][^}]*[%>]\}\}|\{\{[<%]|[%>]\}\}/g;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
/** Characters common in code and configuration, rare in prose. */
const CODE_CHARS = /[{}[\]<>=;$|\\#`_/"]/g;
/** Lines that start the way commands, YAML keys, comments, table headers or log lines do. */
const CODE_LINE =
  /^(?:\s|[$#>~] |kubectl |helm |docker |curl |sudo |apiVersion:|[a-z][\w.-]*:(?:\s|$)|[a-z]+[A-Z]\w*:|-{1,2}[a-z][\w-]*[= ]|[A-Z][A-Z_]{2,}\s{2,}|- [\w.-]+:|[IWE]\d{4} |\d{4}-\d\d-\d\d[T ]\d|[{}\]])/;
/** Chinese sentence punctuation: text holding it is written for people. */
const CJK_PUNCTUATION = /[。，、；：！？]/;

/** Whether a paragraph is prose a reader would want as a preview (rather than code, a diagram or a table). */
export function isProse(paragraph: string): boolean {
  const text = paragraph.replace(/^\n+|\s+$/g, '');
  if (!text.trim()) return false;
  if (DIAGRAM.test(text) || /\bclassDef\b|==>|-->\|/.test(text)) return false;
  const lines = text.split('\n');
  const codeLines = lines.filter((l) => CODE_LINE.test(l)).length;
  if (codeLines * 2 >= lines.length && codeLines > 0) return false;
  const visible = text.replace(/\s+/g, '').length;
  const cjk = text.match(CJK)?.length ?? 0;
  // Chinese sentences are prose (comments inside code start their lines with #, caught above).
  if (cjk >= 2 && (CJK_PUNCTUATION.test(text) || cjk * 8 >= visible)) return true;
  // Latin text is prose only as one line that reads as a sentence or a label, not as identifiers or output.
  if (lines.length > 1 || /\S {2,}\S/.test(text)) return false;
  const symbols = text.match(CODE_CHARS)?.length ?? 0;
  if (symbols * 20 > visible) return false;
  const words = text.split(/\s+/).filter(Boolean);
  const identifiers = words.filter((w) => /[a-z][A-Z]|\w[._:-]\w|\(\)|^\W+$|^\d[\w.]*$/.test(w)).length;
  return identifiers * 3 <= words.length;
}

/** The body's prose paragraphs, cleaned of comment and shortcode leftovers, separated by blank lines. */
export function proseOf(body: string): string {
  const out: string[] = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    // Diagram arrows are judged before the comment closers they look like are dropped.
    if (/-->\||==>/.test(paragraph)) continue;
    const clean = paragraph.replace(LEFTOVERS, ' ').trim();
    if (isProse(clean)) out.push(clean);
  }
  return out.join('\n\n');
}
