/**
 * The bot without Slack, in a terminal: the real app listens over HTTP with a generated signing secret, its Web API
 * calls go to a local stand-in, and each line typed becomes a signed `/k8sblog` command whose answer is printed as
 * text. `more`, `prev` and `share N` press the buttons of the last answer, as a click in Slack would.
 */
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { SlackRequests } from './requests.js';
import { SlackStandin } from './server.js';
import { renderBlocks, type RenderedButton } from './text-render.js';

export interface ConsoleApp {
  start(): Promise<{ url?: string }>;
  stop(): Promise<void>;
}

export interface LocalConsoleOptions {
  /** Builds the app with these credentials and Web API base (the caller owns the factory and the search engine). */
  createApp(local: { botToken: string; signingSecret: string; apiUrl: string }): ConsoleApp;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  command?: string;
}

export interface LocalConsole {
  appUrl: string;
  standinUrl: string;
  /** Resolves when the input ends (Ctrl-D) or close() is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startLocalConsole(options: LocalConsoleOptions): Promise<LocalConsole> {
  const out = options.output ?? process.stdout;
  const command = options.command ?? '/k8sblog';
  const botToken = 'xoxb-local-console';
  const signingSecret = randomBytes(24).toString('hex');
  const standin = await SlackStandin.start({ tokens: [botToken] });
  const app = options.createApp({ botToken, signingSecret, apiUrl: standin.url });
  const { url } = await app.start();
  const requests = new SlackRequests(`${url}/slack/events`, signingSecret);
  let buttons: RenderedButton[] = [];

  const show = (body: Record<string, unknown>): void => {
    const rendered = renderBlocks((body.blocks as Record<string, unknown>[] | undefined) ?? []);
    if (body.replace_original !== true || rendered.buttons.length) buttons = rendered.buttons;
    out.write(`\n${rendered.text || String(body.text ?? '')}\n\n`);
  };
  standin.on('call', (call: { method: string; args: Record<string, unknown>; answer: { ok: boolean } }) => {
    if (call.method === 'chat.postMessage' && call.answer.ok) {
      out.write(`(posted to the channel)\n`);
      show(call.args);
    }
  });

  const runLine = async (line: string): Promise<void> => {
    const text = line.trim();
    const responseUrl = standin.responseUrl('console');
    const pressed = pick(text, buttons);
    const callsBefore = standin.calls.length;
    // A Share that succeeds answers in the channel (printed by the call listener), not on the response_url.
    const waiting = standin.waitFor(
      (s) => s.responsesTo(responseUrl)[0] ?? (pressed?.actionId.startsWith('share_') && s.calls.slice(callsBefore).find((c) => c.method === 'chat.postMessage' && c.answer.ok)),
      5000,
    );
    if (pressed) await requests.click({ actionId: pressed.actionId, value: pressed.value, responseUrl });
    else await requests.command({ text: text.startsWith(command) ? text.slice(command.length).trim() : text, responseUrl });
    try {
      const answer = await waiting;
      if ('url' in answer) show(answer.body);
    } catch {
      out.write('(no answer within 5 s)\n');
    }
  };

  const rl = readline.createInterface({ input: options.input ?? process.stdin, output: out, terminal: false });
  let chain = Promise.resolve();
  const closed = new Promise<void>((resolve) => {
    rl.on('line', (line) => {
      if (!line.trim()) return;
      chain = chain.then(() => runLine(line)).catch((err: unknown) => {
        out.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      });
    });
    rl.on('close', () => {
      void chain.then(resolve);
    });
  });
  let stopping: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (stopping ??= (async () => {
      rl.close();
      await closed;
      await app.stop();
      await standin.stop();
    })());
  return { appUrl: url ?? '', standinUrl: standin.url, closed: closed.then(close), close };
}

function pick(text: string, buttons: RenderedButton[]): RenderedButton | undefined {
  const word = text.toLowerCase();
  if (word === 'more' || word === 'next') return buttons.find((b) => b.label === 'More results');
  if (word === 'prev' || word === 'previous') return buttons.find((b) => b.label === 'Previous');
  const share = /^share\s+(\d+)$/.exec(word);
  if (share) return buttons.filter((b) => b.label === 'Share')[Number(share[1]) - 1];
  return buttons.find((b) => b.label.toLowerCase() === word);
}
