import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';
import { registerPaging } from './page.js';
import { registerShare } from './share.js';
import { registerUnfollow } from './unfollow.js';

export function registerActions(app: App, deps: SlackDeps): void {
  registerPaging(app, deps);
  registerShare(app, deps);
  if (deps.follows) registerUnfollow(app, deps, deps.follows);
}
