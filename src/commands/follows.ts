/** `k8sblog follows --dry-run [--json]`: who would get which articles if the alerts ran now; claims and sends nothing. */
import { parseCommandArgs } from '../cli/args.js';
import { readConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { previewAlerts } from '../follow/alerts.js';
import { setLogLevel } from '../log.js';
import { openStore } from '../store/open-store.js';
import { openMatcher } from './live-search.js';

const USAGE = 'usage: k8sblog follows --dry-run [--json]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('follows', USAGE, {
    args,
    options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (!values['dry-run']) throw new UsageError('k8sblog follows: give --dry-run (alerts are sent by poll)', USAGE);
  const config = readConfig(process.env, { webApiOnly: true });
  setLogLevel(config.logLevel);
  const store = await openStore(config);
  try {
    const follows = await store.activeFollows();
    if (!follows.length) {
      console.log('nobody follows anything yet (/k8sblog follow <query> in Slack)');
      return 0;
    }
    const matcher = await openMatcher(config, store);
    const previews = await previewAlerts({ store, matcher });
    if (values.json) {
      console.log(
        JSON.stringify(
          previews.map((p) => ({
            workspace: p.workspace,
            user: p.user,
            articles: p.articles.map((a) => ({ id: a.article.id, title: a.article.title, follows: a.follows })),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    const people = new Set(follows.map((f) => `${f.workspace}/${f.user}`)).size;
    console.log(`${follows.length} active follows of ${people} people; ${previews.length} would get a DM now`);
    for (const p of previews) {
      console.log(
        `\n${p.workspace}/${p.user}: ${p.articles.length} ${p.articles.length === 1 ? 'article' : 'articles'}`,
      );
      for (const a of p.articles)
        console.log(`  ${a.article.date}  ${a.article.title}  ${a.article.url}  [${a.follows.join(', ')}]`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
