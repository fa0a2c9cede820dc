/** The Slack layer: one factory for the app, the pieces callers plug in (verbs, once-stores), and the builders. */

export type { SlackApp, SlackAppOptions, StartedSlackApp } from './app.js';
export { COMMAND, createSlackApp, EVENTS_PATH } from './app.js';
export type { SlackMessage } from './blocks/message.js';
export { reportError, slackErrorCode } from './errors.js';
export { digestVerbs } from './listeners/commands/digest-verbs.js';
export type { OnceStore } from './once.js';
export { MemoryOnceStore } from './once.js';
export type { CommandContext, CommandVerb, SlackDeps } from './types.js';
