/**
 * A local stand-in for Slack: its Web API (server.ts) and the signed requests it sends to apps (requests.ts).
 *
 *   const standin = await SlackStandin.start();            // 127.0.0.1, free port
 *   config.slack.apiUrl = standin.url;                      // SLACK_API_URL
 *   standin.fail('chat.postMessage', 'not_in_channel');     // the next call fails like Slack
 *   standin.fail('chat.postMessage', { error: 'rate_limited', retryAfter: 0 }, 2);
 *   const call = await standin.waitForCall('chat.postMessage', (c) => c.args.channel === 'C1');
 *   const url = standin.responseUrl();                      // put into a slash command; read standin.responsesTo(url)
 *   const socket = new SocketRequests(standin.socketMode); // the same deliveries over Socket Mode
 *   standin.socketMode.disconnect('refresh_requested');    // or .drop(): the app must reconnect
 *   await standin.stop();
 */

export type { ApiAnswer, ApiArgs, MethodHandler } from './methods.js';
export type {
  Actor,
  AppResponse,
  AppSender,
  ButtonClick,
  DirectMessageInput,
  LinkSharedInput,
  MessageInput,
  MessageShortcutInput,
  SendOptions,
  SlashCommandInput,
} from './requests.js';
export {
  appHomeOpenedEvent,
  appMentionEvent,
  blockActionsPayload,
  DEFAULT_ACTOR,
  directMessageEvent,
  eventCallback,
  linkSharedEvent,
  messageShortcutPayload,
  SlackRequests,
  signRequest,
  slashCommandBody,
  viewInputPayload,
} from './requests.js';
export type { RecordedCall, RecordedResponse, ScriptedFailure, StandinOptions } from './server.js';
export { RESPONSE_URL, SlackStandin } from './server.js';
export type { DeliverOptions, EnvelopeType, RecordedAck } from './socket-mode.js';
export { SocketModeSide, SocketRequests } from './socket-mode.js';
export type { StandinChannel, StandinMessage, StandinTeam, StandinUser } from './workspace.js';
