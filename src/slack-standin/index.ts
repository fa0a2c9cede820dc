/**
 * A local stand-in for Slack: its Web API (server.ts) and the signed requests it sends to apps (requests.ts).
 *
 *   const standin = await SlackStandin.start();            // 127.0.0.1, free port
 *   config.slack.apiUrl = standin.url;                      // SLACK_API_URL
 *   standin.fail('chat.postMessage', 'not_in_channel');     // the next call fails like Slack
 *   standin.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 0 }, 2);
 *   const call = await standin.waitForCall('chat.postMessage', (c) => c.args.channel === 'C1');
 *   const url = standin.responseUrl();                      // put into a slash command; read standin.responsesTo(url)
 *   await standin.stop();
 */
export { SlackStandin, RESPONSE_URL } from './server.js';
export type { StandinOptions, RecordedCall, RecordedResponse, ScriptedFailure } from './server.js';
export type { ApiAnswer, ApiArgs, MethodHandler } from './methods.js';
export type { StandinChannel, StandinUser, StandinMessage, StandinTeam } from './workspace.js';
export {
  SlackRequests,
  signRequest,
  slashCommandBody,
  blockActionsPayload,
  eventCallback,
  linkSharedEvent,
  DEFAULT_ACTOR,
} from './requests.js';
export type { Actor, SlashCommandInput, ButtonClick, LinkSharedInput, AppResponse, SendOptions } from './requests.js';
