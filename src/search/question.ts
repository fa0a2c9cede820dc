/**
 * Question intent: a query asked as a question (`为什么 Pod 一直 Pending`, `怎么给集群加一个节点`, `how to add a
 * node`) wants the article that answers it, which names the asked-about things in its title or headings, often in a
 * heading phrased as a question or a how-to (`节点如何接入使用这种新模式的集群`, `如何使用？`). Posts that only mention
 * the words in passing rank below. Both signals come from the article's structure, not from any list of queries.
 */
import { fold } from './text.js';

/** Words that make a query a question (the query parser sets them aside as words to search). */
const QUESTION_WORDS =
  /如何|怎么|怎样|为什么|为何|为啥|咋|是否|能否|什么|哪些|吗|[？?]|(?:^|[^a-z])(?:how|why|what|which|can i|should i)(?:[^a-z]|$)/;

/** A title or heading shaped as a question or a how-to. */
const ASKING =
  /如何|怎么|怎样|为什么|为何|什么|哪些|是否|吗|[？?]|步骤|指南|教程|入门|常见问题|问答|(?:^|[^a-z])(?:how|why|what|faq|guide|tutorial|walkthrough)(?:[^a-z]|$)/;

export function isQuestion(query: string): boolean {
  return QUESTION_WORDS.test(fold(query));
}

/** The article's question- or how-to-shaped title and headings, folded, one a line ('' when it has none). */
export function askingText(title: string, headings: readonly string[]): string {
  return [title, ...headings]
    .map(fold)
    .filter((h) => ASKING.test(h))
    .join('\n');
}
