/** What every builder returns: Block Kit blocks plus the plain `text` Slack shows in notifications and to screen readers. */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type Button = types.Button;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const section = (mrkdwn: string, accessory?: Button): types.SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: mrkdwn },
  ...(accessory ? { accessory } : {}),
});

export const context = (...mrkdwn: string[]): types.ContextBlock => ({
  type: 'context',
  elements: mrkdwn.map((text) => ({ type: 'mrkdwn', text })),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text, emoji: true },
});

export const button = (actionId: string, label: string, value?: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: label, emoji: true },
  ...(value !== undefined ? { value } : {}),
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, ...elements: Button[]): types.ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements,
});
