/**
 * Hostile input for fuzzing the Slack layer: seeded randomness (a failure names the seed that reproduces it), text
 * built from Slack markup, control and look-alike characters, CJK and emoji, and the check that every `<…>` Slack
 * would parse in an answer is ours.
 */
import type { SlackMessage } from '../../src/slack/blocks/message.js';
import { textsOf } from '../slack/harness.js';

/** Deterministic randomness, so a failure names a seed that reproduces it. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<!channel>',
  '<!here>',
  '<@U123>',
  '<#C1|x>',
  '<https://evil.example|点我>',
  '&',
  '&amp;',
  '*',
  '_',
  '~',
  '`',
  '|',
  '>',
  '调度器',
  '持久卷',
  'kubeadm',
  'Pod',
  '1.29',
  'KEP-753',
  '😀',
  '\u0000',
  '\u200B',
  '\n',
  '  ',
  'é',
  '𠮷',
];

export function randomText(r: () => number, maxLength: number): string {
  let s = '';
  const target = Math.floor(r() * maxLength);
  while (s.length < target) {
    const roll = r();
    if (roll < 0.4) s += PIECES[Math.floor(r() * PIECES.length)];
    else if (roll < 0.7) s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000));
    else s += String.fromCharCode(32 + Math.floor(r() * 95));
  }
  return s;
}

/** `<…>` that Slack would parse in mrkdwn must be ours: a link into the blog or a user id Slack gave us. */
export function foreignMarkup(message: SlackMessage): string[] {
  const parsed = [...textsOf(message as unknown as Record<string, unknown>, ['mrkdwn']), message.text ?? ''];
  const ours = /^<(https:\/\/kubernetes\.io\/zh-cn\/[^|<>\s]*\|[^<>|]*|@U0[A-Z0-9]+)>$/;
  return parsed.flatMap((t) => [...t.matchAll(/<[^>]*>/g)].map((m) => m[0]).filter((m) => !ours.test(m)));
}
