import { expect } from 'chai';
import { errorMessage } from '../../src/slack/blocks/error.js';
import { alertMessage } from '../../src/slack/blocks/follow.js';
import type { Lang } from '../../src/slack/i18n/catalogue.js';
import { contentArticles, startVerbHarness } from '../follow/support.js';
import { buttonsOf, type Harness, textsOf } from './harness.js';

type Json = Record<string, unknown>;
const USERS: Record<Lang, string> = { en: 'U0ENGLISH', zh: 'U0ZHONG' };
const HAN = /\p{Script=Han}/u;
const ENGLISH_WORDS = /\b(the|your|you|this|that|is|are|with|for|not|has|have|of|and|to|no|nothing|more)\b/i;

/** The bot's own words in a message: article sections, bylines, example lines, code spans and link targets removed. */
function ownWords(message: Json, typed: string[]): string {
  const texts = [...textsOf(message), String(message.text ?? ''), ...buttonsOf(message).map((b) => b.text)];
  return texts
    .filter((t) => !t.startsWith('*<http')) // an article: linked title, snippet
    .filter((t) => !/^\d{4}-\d{2}-\d{2}(?: · |$)/.test(t)) // its byline
    .map((t) =>
      t
        .split('\n')
        .filter((line) => !line.startsWith('• *<http')) // an example article
        .join('\n')
        .replace(/「[^」]*」/g, '') // titles in a notification text
        .replace(/`[^`]*`/g, '') // commands and queries in code spans
        .replace(/<[^>|]*\|([^>]*)>/g, '$1') // a link shows its label
        .replace(/<[^>]*>/g, ''),
    )
    .map((t) => typed.reduce((acc, word) => acc.replaceAll(word, ''), t))
    .join('\n');
}

function expectOneLanguage(lang: Lang, message: Json, what: string, typed: string[] = []): void {
  const words = ownWords(message, typed);
  expect(words.trim(), `${what}: empty`).to.not.equal('');
  if (lang === 'en') expect(words, `${what} (en)`).to.not.match(HAN);
  else expect(words, `${what} (zh)`).to.not.match(ENGLISH_WORDS);
}

describe("one language per answer: every verb in the reader's language", function () {
  this.timeout(60_000);
  let h: Harness;
  let bed: Awaited<ReturnType<typeof startVerbHarness>>;

  before(async () => {
    bed = await startVerbHarness();
    h = bed.h;
    h.standin.addUser({ id: USERS.en, locale: 'en-GB' });
    h.standin.addUser({ id: USERS.zh, locale: 'zh-CN' });
  });
  after(() => bed?.stop());

  // Each reader in a channel of their own, so that one's subscription does not change the other's answers.
  const script: Array<[text: string, typed: string[]]> = [
    ['help', []],
    ['kubeadm 升级', ['kubeadm 升级']],
    ['zzqqxx', ['zzqqxx']],
    ['latest 3', []],
    ['latest abc', ['abc']],
    ['latest sidecar containers', ['latest sidecar containers']],
    ['search', []],
    ['status', []],
    ['unsubscribe', []],
    ['subscribe monthly', ['monthly', 'subscribe monthly']],
    ['subscribe daily', []],
    ['subscribe daily', []],
    ['subscribe weekly kubeadm', []],
    ['subscribe weekly', []],
    ['status', []],
    ['status extra', ['extra']],
    ['unsubscribe', []],
    ['follow', []],
    ['follow kubeadm', []],
    ['follow kubeadm', []],
    ['follow -x', []],
    ['following', []],
    ['unfollow kubeadm', []],
    ['unfollow kubeadm', []],
    ['following', []],
    ['unfollow', []],
  ];

  for (const lang of ['en', 'zh'] as const) {
    it(`answers a ${lang} reader in ${lang} only, verb by verb`, async () => {
      const actor = { userId: USERS[lang], channelId: `C0${lang.toUpperCase()}LANG` };
      for (const [text, typed] of script) expectOneLanguage(lang, await h.command(text, actor), text, typed);

      // The Unfollow button's answer is the list again.
      await h.command('follow 调度器', actor);
      const button = buttonsOf(await h.command('following', actor)).find((b) => b.action_id === 'follow_unfollow')!;
      const url = h.standin.responseUrl(`unfollow-${lang}`);
      await h.requests.click({ actionId: button.action_id, value: button.value, responseUrl: url, ...actor });
      expectOneLanguage(lang, (await h.standin.waitForResponse(url)).body, 'Unfollow button');
    });

    it(`writes the alert DM and the error message for a ${lang} reader in ${lang} only`, async () => {
      const articles = (await contentArticles()).slice(0, 12).map((article) => ({ article, follows: ['kubeadm'] }));
      const json = (m: object) => JSON.parse(JSON.stringify(m)) as Json;
      expectOneLanguage(lang, json(alertMessage('/k8sblog', articles, lang)), 'alert DM');
      expectOneLanguage(lang, json(alertMessage('/k8sblog', articles.slice(0, 1), lang)), 'alert DM (one)');
      expectOneLanguage(lang, json(errorMessage('E-ABCDEFGH', lang)), 'error');
    });
  }
});
