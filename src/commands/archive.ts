import { readArchive } from '../archive/load.js';
import { archiveStats } from '../archive/stats.js';
import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';

const USAGE = 'usage: k8sblog archive [--dir DIR] [--strict] [--json] [--top N]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('archive', USAGE, {
    args,
    options: {
      dir: { type: 'string' },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      top: { type: 'string', default: '10' },
    },
  });
  const dir = values.dir ?? readConfig(process.env, { webApiOnly: true }).contentDir;
  const loaded = await readArchive(dir);
  if (!loaded.ok) {
    console.error(`k8sblog archive: ${loaded.error}`);
    return 1;
  }
  const { articles, problems, unpublished } = loaded;
  const stats = archiveStats(articles);
  if (values.json) {
    console.log(
      JSON.stringify(
        { dir, loaded: articles.length, skipped: problems.length, problems, unpublished, ...stats },
        null,
        2,
      ),
    );
  } else {
    const top = Math.max(1, Number(values.top) || 10);
    console.log(
      `archive ${dir}: ${stats.articles} articles, ${stats.firstDate ?? '-'} to ${stats.lastDate ?? '-'}, ${stats.characters.toLocaleString('en')} characters`,
    );
    console.log('\nby year:');
    for (const { year, articles: n } of stats.byYear)
      console.log(`  ${year}  ${String(n).padStart(4)}  ${'▇'.repeat(Math.ceil(n / 2))}`);
    console.log(`\nauthors: ${stats.authors.length} (top ${top})`);
    for (const { name, articles: n } of stats.authors.slice(0, top)) console.log(`  ${String(n).padStart(4)}  ${name}`);
    console.log(`\ntranslators: ${stats.translators.length} (top ${top})`);
    for (const { name, articles: n } of stats.translators.slice(0, top))
      console.log(`  ${String(n).padStart(4)}  ${name}`);
    for (const p of problems) console.error(`skipped ${p.path}: ${p.reason}`);
    for (const p of unpublished) console.log(`not published yet: ${p.path} (${p.reason})`);
    console.log(`\nloaded ${articles.length}, skipped ${problems.length}, unpublished ${unpublished.length}`);
  }
  return values.strict && problems.length > 0 ? 1 : 0;
}
