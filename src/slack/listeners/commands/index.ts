/**
 * The /k8sblog slash command: acknowledge at once (Slack waits 3 seconds at most), route the text through the verb
 * table, and let the verb answer with respond() — or, for a verb with words it cannot take, its usage error. A verb
 * that fails answers with an error id.
 */
import type { App } from '@slack/bolt';
import { errorMessage } from '../../blocks/error.js';
import { reportError } from '../../errors.js';
import type { CommandVerb, SlackDeps } from '../../types.js';
import { helpVerb } from './help.js';
import { latestVerb } from './latest.js';
import { misuseVerb } from './misuse.js';
import { routeCommand } from './router.js';
import { searchVerb } from './search.js';

/** Help lists the verbs in this order: search and latest, then the caller's (subscribe …), help last. */
export function commandTable(deps: SlackDeps): CommandVerb[] {
  return [searchVerb, latestVerb, ...deps.verbs, helpVerb];
}

export function registerCommands(app: App, deps: SlackDeps): void {
  const table = commandTable(deps);
  app.command(deps.command, async ({ ack, command, respond, client }) => {
    await ack();
    const lang = await deps.locale.langOf(client, command.user_id);
    const route = routeCommand(command.text ?? '', table, searchVerb, helpVerb);
    const verb = route.kind === 'run' ? route.verb : misuseVerb(route);
    const { rest } = route;
    const started = performance.now();
    try {
      await verb.run({
        rest,
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id,
        respond,
        client,
        deps,
        verbs: table,
        lang,
      });
      deps.log.debug('slash command answered', { verb: verb.name, ms: Math.round(performance.now() - started) });
    } catch (err) {
      const errorId = reportError(deps.log, 'slash command failed', err, {
        verb: verb.name,
        user: command.user_id,
        channel: command.channel_id,
      });
      await respond({ response_type: 'ephemeral', ...errorMessage(errorId, lang) }).catch((e: unknown) =>
        reportError(deps.log, 'could not send the error message', e, { error_of: errorId }),
      );
    }
  });
}
