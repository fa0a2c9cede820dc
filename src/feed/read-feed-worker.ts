/**
 * The worker behind read-feed.ts: decodes the feed's bytes, cuts oversize elements, parses and converts every item
 * to an article within the caps, and posts the result back. Runs off the main thread so that /healthz and slash
 * commands keep answering while a large feed is parsed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { capLongElements } from './cap-xml.js';
import { decodeFeed } from './decode.js';
import { convertItems, type ReadFeedInput, type WorkerAnswer } from './read-feed-core.js';

async function main(input: ReadFeedInput): Promise<WorkerAnswer> {
  try {
    const xml = decodeFeed(input.bytes, input.contentType);
    const capped = capLongElements(xml, input.maxElementChars);
    return { ok: true, result: await convertItems(capped.xml, capped.cutChars) };
  } catch (err) {
    const e = err as { message?: string; kind?: string; name?: string };
    return { ok: false, message: e?.message ?? String(err), kind: e?.name === 'FeedError' ? e.kind : undefined };
  }
}

parentPort?.postMessage(await main(workerData as ReadFeedInput));
