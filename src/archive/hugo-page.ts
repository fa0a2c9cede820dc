/**
 * Splits a Hugo content file into its YAML front matter and its Markdown, the way Hugo's page lexer reads the start
 * of a page (gohugoio/hugo, parser/pageparser/pagelexer_intro.go `lexIntroSection`, and its test "YAML commented out
 * front matter" in pageparser_intro_test.go): a byte order mark and blank space are skipped; a first line opening an
 * HTML comment (`<!--`) is skipped too, and the front matter inside that comment is read, the content then starting
 * after the comment's `-->`.
 *
 * Translated posts of kubernetes/website use that shape to keep the English front matter: the commented block, then
 * the translated one. Hugo's lexer alone would take the English block and render the translated one as text; the
 * site shows the translated title and no front matter text (see the print view in seed/), so a second block right
 * after the comment is read as front matter too, and its keys win over the commented ones.
 */
export interface HugoPageParts {
  /** YAML sources in the order they apply: a later block's keys win. Empty when the page has no front matter. */
  frontMatter: string[];
  /** The Markdown after the front matter. */
  content: string;
}

export function splitHugoPage(source: string): HugoPageParts {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let pos = skipBlank(text, 0);
  let inComment = false;
  if (text.startsWith('<!--', pos)) {
    const eol = text.indexOf('\n', pos);
    pos = skipBlank(text, eol < 0 ? text.length : eol + 1);
    inComment = true;
  }
  const frontMatter: string[] = [];
  const first = readYamlBlock(text, pos);
  if (first) {
    frontMatter.push(first.yaml);
    pos = first.end;
  }
  if (inComment) {
    const close = text.indexOf('-->', pos);
    if (close < 0) throw new Error('the HTML comment at the top of the file is never closed (no -->)');
    pos = close + 3;
    if (first) {
      const translated = readYamlBlock(text, skipBlank(text, pos));
      if (translated) {
        frontMatter.push(translated.yaml);
        pos = translated.end;
      }
    }
  }
  return { frontMatter, content: text.slice(pos) };
}

function skipBlank(text: string, pos: number): number {
  while (pos < text.length && /[ \t\n]/.test(text[pos])) pos++;
  return pos;
}

/** A `---` line, YAML, and a closing line that starts with `---`; undefined when `pos` does not open one. */
function readYamlBlock(text: string, pos: number): { yaml: string; end: number } | undefined {
  const open = /^---[ \t]*\n/.exec(text.slice(pos, pos + 64));
  if (!open) return undefined;
  const start = pos + open[0].length;
  // From the opening line's own newline, so that an empty block (`---` right after `---`) is found too.
  const close = text.indexOf('\n---', start - 1);
  if (close < 0) throw new Error('the front matter is never closed (no second --- line)');
  const yaml = text.slice(start, close + 1);
  const eol = text.indexOf('\n', close + 1);
  return { yaml, end: eol < 0 ? text.length : eol + 1 };
}
