import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';
import { registerSearchMessage } from './search-message.js';

export function registerShortcuts(app: App, deps: SlackDeps): void {
  registerSearchMessage(app, deps);
}
