/**
 * The feed's bytes to articles, in a worker thread: decoding, rss-parser and HTML-to-text of a large document take
 * seconds of CPU that must not block /healthz and slash commands, and the worker's heap limit turns a document that
 * would still be too much into a failed poll instead of a dead process.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FeedError } from './feed-error.js';
import { ITEM_MAX_HTML_CHARS, PARSE_WORKER_HEAP_MB } from './limits.js';
import type { ReadFeed, ReadFeedInput, WorkerAnswer } from './read-feed-core.js';

/**
 * Built, the worker is JavaScript next to this module. Under tsx (tests, the CLI run from source) it is TypeScript,
 * and a worker thread does not inherit the parent's loader hooks: a small module registers tsx in it first.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./read-feed-worker.js', import.meta.url);
  // Found through require: tsx may have compiled this module as CommonJS, where import.meta.resolve is missing.
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const worker = new URL('./read-feed-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/**
 * XML text of one element kept before parsing: twice the HTML cap, as escaped HTML (`&lt;p&gt;`) is longer than
 * the HTML it stands for; parseFeed then cuts the HTML itself to ITEM_MAX_HTML_CHARS.
 */
const MAX_ELEMENT_CHARS = 2 * ITEM_MAX_HTML_CHARS;

export function readFeed(bytes: Uint8Array, contentType?: string): Promise<ReadFeed> {
  // The bytes move to the worker without a copy when they own their buffer; a view into a shared one is copied.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  const input: ReadFeedInput = { bytes: owned, contentType, maxElementChars: MAX_ELEMENT_CHARS };
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const worker = new Worker(workerUrl(), {
      workerData: input,
      transferList: [owned.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB },
    });
    worker.once('message', (answer: WorkerAnswer) =>
      settle(() =>
        answer.ok
          ? resolve(answer.result)
          : reject(new FeedError(answer.message, (answer.kind as FeedError['kind'] | undefined) ?? 'parse')),
      ),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new FeedError(`feed is too large to parse within ${PARSE_WORKER_HEAP_MB} MB`, 'too-large')
            : new FeedError(`could not parse the feed: ${err.message}`, 'parse'),
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new FeedError(`the feed parser stopped (exit ${code})`, 'parse'))),
    );
  });
}
