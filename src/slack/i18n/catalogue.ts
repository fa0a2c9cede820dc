/**
 * One language per answer: the reader's language picks a catalogue (zh.ts, en.ts: data only), and `t` fills a
 * line's `{name}` values. Values are inserted as given: callers escape what they insert (mrkdwn.plain).
 */
import { en } from './en.js';
import { zh } from './zh.js';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Lang, Catalogue> = { zh, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, values = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(values, name) ? String(values[name]) : whole,
    );
}

/** Slack locales are like `zh-CN`, `zh-TW`, `en-US`, `ja-JP`: Chinese for every zh-*, English for the rest. */
export function langOfLocale(locale: string | undefined): Lang {
  return /^zh(?:[-_]|$)/i.test(locale ?? '') ? 'zh' : 'en';
}
