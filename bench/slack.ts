/**
 * `npm run bench:slack`: round-trip latency of a signed `/k8sblog <query>` slash command, from the moment the load
 * generator sends it until the bot's answer reaches the Slack stand-in's response_url, at a fixed arrival rate
 * (open loop: requests leave on schedule whether or not earlier ones have finished). The app runs in its own
 * process with the real search engine over content/; the generator and the stand-in share this one.
 *
 * Beside it, measured the same way in the same run: a bare Node HTTP server that acknowledges and posts a fixed
 * JSON to the response_url (the floor that loopback HTTP, two processes and the generator impose), and the same app
 * with the search engine answering one fixed result (the Slack layer's own cost, without the engine's).
 *
 *   npm run bench:slack -- [--rate 200] [--seconds 20] [--warmup 3] [--markdown]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Searcher } from '../src/search/types.js';
import { type RecordedResponse, SlackStandin, signRequest, slashCommandBody } from '../src/slack-standin/index.js';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '..');
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
/** More than this many requests in flight means the target cannot keep up; the run stops rather than pile on. */
const MAX_IN_FLIGHT = 2000;
const TIMEOUT_MS = 5000;

interface Stats {
  sent: number;
  answered: number;
  lost: number;
  non200: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ackP99: number;
  achievedRate: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      markdown: { type: 'boolean', default: false },
      'serve-app': { type: 'string' },
      'fixed-result': { type: 'boolean', default: false },
      'serve-bare': { type: 'boolean', default: false },
    },
  });
  if (values['serve-app']) return serveApp(values['serve-app'], values['fixed-result']);
  if (values['serve-bare']) return serveBare();

  const rate = bounded(Number(values.rate), 1, 2000, 'rate');
  const seconds = bounded(Number(values.seconds), 1, 120, 'seconds');
  const warmup = bounded(Number(values.warmup), 0, 30, 'warmup');
  const queries = readFileSync(path.join(ROOT, 'bench', 'queries', 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { query: string }).query);

  const standin = await SlackStandin.start({ tokens: [TOKEN] });
  console.error(
    `slack bench: load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} before the run`,
  );
  console.error(
    `slack bench: ${rate} requests/s for ${seconds} s (+${warmup} s warm-up), ${queries.length} development queries in turn, ${os.cpus().length} CPUs, Node ${process.version}`,
  );

  let bareStats: Stats, fixedStats: Stats, appStats: Stats;
  try {
    const bare = await child(['--serve-bare']);
    bareStats = await load(bare.url, standin, queries, rate, seconds, warmup);
    bare.proc.kill();

    const fixed = await child(['--serve-app', standin.url, '--fixed-result']);
    fixedStats = await load(`${fixed.url}/slack/events`, standin, queries, rate, seconds, warmup);
    fixed.proc.kill();

    const app = await child(['--serve-app', standin.url]);
    appStats = await load(`${app.url}/slack/events`, standin, queries, rate, seconds, warmup);
    app.proc.kill();
  } finally {
    await standin.stop();
  }

  const rows: Array<[string, Stats]> = [
    ['bare Node HTTP: ack + post to response_url', bareStats],
    ['k8sblog, engine answering one fixed result', fixedStats],
    ['k8sblog: /k8sblog <query>, real search', appStats],
  ];
  const head = ['target', 'sent', 'answered', 'lost', 'rate/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ack p99 ms'];
  const lines = rows.map(([name, s]) =>
    [
      name,
      s.sent,
      s.answered,
      s.lost + s.non200,
      s.achievedRate.toFixed(0),
      s.p50.toFixed(2),
      s.p90.toFixed(2),
      s.p99.toFixed(2),
      s.max.toFixed(1),
      s.ackP99.toFixed(2),
    ].map(String),
  );
  if (values.markdown) {
    console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
    for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  } else {
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    for (const l of [head, ...lines])
      console.log(l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  }
  console.error(
    `slack bench: load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} after the run`,
  );
  const target = 20;
  console.log(
    `\np99 target ≤ ${target} ms: ${appStats.p99 <= target && appStats.lost + appStats.non200 === 0 ? 'met' : 'NOT met'} (${appStats.p99.toFixed(2)} ms)`,
  );
}

/** Sends `rate` signed commands a second to `url` and times each until its response_url is posted to. */
async function load(
  url: string,
  standin: SlackStandin,
  queries: string[],
  rate: number,
  seconds: number,
  warmup: number,
): Promise<Stats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const pending = new Map<string, { sentAt: number; measured: boolean; timer: NodeJS.Timeout }>();
  const latencies: number[] = [];
  const acks: number[] = [];
  let sent = 0;
  let lost = 0;
  let non200 = 0;
  let stopped = false;

  const onResponse = (r: RecordedResponse): void => {
    const p = pending.get(r.url);
    if (!p) return;
    pending.delete(r.url);
    clearTimeout(p.timer);
    if (p.measured) latencies.push(performance.now() - p.sentAt);
  };
  standin.on('response', onResponse);

  const fire = (i: number, measured: boolean): void => {
    const responseUrl = standin.responseUrl('bench');
    const body = slashCommandBody({ text: queries[i % queries.length], responseUrl });
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      ...signRequest(SECRET, body),
    };
    const sentAt = performance.now();
    const timer = setTimeout(() => {
      if (pending.delete(responseUrl) && measured) lost++;
    }, TIMEOUT_MS);
    pending.set(responseUrl, { sentAt, measured, timer });
    if (measured) sent++;
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent },
      (res) => {
        if (measured) {
          acks.push(performance.now() - sentAt);
          if (res.statusCode !== 200) non200++;
        }
        res.resume();
      },
    );
    req.on('error', () => {
      if (measured) non200++;
    });
    req.end(body);
  };

  // Warm-up first (not measured), then the measured window; both on a fixed schedule.
  const phases: Array<[number, boolean]> = [
    [warmup, false],
    [seconds, true],
  ];
  let i = 0;
  let measuredMs = 0;
  for (const [duration, measured] of phases) {
    const total = Math.round(duration * rate);
    const start = performance.now();
    for (let n = 0; n < total && !stopped; n++) {
      const due = start + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (pending.size > MAX_IN_FLIGHT) {
        stopped = true;
        console.error(`slack bench: more than ${MAX_IN_FLIGHT} requests in flight at ${url}; stopping this run`);
        break;
      }
      fire(i++, measured);
      // The stand-in keeps every response for tests; here that would grow this process's heap (and its GC pauses)
      // run after run, so forget what has been timed already.
      if (i % 200 === 0) standin.reset();
    }
    // The generator can fall behind its schedule on a busy machine: the rate it reports is the one it kept.
    if (measured) measuredMs = performance.now() - start;
  }
  const windowStart = performance.now();
  while (pending.size && performance.now() - windowStart < TIMEOUT_MS + 500) await sleep(20);
  standin.off('response', onResponse);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);
  return {
    sent,
    answered: latencies.length,
    lost,
    non200,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    ackP99: quantile(acks, 0.99),
    achievedRate: measuredMs > 0 ? sent / (measuredMs / 1000) : 0,
  };
}

/** The bot as `npm start` runs it over HTTP, with its Web API (and so its answers) going to the bench's stand-in. */
async function serveApp(apiUrl: string, fixedResult: boolean): Promise<void> {
  const { setLogLevel, log } = await import('../src/log.js');
  const { openSearchEngine } = await import('../src/search/open.js');
  const { createSlackApp } = await import('../src/slack/index.js');
  setLogLevel('warn');
  const scratch = path.join(os.tmpdir(), `k8sblog-bench-${process.pid}.json`);
  const { engine } = await openSearchEngine({
    contentDir: path.join(ROOT, 'content'),
    indexFile: path.join(ROOT, 'dist', 'search-index.bin'),
    save: false,
  }).catch(() => openSearchEngine({ contentDir: path.join(ROOT, 'content'), indexFile: scratch, save: false }));
  const fixed = engine.search('kubeadm', { limit: 5 });
  const searcher: Searcher = fixedResult
    ? Object.assign(Object.create(engine) as Searcher, { search: () => fixed })
    : engine;
  const slack = createSlackApp({
    config: {
      slack: { botToken: TOKEN, signingSecret: SECRET, apiUrl, mode: 'http' },
      port: 0,
      host: '127.0.0.1',
      logLevel: 'warn',
    },
    searcher,
    version: 'bench',
    indexLoadedAt: new Date(),
    log,
  });
  const { url } = await slack.start();
  process.stdout.write(`${JSON.stringify({ url, articles: engine.size })}\n`);
}

/** The floor: acknowledge, then post a fixed small answer to the response_url, with no framework and no work. */
async function serveBare(): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const answer = JSON.stringify({ response_type: 'ephemeral', text: 'ok' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200).end();
      const responseUrl = new URLSearchParams(Buffer.concat(chunks).toString()).get('response_url');
      if (!responseUrl) return;
      const u = new URL(responseUrl);
      const post = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) },
        },
        (r) => r.resume(),
      );
      post.on('error', () => undefined);
      post.end(answer);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/` })}\n`);
  });
}

/** Targets still running: a failed run kills them, or their pipes would keep this process (and them) alive. */
const children = new Set<ChildProcess>();

function child(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', HERE, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    let buffered = '';
    proc.stdout!.on('data', (c: Buffer) => {
      buffered += c.toString();
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) {
        try {
          const { url, articles } = JSON.parse(line) as { url: string; articles?: number };
          if (articles !== undefined) console.error(`slack bench: app ready with ${articles} articles`);
          resolve({ proc, url });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
    });
    proc.once('exit', (code) => reject(new Error(`bench target exited early (${code})`)));
  });
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function bounded(n: number, min: number, max: number, name: string): number {
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be between ${min} and ${max}`);
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exitCode = 1;
  })
  .finally(() => {
    for (const proc of children) proc.kill();
  });
