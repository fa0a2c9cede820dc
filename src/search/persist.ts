/**
 * The prebuilt index file: flexsearch's export plus what the engine keeps beside it (articles, field lengths,
 * vocabulary), stamped with a hash of content/ so start-up can tell whether it still matches.
 *
 * Line-oriented so that flexsearch's JSON chunks are stored as they are (no JSON inside JSON strings), and the
 * articles' texts stored raw at the end (no escaping to write, nothing to parse when read):
 *   line 1   header JSON {format, analyser, contentHash, builtAt, articles, chunks, textBytes}
 *   line 2   articles JSON, without body and original; `texts` gives their lengths
 *   line 3   field lengths JSON
 *   line 4   vocabulary JSON
 *   line 5+  one flexsearch export chunk per line: `<key>\t<json>`
 *   then     the bodies and originals, one after the other, `textBytes` bytes of UTF-8
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../archive/article.js';
import type { EngineState } from './engine.js';
import { FIELDS } from './fields.js';

export const INDEX_FORMAT = 2;
/**
 * Changes whenever analysis or the index layout changes, so an index built by an older engine is rebuilt instead
 * of being read with the wrong rules.
 */
export const ANALYSER_VERSION = `v1/${FIELDS.map((f) => `${f.name}:${f.words ? 'w' : 'b'}`).join(',')}`;

export interface IndexHeader {
  format: number;
  analyser: string;
  contentHash: string;
  builtAt: string;
  articles: number;
  chunks: number;
  /** Size of the texts at the end of the file, in bytes. */
  textBytes: number;
}

type StoredArticle = Omit<Article, 'body' | 'original' | 'source'> & { texts: [number, number] };

/** sha256 over every Markdown file under `dir` (relative path and bytes, in path order). */
export async function hashContent(dir: string): Promise<string> {
  const hash = createHash('sha256');
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 'missing';
  }
  const files = entries
    .filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) {
    hash.update(path.relative(dir, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

/** Writes the index file atomically (a temporary file, then a rename). */
export async function writeIndexFile(
  file: string,
  state: EngineState,
  contentHash: string,
  builtAt = new Date(),
): Promise<IndexHeader> {
  const texts: string[] = [];
  const articles: StoredArticle[] = state.articles.map(({ source: _source, body, original, ...rest }) => {
    texts.push(body, original ?? '');
    return { ...rest, texts: [body.length, (original ?? '').length] };
  });
  const blob = Buffer.from(texts.join(''), 'utf8');
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    analyser: ANALYSER_VERSION,
    contentHash,
    builtAt: builtAt.toISOString(),
    articles: state.articles.length,
    chunks: state.flex.length,
    textBytes: blob.length,
  };
  const lines = [
    JSON.stringify(header),
    JSON.stringify(articles),
    JSON.stringify(state.lengths),
    JSON.stringify(state.vocabulary),
  ];
  for (const [key, data] of state.flex) {
    if (/[\t\n]/.test(key) || data.includes('\n'))
      throw new Error(`flexsearch export chunk ${key} cannot be stored on one line`);
    lines.push(`${key}\t${data}`);
  }
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.concat([Buffer.from(`${lines.join('\n')}\n`, 'utf8'), blob]));
  await rename(tmp, file);
  return header;
}

/** Reads only the header line (cheap: decides whether the file is worth loading). */
export async function readIndexHeader(file: string): Promise<IndexHeader | undefined> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const end = text.indexOf('\n');
  if (end < 0) return undefined;
  try {
    return parseHeader(text.slice(0, end));
  } catch {
    return undefined;
  }
}

function parseHeader(line: string): IndexHeader {
  const h = JSON.parse(line) as IndexHeader;
  if (typeof h !== 'object' || h === null || typeof h.contentHash !== 'string' || typeof h.format !== 'number') {
    throw new Error('index header is not readable');
  }
  return h;
}

/** Reads a whole index file; throws with a reason when it is damaged or from another engine version. */
export async function readIndexFile(file: string): Promise<{ header: IndexHeader; state: EngineState }> {
  const buf = await readFile(file);
  const firstLine = buf.indexOf(10);
  const header = parseHeader(buf.subarray(0, firstLine < 0 ? buf.length : firstLine).toString('utf8'));
  if (header.format !== INDEX_FORMAT) throw new Error(`index format ${header.format}, expected ${INDEX_FORMAT}`);
  if (header.analyser !== ANALYSER_VERSION)
    throw new Error(`index built by analyser ${header.analyser}, this is ${ANALYSER_VERSION}`);
  const textStart = buf.length - header.textBytes;
  if (!(textStart > firstLine)) throw new Error('index file is truncated');
  const lines = buf.subarray(0, textStart).toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== 4 + header.chunks)
    throw new Error(`index file is truncated (${lines.length} lines, expected ${4 + header.chunks})`);
  const stored = JSON.parse(lines[1]) as StoredArticle[];
  const lengths = JSON.parse(lines[2]) as number[][];
  const vocabulary = JSON.parse(lines[3]) as Array<[string, number]>;
  if (stored.length !== header.articles || lengths.length !== stored.length)
    throw new Error('index file is inconsistent');
  const text = buf.subarray(textStart).toString('utf8');
  let at = 0;
  const articles: Article[] = stored.map(({ texts: [bodyLength, originalLength], ...rest }) => {
    const body = text.slice(at, (at += bodyLength));
    const original = text.slice(at, (at += originalLength));
    return original ? { ...rest, body, original } : { ...rest, body };
  });
  if (at !== text.length) throw new Error('index file texts do not match their lengths');
  const flex: Array<[string, string]> = [];
  for (let i = 4; i < lines.length; i++) {
    const tab = lines[i].indexOf('\t');
    if (tab < 0) throw new Error(`index file line ${i + 1} is damaged`);
    flex.push([lines[i].slice(0, tab), lines[i].slice(tab + 1)]);
  }
  return { header, state: { articles, lengths, vocabulary, flex } };
}
