/** Usage of /k8sblog in the reader's language, one line per verb of the command table, with examples. */
import { type Lang, translator } from '../i18n/catalogue.js';
import { escapeText, plain } from '../mrkdwn.js';
import { context, divider, header, type SlackMessage, section } from './message.js';

export interface VerbHelp {
  /** e.g. `latest [n]`, `follow <{keywords}>` (shown after the command name; see usageOf). */
  usage: string;
  zh: string;
  en: string;
  examples?: string[];
}

export function helpMessage(command: string, verbs: VerbHelp[], lang: Lang = 'zh'): SlackMessage {
  const t = translator(lang);
  // Slack reads `<…>` even inside code spans, so usage like `<keywords>` is escaped too.
  const lines = verbs.map((v) => `• \`${escapeText(`${command} ${usageOf(v, lang)}`)}\`\n    ${plain(v[lang])}`);
  const examples = verbs.flatMap((v) => v.examples ?? []).map((e) => `\`${escapeText(`${command} ${e}`)}\``);
  return {
    text: t('help.text', { command }),
    blocks: [
      header(t('help.title')),
      section(t('help.intro')),
      divider(),
      section(lines.join('\n')),
      ...(examples.length ? [section(`${t('help.examples')}\n${examples.join('\n')}`)] : []),
      context(t('help.conversations')),
    ],
  };
}

/** A verb's usage with its placeholders (`{keywords}`, `{query}`) named in the reader's language. */
export function usageOf(help: VerbHelp, lang: Lang): string {
  const t = translator(lang);
  const names: Record<string, string> = { keywords: t('usage.keywords'), query: t('usage.query') };
  return help.usage.replace(/\{(\w+)\}/g, (whole, name: string) => names[name] ?? whole);
}
