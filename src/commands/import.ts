import { parseArgs } from 'node:util';
import { importPrintView } from '../archive/import/import-print.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { print: { type: 'string' }, posts: { type: 'string' }, out: { type: 'string', default: 'content' } },
  });
  if (!values.print || !values.posts) {
    console.error(
      'usage: k8sblog import --print <zh-cn-blog-print.txt> --posts <zh-cn-blog-posts.tsv> [--out content/]',
    );
    return 2;
  }
  const summary = await importPrintView({ printFile: values.print, postsFile: values.posts, outDir: values.out! });
  console.log(
    `imported ${summary.files.length} articles into ${values.out}: ${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed`,
  );
  return 0;
}
