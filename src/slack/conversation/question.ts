/**
 * What someone asked, out of a message written to people: Slack's markup undone (mentions of the bot and of anyone
 * else, `<!channel>`, links reduced to their label), the chatter around the question cut (chatter.ts), whitespace
 * collapsed and the length capped like a typed query.
 */
import { cleanQuery } from '../paging.js';
import { CHATTER_EN, CHATTER_ZH, TRAILING_ZH } from './chatter.js';

const ZH = [...CHATTER_ZH].sort((a, b) => b.length - a.length);
const EN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...CHATTER_EN]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}])[,，!！]?`,
  'giu',
);

/** Slack's message text: `<@U…>`, `<!here>`, `<#C…|name>`, `<https://…|label>`, and &amp; &lt; &gt; escapes. */
export function unSlack(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      if (/^[@!]/.test(inner)) return ' ';
      const bar = inner.indexOf('|');
      if (inner.startsWith('#')) return bar >= 0 ? ` ${inner.slice(bar + 1)} ` : ' ';
      return ` ${bar >= 0 ? inner.slice(bar + 1) : inner} `;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function questionOf(text: string): string {
  let q = unSlack(text);
  for (const phrase of ZH) q = q.split(phrase).join(' ');
  q = q.replace(EN, ' ').replace(TRAILING_ZH, '');
  return cleanQuery(q.replace(/^[\s,，:：]+/u, ''));
}
