/**
 * Character-level helpers shared by the analyser, the snippet builder and the query parser: how text is folded
 * before it is compared, and which characters belong to which kind of run.
 */

/** NFKC (full-width forms, compatibility ideographs, ligatures) then case folding: what every comparison sees. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Like {@link fold}, but every UTF-16 offset of the result points at the same character of the input, so a match
 * found in the folded text can be cut out of (and highlighted in) the original. Characters whose folding changes
 * length (rare: `㎏` → `kg`, `İ` → `i̇`) are kept as they are.
 */
export function foldKeepingOffsets(text: string): string {
  const whole = fold(text);
  if (whole.length === text.length && !/[\u2100-\u33ff\ufb00-\ufb4f\u0130\ufe30-\ufe4f]/.test(text)) return whole;
  let out = '';
  for (const ch of text) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

/** Ideographs and the other scripts written without spaces (kana, hangul) are indexed as character runs. */
export const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}々〇ー';

/** What a character is to the analyser: in an ideograph run, in a Latin-script word, a joiner inside one, or none. */
export const OTHER = 0;
export const IDEOGRAPH = 1;
export const WORD = 2;
export const JOINER = 3;
/** Table mark of a surrogate: the class depends on the code point it is half of (see {@link charClassAt}). */
const SURROGATE = 4;

const IDEOGRAPH_CHAR = new RegExp(`^[${CJK_CLASS}]$`, 'u');
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
const JOINERS = "-./+#'";

/** The class of one code point (a string of one or two code units), by the same character classes as ever. */
function classify(ch: string): number {
  if (IDEOGRAPH_CHAR.test(ch)) return IDEOGRAPH;
  if (WORD_CHAR.test(ch)) return WORD;
  return JOINERS.includes(ch) ? JOINER : OTHER;
}

let bmpClasses: Uint8Array | undefined;

/**
 * The class of every BMP code unit, worked out by the regular expressions above on first use (about 20 ms): scanning
 * text through a table costs a fraction of matching the same classes with a Unicode regular expression, and a big
 * build scans 28 M characters.
 */
export function charClasses(): Uint8Array {
  if (!bmpClasses) {
    bmpClasses = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++)
      bmpClasses[c] = c >= 0xd800 && c <= 0xdfff ? SURROGATE : classify(String.fromCharCode(c));
  }
  return bmpClasses;
}

const astralClasses = new Map<number, number>();

/**
 * The class of the code point at `i` and its length in code units. A lone surrogate is a code point of its own (as
 * in a `u` regular expression) and of no class.
 */
export function charClassAt(text: string, i: number): { cls: number; width: number } {
  const c = text.charCodeAt(i);
  const cls = charClasses()[c];
  if (cls !== SURROGATE) return { cls, width: 1 };
  const cp = text.codePointAt(i)!;
  if (cp < 0x10000) return { cls: OTHER, width: 1 };
  let astral = astralClasses.get(cp);
  if (astral === undefined) astralClasses.set(cp, (astral = classify(String.fromCodePoint(cp))));
  return { cls: astral, width: 2 };
}
/** The index of the last code-unit boundary at or before `i` that does not split a surrogate pair. */
export function safeBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) return i - 1;
  return i;
}

/** Lone surrogates and control characters (except tab and newline) carry no text and upset JSON and Slack. */
export function stripUnsafe(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}
