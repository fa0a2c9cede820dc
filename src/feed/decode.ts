import { TextDecoder } from 'node:util';
import { FeedError } from './feed-error.js';

/**
 * Bytes of a feed to text. The encoding is taken, in this order, from a byte-order mark, the Content-Type charset,
 * the XML declaration, and otherwise UTF-8 (the XML default). Decoding is strict: bytes that are not valid in that
 * encoding fail the poll instead of turning into U+FFFD inside titles and being stored that way for good.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string | null): string {
  const bom = bomEncoding(bytes);
  const declared = bom ?? charsetOf(contentType) ?? xmlDeclEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true, ignoreBOM: false });
  } catch {
    throw new FeedError(`feed declares an unknown encoding "${declared}"`, 'encoding');
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const source = bom
      ? 'byte-order mark'
      : charsetOf(contentType)
        ? 'Content-Type'
        : xmlDeclEncoding(bytes)
          ? 'XML declaration'
          : 'the XML default';
    throw new FeedError(`feed is not valid ${decoder.encoding.toUpperCase()} (encoding from ${source})`, 'encoding');
  }
}

function bomEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charsetOf(contentType?: string | null): string | undefined {
  const m = contentType ? /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return m ? m[1].toLowerCase() : undefined;
}

function xmlDeclEncoding(b: Uint8Array): string | undefined {
  // The declaration is ASCII whatever the encoding that follows it (UTF-16 has a BOM and is handled above).
  const head = Buffer.from(b.subarray(0, 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}
