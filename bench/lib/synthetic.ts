/**
 * A synthetic archive `scale` times the size of the real one: copies of every article with varied titles, dates,
 * slugs and URLs (bodies are the same text), for measuring how the engines scale.
 */
import type { Article } from '../../src/archive/article.js';
import { canonicalBlogUrl } from '../../src/archive/url.js';

const TITLE_VARIANTS = ['回顾', '笔记', '解读', '导读', '合集', '精选', '再谈', '摘要', '补遗', '问答'];

export function syntheticArchive(articles: readonly Article[], scale: number): Article[] {
  const out: Article[] = [];
  for (let k = 0; k < scale; k++) {
    for (const a of articles) {
      if (k === 0) {
        out.push(a);
        continue;
      }
      const day = new Date(Date.parse(`${a.date}T00:00:00Z`) - k * 11 * 86_400_000).toISOString().slice(0, 10);
      const slug = `${a.slug}-${k}`;
      out.push({
        ...a,
        id: `${day}-${slug.toLowerCase()}`,
        slug,
        date: day,
        url: canonicalBlogUrl(day, slug),
        title: `${a.title}（${TITLE_VARIANTS[k % TITLE_VARIANTS.length]} ${k}）`,
      });
    }
  }
  return out;
}
