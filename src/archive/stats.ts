import type { Article } from './article.js';

export interface ArchiveStats {
  articles: number;
  firstDate?: string;
  lastDate?: string;
  byYear: Array<{ year: string; articles: number }>;
  authors: Array<{ name: string; articles: number }>;
  translators: Array<{ name: string; articles: number }>;
  characters: number;
}

/** Counts for `k8sblog archive` and the README: how big the archive is and who wrote it. */
export function archiveStats(articles: Article[]): ArchiveStats {
  const years = new Map<string, number>();
  for (const a of articles) years.set(a.date.slice(0, 4), (years.get(a.date.slice(0, 4)) ?? 0) + 1);
  const dates = articles.map((a) => a.date).sort();
  return {
    articles: articles.length,
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
    byYear: [...years].sort(([a], [b]) => a.localeCompare(b)).map(([year, n]) => ({ year, articles: n })),
    authors: countNames(articles.map((a) => a.authors)),
    translators: countNames(articles.map((a) => a.translators)),
    characters: articles.reduce((sum, a) => sum + [...a.title].length + [...a.body].length, 0),
  };
}

/** "Paco Xu (DaoCloud)" and "Paco Xu" are one person: affiliations are dropped before counting. */
export function personName(credit: string): string {
  return (
    credit
      .replace(/\s*[(（][^)）]*[)）]\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || credit.trim()
  );
}

function countNames(lists: string[][]): Array<{ name: string; articles: number }> {
  const counts = new Map<string, number>();
  for (const list of lists)
    for (const name of new Set(list.map(personName))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .map(([name, articles]) => ({ name, articles }))
    .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name));
}
