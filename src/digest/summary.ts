import type { Article } from '../archive/article.js';

/**
 * One or two lines that say what an article is about: the start of its first real paragraph, cut at the end of a
 * sentence when one ends early enough, else at a character boundary with an ellipsis (never inside a surrogate pair).
 */
export function summarise(article: Article, maxChars = 120): string {
  const paragraph =
    article.body
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .find((p) => p.length >= 12 && !/^(?:作者|译者|翻译|审校|Authors?|Translators?)\s*[:：]/i.test(p)) ?? '';
  const chars = Array.from(paragraph);
  if (chars.length <= maxChars) return paragraph;
  const head = chars.slice(0, maxChars).join('');
  const sentenceEnd = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((mark) => head.lastIndexOf(mark)));
  if (sentenceEnd >= head.length * 0.4) return head.slice(0, sentenceEnd + 1).trim();
  return `${chars
    .slice(0, maxChars - 1)
    .join('')
    .trimEnd()}…`;
}
