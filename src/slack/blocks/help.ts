/** Usage of /k8sblog in Chinese and English, one line per verb of the command table, with examples. */
import { escapeText, plain } from '../mrkdwn.js';
import { context, divider, header, type SlackMessage, section } from './message.js';

export interface VerbHelp {
  /** e.g. `latest [n]` (shown after the command name). */
  usage: string;
  zh: string;
  en: string;
  examples?: string[];
}

export function helpMessage(command: string, verbs: VerbHelp[]): SlackMessage {
  // Slack reads `<…>` even inside code spans, so usage like `<keywords>` is escaped too.
  const lines = verbs.map(
    (v) => `• \`${escapeText(`${command} ${v.usage}`)}\`\n    ${plain(v.zh)}\n    _${plain(v.en)}_`,
  );
  const examples = verbs.flatMap((v) => v.examples ?? []).map((e) => `\`${escapeText(`${command} ${e}`)}\``);
  return {
    text: `${command}: search the Chinese Kubernetes blog. 搜索 Kubernetes 中文博客。`,
    blocks: [
      header('k8sblog · Kubernetes 中文博客'),
      section(
        '在 <https://kubernetes.io/zh-cn/blog/|Kubernetes 中文博客> 里搜索文章，结果只有你能看到；点 *Share* 把文章分享到频道。\n' +
          '_Search the <https://kubernetes.io/zh-cn/blog/|Chinese Kubernetes blog>; results are visible only to you, and *Share* posts an article to the channel._',
      ),
      divider(),
      section(lines.join('\n')),
      ...(examples.length ? [section(`*示例 Examples*\n${examples.join('\n')}`)] : []),
      context(
        '贴出 kubernetes.io/zh-cn/blog 的链接时，我会显示文章预览。 Paste a link to a blog post and I show a preview of it.',
      ),
    ],
  };
}
