/** The English catalogue: the same keys as zh.ts (test/slack/i18n.test.ts checks), the same `{name}` values. */
import type { Catalogue } from './catalogue.js';

export const en: Catalogue = {
  'results.summary': '*{total}* results for “{query}” ({first}–{last})',
  'results.text': '{total} results for “{query}”',
  'results.summaryOne': '*{total}* result for “{query}” ({first}–{last})',
  'results.textOne': '{total} result for “{query}”',
  'results.corrected': 'Showing results for “{fixed}”',
  'results.didYouMean': 'Did you mean “{suggestion}”?',
  'results.searchSuggestion': 'Search “{suggestion}”',
  'results.none': 'No results for “{query}”.',
  'results.noneHint': 'Try fewer words, another spelling, or English terms; `{command} help` shows examples.',
  'results.pastEnd': 'No more results for “{query}”.',
  'button.more': 'More results',
  'button.previous': 'Previous',
  'button.share': 'Share',
  'mention.top': 'The {n} best articles for “{query}”:',
  'mention.text': 'Articles about “{query}”',
  'mention.none': 'I found no article about “{query}”. Try other words, fewer words, or English terms?',
  'mention.suggestion': 'Maybe try “{suggestion}”?',
  'mention.empty':
    'Hi! Mention me with what you are looking for, e.g. `@{bot} kubeadm upgrade`, and I answer in the thread.',
  'mention.more': 'Press *More results* for the full list (only you see it).',
  'dm.rateLimited': 'That is more messages than I can keep up with 🙏 Please ask again in a minute.',
  'shortcut.empty': 'There is no text in this message to search for.',
  'home.title': 'k8sblog · the Chinese Kubernetes blog',
  'home.intro':
    'Search the <https://kubernetes.io/zh-cn/blog/|Chinese Kubernetes blog>. You can also mention me in a channel, or ask me here in the Messages tab.',
  'home.searchLabel': 'Search articles',
  'home.searchPlaceholder': 'e.g. scheduler, kubeadm upgrade, author:paco',
  'home.resultsFor': 'Results for “{query}” ({total} in all)',
  'home.newest': 'Newest articles',
  'home.subscriptions': 'Digest subscriptions in this workspace',
  'home.noSubscriptions':
    'No channel gets the digest of new articles yet. Subscribe one with `{command} subscribe` in it.',
  'home.subscription': '{channel} · {cadence} · last digest: {last}',
  'home.never': 'none yet',
  'home.follows': 'Your follows',
  'home.noFollows': 'You follow nothing yet. `{command} follow <query>` sends you a DM when new articles match.',
  'home.follow': '{query}',
  'home.followPaused': '{query} (paused: {reason})',
  'cadence.daily': 'daily',
  'cadence.weekly': 'weekly',
  notInChannel:
    'I cannot post in this channel (I am not a member). Invite me with `/invite @{bot}` and I answer in threads. Here is the answer, visible only to you:',
  'latest.empty': 'The archive is empty.',
  'latest.one': 'The newest article',
  'latest.many': 'The {n} newest articles',
  'share.fallback': 'You can share the link yourself: {link}',
  'share.couldNot': "I couldn't share this article here.",
  'share.not_in_channel':
    "I can't post in this channel because I'm not a member of it. Invite me with `/invite @{bot}`, then press *Share* again.",
  'share.channel_not_found':
    "I can't post here: this is a direct message or a private channel I'm not part of. In a private channel, invite me with `/invite @{bot}` and press *Share* again.",
  'share.is_archived': 'This channel is archived, so nothing can be posted in it.',
  'share.restricted_action': 'This workspace does not let me post in this channel.',
  'share.gone': 'That article is no longer in the archive.',
  'help.title': 'k8sblog · the Chinese Kubernetes blog',
  'help.intro':
    'Search the <https://kubernetes.io/zh-cn/blog/|Chinese Kubernetes blog>; results are visible only to you, and *Share* posts an article to the channel.',
  'help.text': '{command}: search the Chinese Kubernetes blog.',
  'help.examples': '*Examples*',
  'help.conversations':
    'Mention me in a channel and I answer in the thread; or ask me in a direct message. Paste a link to a blog post and I show a preview of it.',
};
