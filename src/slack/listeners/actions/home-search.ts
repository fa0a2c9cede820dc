/** The Home tab's search box: Enter republishes the user's view with the results in it. */
import type { App, BlockAction, PlainTextInputAction } from '@slack/bolt';
import { HOME_ACTION } from '../../blocks/home.js';
import { publishHome } from '../../conversation/home.js';
import { reportError } from '../../errors.js';
import { cleanQuery } from '../../paging.js';
import type { SlackDeps } from '../../types.js';

export function registerHomeSearch(app: App, deps: SlackDeps): void {
  app.action<BlockAction<PlainTextInputAction>>(HOME_ACTION.search, async ({ ack, action, body, client }) => {
    await ack();
    const user = body.user.id;
    try {
      const lang = await deps.locale.langOf(client, user);
      const query = cleanQuery(action.value ?? '');
      await publishHome(
        client,
        deps,
        { user, team: body.team?.id ?? body.user.team_id ?? '', lang },
        query || undefined,
      );
    } catch (err) {
      reportError(deps.log, 'Home tab search failed', err, { user });
    }
  });
}
