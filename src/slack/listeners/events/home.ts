/** Opening the Home tab publishes a fresh view for that user (the newest articles and subscriptions as of now). */
import type { App } from '@slack/bolt';
import { publishHome } from '../../conversation/home.js';
import { reportError } from '../../errors.js';
import type { SlackDeps } from '../../types.js';

export function registerHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return;
    try {
      const lang = await deps.locale.langOf(client, event.user);
      await publishHome(client, deps, { user: event.user, team: body.team_id, lang });
    } catch (err) {
      reportError(deps.log, 'Home tab could not be published', err, { user: event.user });
    }
  });
}
