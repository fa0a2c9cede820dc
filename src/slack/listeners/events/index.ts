import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';
import { registerDirectMessage } from './direct-message.js';
import { registerHomeOpened } from './home.js';
import { registerLinkShared } from './link-shared.js';
import { registerMention } from './mention.js';
import { registerEventOnce } from './once.js';

export function registerEvents(app: App, deps: SlackDeps): void {
  registerEventOnce(app, deps);
  registerLinkShared(app, deps);
  registerMention(app, deps);
  registerDirectMessage(app, deps);
  registerHomeOpened(app, deps);
}
