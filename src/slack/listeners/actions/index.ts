import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../types.js';
import { registerHomeSearch } from './home-search.js';
import { registerMentionMore } from './mention-more.js';
import { registerPaging } from './page.js';
import { registerShare } from './share.js';
import { registerUnfollow } from './unfollow.js';

export function registerActions(app: App, deps: SlackDeps): void {
  registerPaging(app, deps);
  registerShare(app, deps);
  if (deps.follows) registerUnfollow(app, deps, deps.follows);
  registerMentionMore(app, deps);
  registerHomeSearch(app, deps);
}
