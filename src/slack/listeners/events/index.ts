import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';
import { registerLinkShared } from './link-shared.js';
import { registerEventOnce } from './once.js';

export function registerEvents(app: App, deps: SlackDeps): void {
  registerEventOnce(app, deps);
  registerLinkShared(app, deps);
}
