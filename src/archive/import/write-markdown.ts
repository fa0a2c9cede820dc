/** The front matter our archive files carry; every string is written JSON-quoted, which YAML reads as is. */
export interface ArchiveFrontMatter {
  title: string;
  date: string;
  slug: string;
  url: string;
  authors: string[];
  translators: string[];
}

/** Deterministic: same input, same bytes, so a second import leaves git with nothing to see. */
export function renderArchiveFile(fm: ArchiveFrontMatter, markdown: string): string {
  const list = (items: string[]) => (items.length ? `\n${items.map((s) => `  - ${q(s)}`).join('\n')}` : ' []');
  return [
    '---',
    `title: ${q(fm.title)}`,
    `date: ${q(fm.date)}`,
    `slug: ${q(fm.slug)}`,
    `url: ${q(fm.url)}`,
    `authors:${list(fm.authors)}`,
    `translators:${list(fm.translators)}`,
    '---',
    '',
    markdown.trimEnd(),
    '',
  ].join('\n');
}

function q(s: string): string {
  return JSON.stringify(s);
}
