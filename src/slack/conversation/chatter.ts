/**
 * Words people wrap a question in that are not what they are looking for ("请问", "有没有文章讲", "thanks"): data, so
 * a phrase is added here, not in code. Chinese phrases are cut wherever they occur (Chinese has no spaces to
 * anchor on), longest first; English ones only as whole words.
 */
export const CHATTER_ZH = [
  '有没有文章讲',
  '有没有文章介绍',
  '有没有文章说',
  '有没有关于',
  '有没有文章',
  '有没有人知道',
  '有人知道',
  '有没有讲',
  '麻烦问一下',
  '想问一下',
  '请问一下',
  '谁知道',
  '请问',
  '谢谢你',
  '谢谢',
  '多谢',
  '感谢',
  '你好',
  '您好',
  '的文章',
  '相关文章',
];

export const CHATTER_EN = [
  'is there an article about',
  'is there an article on',
  'are there articles about',
  'are there any articles about',
  'any articles about',
  'any articles on',
  'any article about',
  'thank you',
  'thanks',
  'thx',
  'please',
  'pls',
  'hello',
  'hey',
  'hi',
];

/** Sentence ends and particles that close a question, cut at the end only (吗 inside a word would be data). */
export const TRAILING_ZH = /[吗呢吧啊呀]?[？?！!。.~～\s]*$/u;
