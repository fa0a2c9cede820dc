/** `/k8sblog <query>`: the first page of results for whatever text is not a verb. */
import { resultsMessage } from '../../blocks/results.js';
import { cleanQuery, PAGE_SIZE } from '../../paging.js';
import type { CommandVerb } from '../../types.js';

export const searchVerb: CommandVerb = {
  name: 'search',
  aliases: ['搜索'],
  check: (rest) => (rest ? undefined : { key: 'problem.searchEmpty' }),
  help: {
    usage: '<{keywords}>',
    zh: '搜索文章，可用中文或英文关键词；"短语" 精确匹配，author:名字、year:2023、before:2020、after:2022-06 筛选，-词 排除',
    en: 'search articles in Chinese or English; "a phrase" word for word, author:name, year:2023, before:2020, after:2022-06 to filter, -word to leave out',
    examples: ['调度器', 'kubeadm 高可用', '1.29 移除', 'author:paco', '"pod security" year:2022'],
  },
  async run({ rest, respond, deps, lang }) {
    const query = cleanQuery(rest);
    const result = deps.searcher.search(query, { limit: PAGE_SIZE, offset: 0 });
    await respond({ response_type: 'ephemeral', ...resultsMessage(result, query, 0, lang, deps.command) });
  },
};
