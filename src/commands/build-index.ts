/**
 * `k8sblog build-index [--quiet] [--force] [--dir DIR] [--out FILE]`: analyses content/ once and saves the search
 * index (config INDEX_FILE, default dist/search-index.bin) so the bot starts without re-analysing the text. Skips the
 * work when the saved index already matches content/ (unless --force).
 */

import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { buildFromContent } from '../search/open.js';
import { hashContent, readIndexHeader, staleReason, writeIndexFile } from '../search/persist.js';

const USAGE = 'usage: k8sblog build-index [--quiet] [--force] [--dir DIR] [--out FILE]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('build-index', USAGE, {
    args,
    options: {
      quiet: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      dir: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const config = readConfig(process.env, { webApiOnly: true });
  const dir = values.dir ?? config.contentDir;
  const out = values.out ?? config.indexFile;
  const say = (line: string) => {
    if (!values.quiet) console.log(line);
  };
  const started = performance.now();
  const contentHash = await hashContent(dir);
  const existing = await readIndexHeader(out);
  if (!values.force && existing && !(await staleReason(existing, contentHash))) {
    say(`search index ${out} is up to date (${existing.articles} articles, built ${existing.builtAt})`);
    return 0;
  }
  const { engine, problems } = await buildFromContent(dir, values.quiet ? undefined : log);
  const built = performance.now();
  if (!engine.size) console.error(`build-index: no articles under ${dir}; writing an empty index`);
  const header = await writeIndexFile(out, engine.state(), contentHash);
  say(
    `search index ${out}: ${header.articles} articles, ${problems.length} skipped, ` +
      `built in ${((built - started) / 1000).toFixed(2)} s, saved in ${((performance.now() - built) / 1000).toFixed(2)} s`,
  );
  return 0;
}
