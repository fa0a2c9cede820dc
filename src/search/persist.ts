/**
 * The prebuilt index file: the engine's postings and what it keeps beside them (articles, field lengths, spelling
 * vocabulary, tags), stamped with a hash of content/ and of the code that made it, so start-up can tell whether it
 * still matches.
 *
 * Columnar and binary, so that loading is reading: no JSON to parse beyond a small metadata section, and posting
 * lists become typed-array views into the file's buffer (flex-index.ts makes a list a plain array only when
 * flexsearch must write to it). Bodies are decoded when an article is first read, not at load.
 *
 *   line 1     header JSON {format, analyser, code, contentHash, builtAt, articles, terms, sections} and "\n"
 *   sections   at the byte offsets and lengths the header gives (typed sections start on a 4-byte boundary):
 *     meta       JSON: articles without body and original, and the tags
 *     lengths    Uint32 × articles × fields: terms per field
 *     vocab      UTF-8 words joined by "\n", then `vocabDf` (Uint32 × words): document frequencies for spelling
 *     terms      UTF-8 terms joined by "\n" (no term holds a line break: terms never hold whitespace)
 *     shape      Uint32 per term: a mask of the fields holding it; per field present: a mask of its used score
 *                slots; per slot used: the number of ids
 *     ids        Uint16 (fewer than 65,536 articles) or Uint32: the ids of every slot, in the order of `shape`
 *     textEnds   Uint32 × 2 × articles: where each body and original ends in `texts`
 *     texts      UTF-8 bodies and originals one after the other
 *
 * readIndexFile reads everything but the texts, and keeps the file open to read a body when it is first needed
 * (snippets, phrases): at 10,000 articles the texts are two thirds of the file, and most are never shown.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../archive/article.js';
import type { EngineState } from './engine.js';
import { FIELDS } from './fields.js';
import type { Slots, TagTable, TermFields } from './flex-index.js';

export const INDEX_FORMAT = 3;
/**
 * Changes whenever analysis or the index layout changes, so an index built by an older engine is rebuilt instead
 * of being read with the wrong rules. (The code fingerprint below catches changes nobody remembered to version.)
 */
export const ANALYSER_VERSION = `v1/${FIELDS.map((f) => `${f.name}:${f.words ? 'w' : 'b'}`).join(',')}`;

/** In file order; the texts last, so that everything else is one read and the texts are read body by body. */
const SECTIONS = ['meta', 'lengths', 'vocab', 'vocabDf', 'terms', 'shape', 'ids', 'textEnds', 'texts'] as const;
type SectionName = (typeof SECTIONS)[number];

export interface IndexHeader {
  format: number;
  analyser: string;
  /** sha256 of the code that loads articles and indexes them (see {@link codeFingerprint}). */
  code: string;
  contentHash: string;
  builtAt: string;
  articles: number;
  terms: number;
  /** Bytes per id in the ids section (2 or 4). */
  idBytes: number;
  /** [offset, length] in bytes from the start of the file. */
  sections: Record<SectionName, [number, number]>;
}

type StoredArticle = Omit<Article, 'body' | 'original' | 'source'>;
interface Meta {
  articles: StoredArticle[];
  tags: TagTable;
}

let fingerprint: Promise<string> | undefined;

/**
 * sha256 of the code that decides what an index holds: the modules of the archive loader (src/archive) and of the
 * search engine (src/search) as this process runs them. An index made by other code (an edited loader or analyser)
 * is rebuilt, whether or not anyone bumped a version. Compiled and source files differ, so an index built by
 * `dist/` is rebuilt once when the TypeScript sources (tsx) open it, and the other way round.
 */
export function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256');
    const self = fileURLToPath(import.meta.url);
    const ext = path.extname(self);
    for (const dir of [path.dirname(self), path.resolve(path.dirname(self), '../archive')]) {
      const files = (await readdir(dir)).filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`)).sort();
      for (const file of files) {
        hash.update(`${path.basename(dir)}/${file}\0`);
        hash.update(await readFile(path.join(dir, file)));
      }
    }
    return `sha256:${hash.digest('hex').slice(0, 16)}`;
  })();
  return fingerprint;
}

/** Why an index with this header cannot serve content whose hash is `contentHash`, or undefined when it can. */
export async function staleReason(header: IndexHeader, contentHash: string): Promise<string | undefined> {
  if (
    header.format !== INDEX_FORMAT ||
    header.analyser !== ANALYSER_VERSION ||
    header.code !== (await codeFingerprint())
  )
    return 'the index was built by another engine version';
  if (header.contentHash !== contentHash) return 'content/ changed since the index was built';
  return undefined;
}

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

/** The index file's bytes for `state` (the header first). */
export async function encodeIndex(
  state: EngineState,
  contentHash: string,
  builtAt = new Date(),
): Promise<{ header: IndexHeader; bytes: Buffer }> {
  const n = state.articles.length;
  const meta: Meta = {
    articles: state.articles.map(({ source: _source, body: _body, original: _original, ...rest }) => rest),
    tags: state.tags,
  };
  const lengths = new Uint32Array(n * FIELDS.length);
  state.lengths.forEach((row, id) => {
    for (let f = 0; f < FIELDS.length; f++) lengths[id * FIELDS.length + f] = row[f] ?? 0;
  });
  const vocabDf = Uint32Array.from(state.vocabulary, ([, df]) => df);
  const words = state.vocabulary.map(([w]) => w).join('\n');

  const terms: string[] = [];
  const shape: number[] = [];
  let idCount = 0;
  for (const [term, fields] of state.postings) {
    if (/\n/.test(term)) throw new Error(`index term ${JSON.stringify(term)} holds a line break`);
    terms.push(term);
    let fieldMask = 0;
    const at = shape.push(0) - 1;
    for (let f = 0; f < FIELDS.length; f++) {
      const slots = fields[f];
      if (!slots) continue;
      let slotMask = 0;
      const maskAt = shape.push(0) - 1;
      for (let slot = 0; slot < slots.length; slot++) {
        const ids = slots[slot];
        if (!ids?.length) continue;
        slotMask |= 1 << slot;
        shape.push(ids.length);
        idCount += ids.length;
      }
      shape[maskAt] = slotMask;
      fieldMask |= 1 << f;
    }
    shape[at] = fieldMask;
  }
  const idBytes = n < 0x10000 ? 2 : 4;
  const ids = idBytes === 2 ? new Uint16Array(idCount) : new Uint32Array(idCount);
  let k = 0;
  for (const fields of state.postings.values())
    for (const slots of fields)
      if (slots) for (const list of slots) if (list) for (let i = 0; i < list.length; i++) ids[k++] = list[i];

  const texts: string[] = [];
  const textEnds = new Uint32Array(2 * n);
  let end = 0;
  state.articles.forEach((a, id) => {
    for (const [j, text] of [a.body, a.original ?? ''].entries()) {
      texts.push(text);
      end += Buffer.byteLength(text);
      textEnds[2 * id + j] = end;
    }
  });

  const parts: Record<SectionName, Buffer> = {
    meta: Buffer.from(JSON.stringify(meta)),
    lengths: view(lengths),
    vocab: Buffer.from(words),
    vocabDf: view(vocabDf),
    terms: Buffer.from(terms.join('\n')),
    shape: view(Uint32Array.from(shape)),
    ids: view(ids),
    texts: Buffer.from(texts.join('')),
    textEnds: view(textEnds),
  };
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    analyser: ANALYSER_VERSION,
    code: await codeFingerprint(),
    contentHash,
    builtAt: builtAt.toISOString(),
    articles: n,
    terms: terms.length,
    idBytes,
    sections: {} as IndexHeader['sections'],
  };
  // The header's length depends on the offsets it lists: lay out with a fixed-width header line, then fill it in.
  let headerLength = 0;
  for (;;) {
    let offset = headerLength;
    for (const name of SECTIONS) {
      offset = align4(offset);
      header.sections[name] = [offset, parts[name].length];
      offset += parts[name].length;
    }
    const needed = Buffer.byteLength(`${JSON.stringify(header)}\n`);
    if (needed <= headerLength) break;
    headerLength = align4(needed + 16);
  }
  const line = Buffer.from(`${JSON.stringify(header).padEnd(headerLength - 1, ' ')}\n`);
  const [lastOffset, lastLength] = header.sections[SECTIONS[SECTIONS.length - 1]];
  const bytes = Buffer.alloc(lastOffset + lastLength);
  line.copy(bytes, 0);
  for (const name of SECTIONS) parts[name].copy(bytes, header.sections[name][0]);
  return { header, bytes };
}

/** Writes the index file atomically (a temporary file, then a rename). */
export async function writeIndexFile(
  file: string,
  state: EngineState,
  contentHash: string,
  builtAt = new Date(),
): Promise<IndexHeader> {
  const { header, bytes } = await encodeIndex(state, contentHash, builtAt);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
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

/** Reads bytes [start, end) of the texts section. */
type TextReader = (start: number, end: number) => string;

/** Closes the index files whose engines are gone (a process normally keeps its one engine to the end). */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
});

/**
 * Reads an index file but its texts, which are read from the open file when an article's body is first read;
 * throws with a reason when it is damaged or from another engine version.
 */
export async function readIndexFile(file: string): Promise<{ header: IndexHeader; state: EngineState }> {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const headBytes = readSync(fd, head, 0, head.length, 0);
    const firstLine = head.subarray(0, headBytes).indexOf(10);
    if (firstLine < 0) throw new Error('index header is not readable');
    const header = parseHeader(head.subarray(0, firstLine).toString('utf8'));
    const [textsAt, textsLength] = header.sections?.texts ?? [-1, -1];
    if (!(textsAt > 0 && textsAt + textsLength <= fstatSync(fd).size)) throw new Error('index file is truncated');
    const bytes = Buffer.alloc(textsAt);
    if (readSync(fd, bytes, 0, textsAt, 0) !== textsAt) throw new Error('index file is truncated');
    const reader: TextReader = (start, end) => {
      const out = Buffer.allocUnsafe(end - start);
      readSync(fd, out, 0, out.length, textsAt + start);
      return out.toString('utf8');
    };
    const decoded = decodeIndex(bytes, reader);
    // Every article's body getter holds the reader: the file stays open while any article can still be read.
    openFiles.register(reader, fd);
    return decoded;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/**
 * The engine state held in an index file's bytes (posting lists stay views into `bytes`). `texts` reads the texts
 * section when `bytes` stops before it (readIndexFile).
 */
export function decodeIndex(bytes: Buffer, texts?: TextReader): { header: IndexHeader; state: EngineState } {
  const firstLine = bytes.indexOf(10);
  const header = parseHeader(bytes.subarray(0, firstLine < 0 ? bytes.length : firstLine).toString('utf8'));
  if (header.format !== INDEX_FORMAT) throw new Error(`index format ${header.format}, expected ${INDEX_FORMAT}`);
  if (header.analyser !== ANALYSER_VERSION)
    throw new Error(`index built by analyser ${header.analyser}, this is ${ANALYSER_VERSION}`);
  // Typed views need their offsets on element boundaries of the underlying memory.
  const buf = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const section = (name: SectionName): Buffer => {
    const [offset, length] = header.sections?.[name] ?? [-1, -1];
    if (!(offset >= 0 && length >= 0 && offset + length <= buf.length)) throw new Error('index file is truncated');
    return buf.subarray(offset, offset + length);
  };
  const u32 = (name: SectionName) => {
    const b = section(name);
    return new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
  };
  const n = header.articles;
  const meta = JSON.parse(section('meta').toString('utf8')) as Meta;
  if (meta.articles.length !== n) throw new Error('index file is inconsistent');

  const flatLengths = u32('lengths');
  if (flatLengths.length !== n * FIELDS.length) throw new Error('index file is inconsistent');
  const lengths: number[][] = [];
  for (let id = 0; id < n; id++)
    lengths.push(Array.from(flatLengths.subarray(id * FIELDS.length, (id + 1) * FIELDS.length)));

  const vocabText = section('vocab').toString('utf8');
  const words = vocabText ? vocabText.split('\n') : [];
  const dfs = u32('vocabDf');
  if (dfs.length !== words.length) throw new Error('index file is inconsistent');
  const vocabulary: Array<[string, number]> = words.map((w, i) => [w, dfs[i]]);

  const termsText = section('terms').toString('utf8');
  const terms = termsText ? termsText.split('\n') : [];
  if (terms.length !== header.terms) throw new Error('index file is inconsistent');
  const shape = u32('shape');
  const idSection = section('ids');
  const wide = header.idBytes !== 2;
  const idCount = idSection.length / (wide ? 4 : 2);
  // A list is a view made with its constructor: TypedArray#subarray costs several times more (species lookup),
  // and an index holds hundreds of thousands of lists.
  const list = (at: number, count: number) =>
    wide
      ? new Uint32Array(idSection.buffer, idSection.byteOffset + 4 * at, count)
      : new Uint16Array(idSection.buffer, idSection.byteOffset + 2 * at, count);
  const postings = new Map<string, TermFields>();
  let s = 0;
  let at = 0;
  for (const term of terms) {
    const fieldMask = shape[s++];
    const fields: Array<Slots | undefined> = [];
    for (let f = 0; f < FIELDS.length; f++) {
      if (!(fieldMask & (1 << f))) {
        fields.push(undefined);
        continue;
      }
      const slotMask = shape[s++];
      const slots: Array<ArrayLike<number> | undefined> = [];
      for (let slot = 0; slotMask >>> slot; slot++) {
        if (!(slotMask & (1 << slot))) {
          slots.push(undefined);
          continue;
        }
        const count = shape[s++];
        slots.push(list(at, count));
        at += count;
      }
      fields.push(slots);
    }
    postings.set(term, fields);
  }
  if (s !== shape.length || at !== idCount) throw new Error('index file postings do not match their shape');

  const textEnds = u32('textEnds');
  if (textEnds.length !== 2 * n || (n > 0 && textEnds[2 * n - 1] !== header.sections.texts[1]))
    throw new Error('index file texts do not match their lengths');
  const read: TextReader =
    texts ??
    (
      (whole) => (start, end) =>
        whole.toString('utf8', start, end)
    )(section('texts'));
  const articles = meta.articles.map((stored, id) =>
    lazyTexts(stored, read, id ? textEnds[2 * id - 1] : 0, textEnds[2 * id], textEnds[2 * id + 1]),
  );
  return { header, state: { articles, lengths, vocabulary, postings, tags: meta.tags } };
}

/** The article with its body and original decoded from `texts` when first read (most bodies are never shown). */
function lazyTexts(stored: StoredArticle, read: TextReader, start: number, bodyEnd: number, end: number): Article {
  const article = stored as Article;
  let body: string | undefined;
  Object.defineProperty(article, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (body ??= read(start, bodyEnd)),
  });
  if (end > bodyEnd) {
    let original: string | undefined;
    Object.defineProperty(article, 'original', {
      enumerable: true,
      configurable: true,
      get: () => (original ??= read(bodyEnd, end)),
    });
  }
  return article;
}

function view(a: Uint16Array | Uint32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function align4(x: number): number {
  return (x + 3) & ~3;
}
