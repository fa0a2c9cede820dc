/**
 * Reloading the archive without downtime. A reload (SIGHUP, or a new index file written by `k8sblog build-index`
 * while the bot runs) builds the index in a child process — the same `build-index` an operator runs — so analysing
 * thousands of articles never stalls slash commands; then the bot loads the file, puts the feed's articles back into
 * it, and swaps it in whole. Until the swap every answer comes from the old index; a tree that fails to load leaves
 * the old index in place and the log says why.
 */
import { spawn } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { restoreFeedArticles } from './feed/poller.js';
import type { Logger } from './log.js';
import { openSearchEngine } from './search/open.js';
import { readIndexHeader } from './search/persist.js';
import type { SwappableSearcher } from './search/swappable.js';
import type { Store } from './store/types.js';

export type ReloadOutcome =
  | { status: 'swapped'; articles: number; builtAt: string }
  | { status: 'unchanged' }
  | { status: 'failed'; reason: string };

export interface IndexReloaderOptions {
  config: Pick<Config, 'contentDir' | 'indexFile'>;
  searcher: SwappableSearcher;
  /** Where the feed's articles are kept: they rejoin every new index. */
  store?: Store;
  log: Logger;
  /** When the index in place was built, so the file written by our own reload is not loaded twice. */
  builtAt?: string;
  /** Watch INDEX_FILE for an index another process wrote (default true). */
  watch?: boolean;
}

export interface IndexReloader {
  /** Rebuilds from CONTENT_DIR in a child process and swaps the result in; reloads asked for meanwhile join it. */
  reload(why: string): Promise<ReloadOutcome>;
  stop(): void;
}

const CLI = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  `cli${path.extname(fileURLToPath(import.meta.url))}`,
);

export function startIndexReloader(options: IndexReloaderOptions): IndexReloader {
  const { config, searcher, log } = options;
  let builtAt = options.builtAt;
  let running: Promise<ReloadOutcome> | undefined;
  let again = false;

  /** Loads INDEX_FILE and swaps it in, unless it is the index already in place. */
  const loadFile = async (): Promise<ReloadOutcome> => {
    const header = await readIndexHeader(config.indexFile);
    if (header && header.builtAt === builtAt) return { status: 'unchanged' };
    const opened = await openSearchEngine({ contentDir: config.contentDir, indexFile: config.indexFile, save: false });
    if (options.store) await restoreFeedArticles(options.store, opened.engine);
    searcher.swap(opened.engine);
    builtAt = opened.builtAt;
    // A feed article stored while the new index was being made joins it now (the poll added it to the old one).
    if (options.store) await restoreFeedArticles(options.store, searcher);
    log.info('search index reloaded', { articles: opened.engine.size, builtAt, source: opened.source });
    return { status: 'swapped', articles: opened.engine.size, builtAt: opened.builtAt };
  };

  const rebuild = async (why: string): Promise<ReloadOutcome> => {
    log.info(`search index: reloading ${config.contentDir} (${why})`);
    const built = await buildInChild(config);
    if (!built.ok) {
      log.error(`search index: reload failed, the old index stays in place: ${built.reason}`);
      return { status: 'failed', reason: built.reason };
    }
    try {
      return await loadFile();
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      log.error(`search index: reload failed, the old index stays in place: ${reason}`);
      return { status: 'failed', reason };
    }
  };

  const reload = (why: string): Promise<ReloadOutcome> => {
    if (running) {
      // One more run after the current one picks up whatever changed while it ran.
      again = true;
      return running;
    }
    running = rebuild(why).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void reload('changed during the last reload');
      }
    });
    return running;
  };

  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    let timer: NodeJS.Timeout | undefined;
    try {
      // The folder, not the file: build-index replaces the file by renaming a new one over it.
      watcher = watch(path.dirname(config.indexFile), (_event, name) => {
        if (name !== path.basename(config.indexFile) || running) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          loadFile().catch((err: unknown) =>
            log.warn('search index: a new index file could not be loaded; the old one stays', {
              error: err instanceof Error ? err.message : String(err),
            }),
          );
        }, 500);
      });
      watcher.on('error', () => watcher?.close());
    } catch (err) {
      log.warn('search index: INDEX_FILE cannot be watched; reload with SIGHUP', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  return {
    reload,
    stop: () => watcher?.close(),
  };
}

/** `k8sblog build-index` in a child process: the same Node, the same loader (tsx from source, or dist/). */
function buildInChild(
  config: Pick<Config, 'contentDir' | 'indexFile'>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, CLI, 'build-index', '--quiet', '--dir', config.contentDir, '--out', config.indexFile],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 4096) err += d.toString('utf8');
    });
    child.on('error', (e) => resolve({ ok: false, reason: e.message }));
    child.on('close', (code) => {
      const lines = err.split('\n').filter((l) => l.trim());
      resolve(code === 0 ? { ok: true } : { ok: false, reason: lines.at(-1) ?? `build-index exited with ${code}` });
    });
  });
}
