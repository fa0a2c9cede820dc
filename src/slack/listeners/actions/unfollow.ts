/** The Unfollow button of `/k8sblog following`: removes that follow and shows the list again. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { FollowService } from '../../../follow/service.js';
import { MAX_FOLLOWS_PER_USER } from '../../../store/types.js';
import { errorMessage } from '../../blocks/error.js';
import { followingMessage, UNFOLLOW_ACTION } from '../../blocks/follow.js';
import { reportError } from '../../errors.js';
import type { SlackDeps } from '../../types.js';

export function registerUnfollow(app: App, deps: SlackDeps, service: FollowService): void {
  app.action<BlockAction<ButtonAction>>(UNFOLLOW_ACTION, async ({ ack, action, body, respond, client }) => {
    await ack();
    // The clicker's own follows only: the button carries a query, never whose follow it is.
    const who = { workspace: body.team?.id ?? body.user.team_id ?? '', user: body.user.id };
    const lang = await deps.locale.langOf(client, body.user.id);
    try {
      await service.unfollow({ ...who, query: action.value ?? '' });
      const follows = await service.following(who);
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...followingMessage(deps.command, follows, MAX_FOLLOWS_PER_USER, lang),
      });
    } catch (err) {
      const errorId = reportError(deps.log, 'unfollow failed', err, { user: body.user.id });
      await respond({ response_type: 'ephemeral', replace_original: false, ...errorMessage(errorId, lang) }).catch(
        () => undefined,
      );
    }
  });
}
