import { importPrintView } from '../archive/import/import-print.js';
import { parseCommandArgs } from '../cli/args.js';
import { UsageError } from '../errors.js';

const USAGE = 'usage: k8sblog import --print <zh-cn-blog-print.txt> --posts <zh-cn-blog-posts.tsv> [--out content/]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs('import', USAGE, {
    args,
    options: { print: { type: 'string' }, posts: { type: 'string' }, out: { type: 'string', default: 'content' } },
  });
  if (!values.print || !values.posts) {
    throw new UsageError('k8sblog import: --print and --posts are both required', USAGE);
  }
  const summary = await importPrintView({ printFile: values.print, postsFile: values.posts, outDir: values.out! });
  console.log(
    `imported ${summary.files.length} articles into ${values.out}: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed`,
  );
  return 0;
}
