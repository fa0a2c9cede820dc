/**
 * Start-up: the engine from the prebuilt index when it matches content/, otherwise built from content/ (and the
 * index file refreshed when it can be written). The caller learns which happened, why, and when the index was made.
 */
import { type LoadProblem, loadArchive } from '../archive/load.js';
import { SearchEngine } from './engine.js';
import { hashContent, readIndexFile, readIndexHeader, staleReason, writeIndexFile } from './persist.js';

export interface SearchLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface OpenSearchOptions {
  contentDir: string;
  indexFile: string;
  log?: SearchLogger;
  /** Write a fresh index file after a rebuild (default true); a failure to write is logged, not thrown. */
  save?: boolean;
}

export interface OpenedSearch {
  engine: SearchEngine;
  /** `prebuilt`: read from the index file; `rebuilt`: content/ was analysed at start-up. */
  source: 'prebuilt' | 'rebuilt';
  /** Why the prebuilt index was not used. */
  reason?: string;
  /** When the index in use was built (ISO 8601). */
  builtAt: string;
  tookMs: number;
  contentHash: string;
  problems: LoadProblem[];
}

export async function openSearchEngine(options: OpenSearchOptions): Promise<OpenedSearch> {
  const started = performance.now();
  const { contentDir, indexFile, log } = options;
  const contentHash = await hashContent(contentDir);
  const header = await readIndexHeader(indexFile);
  let reason = header ? await staleReason(header, contentHash) : `no readable index at ${indexFile}`;
  if (header && !reason) {
    try {
      const { state } = await readIndexFile(indexFile);
      const engine = SearchEngine.restore(state);
      const tookMs = performance.now() - started;
      log?.info('search index loaded', {
        file: indexFile,
        articles: engine.size,
        builtAt: header.builtAt,
        ms: Math.round(tookMs),
      });
      return { engine, source: 'prebuilt', builtAt: header.builtAt, tookMs, contentHash, problems: [] };
    } catch (err) {
      reason = `the index file could not be read (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  log?.info(`search index: rebuilding from ${contentDir} because ${reason}`);
  const { engine, problems } = await buildFromContent(contentDir, log);
  const builtAt = new Date();
  if (options.save !== false) {
    try {
      await writeIndexFile(indexFile, engine.state(), contentHash, builtAt);
      log?.info('search index saved', { file: indexFile });
    } catch (err) {
      log?.warn('search index could not be saved; the next start will rebuild again', {
        file: indexFile,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const tookMs = performance.now() - started;
  log?.info('search index rebuilt', { articles: engine.size, ms: Math.round(tookMs) });
  return { engine, source: 'rebuilt', reason, builtAt: builtAt.toISOString(), tookMs, contentHash, problems };
}

/** Loads content/ and builds an engine over it, reporting files that could not be read. */
export async function buildFromContent(
  contentDir: string,
  log?: SearchLogger,
): Promise<{ engine: SearchEngine; problems: LoadProblem[] }> {
  const { articles, problems } = await loadArchive(contentDir);
  for (const p of problems) log?.warn('article skipped', { path: p.path, reason: p.reason });
  return { engine: SearchEngine.build(articles), problems };
}
