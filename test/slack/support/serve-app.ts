/**
 * The Slack app alone in a process of its own (for memory measurements under hostile traffic): prints its URL,
 * then answers each line on stdin with its resident set size in bytes.
 */
import readline from 'node:readline';
import { createSlackApp } from '../../../src/slack/index.js';
import { SlackStandin } from '../../../src/slack-standin/index.js';
import { fixtureEngine } from '../fixtures/engine.js';
import { memoryLog } from '../harness.js';

const standin = await SlackStandin.start({ tokens: ['xoxb-memory'] });
const slack = createSlackApp({
  config: {
    slack: { botToken: 'xoxb-memory', signingSecret: 'memory-secret', apiUrl: standin.url, mode: 'http' },
    port: 0,
    host: '127.0.0.1',
  },
  searcher: fixtureEngine(),
  version: 'memory',
  log: memoryLog(),
});
const { url } = await slack.start();
global.gc?.();
process.stdout.write(`${url}\n`);
readline.createInterface({ input: process.stdin }).on('line', () => {
  global.gc?.();
  process.stdout.write(`${process.memoryUsage().rss}\n`);
});
