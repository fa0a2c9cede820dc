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
