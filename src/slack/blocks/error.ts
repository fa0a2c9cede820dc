import { type Lang, translator } from '../i18n/catalogue.js';
import { context, type SlackMessage, section } from './message.js';

/** What the user sees when something failed: short, in the reader's language, with the id that finds the log line. */
export function errorMessage(errorId: string, lang: Lang): SlackMessage {
  const t = translator(lang);
  return {
    text: t('error.text', { id: errorId }),
    blocks: [section(t('error.title')), context(t('error.id', { id: `\`${errorId}\`` }))],
  };
}
