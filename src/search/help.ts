/** What an empty query gets back: how to ask. Plain text; the Slack layer and the CLI show it as it is. */
export const HELP_TEXT = [
  'Search the Chinese Kubernetes blog (kubernetes.io/zh-cn/blog). Examples:',
  '  准入控制器            Chinese words, as you would write them',
  '  kubeadm 高可用         English terms, feature gates, KEP-3386, registry.k8s.io',
  '  1.29 移除              versions: 1.29, v1.29 and 1.29.0 are the same',
  '  "pod security"        a phrase, word for word',
  '  author:paco           by an author (author:"Paco Xu" for a full name)',
  '  year:2023  before:2020  after:2022-06   by date (after: from that day or month on)',
  '  -docker               leave out articles with this word',
].join('\n');
