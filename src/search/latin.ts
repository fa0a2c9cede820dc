/**
 * Terms for one Latin-script token (letters, digits and the punctuation that glues identifiers together), so that the
 * spellings users type meet the spellings articles use: `v1.29` = `1.29` = `1.29.0` (as `1.29`), `KEP-3386` =
 * `kep.k8s.io/3386` = `KEP 3386` (as `kep3386`), `CRI-O` = `crio` = `CRI O`, `registry.k8s.io` whole and in parts.
 */

const VERSION = /^v?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?$/;
const KEP_FORMS: RegExp[] = [
  /^kep[-_]?(\d{1,5})$/,
  /(?:^|\/)kep\.k8s\.io\/(\d{1,5})(?:$|\/)/,
  /github\.com\/kubernetes\/enhancements\/(?:issues|pull)\/(\d{1,5})/,
  /(?:^|\/)keps\/[^/]+\/(\d{1,5})-/,
];
const SEPARATORS = /[-_/+#']+/;
const MAX_TOKEN = 100;
const MAX_PART = 40;

/** Letters a-z and digits only (most tokens: checked without a regular expression). */
function isPlainAscii(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** The canonical term for a KEP number, whatever form it was written in. */
export function kepTerm(n: string): string {
  return `kep${Number(n)}`;
}

/** Version numbers meet at `major.minor`; a patch level is kept as a second, more specific term. */
export function versionTerms(token: string): string[] | undefined {
  const m = VERSION.exec(token);
  if (!m) return undefined;
  const majorMinor = `${Number(m[1])}.${Number(m[2])}`;
  return m[3] === undefined ? [majorMinor] : [majorMinor, `${majorMinor}.${Number(m[3])}`];
}

/**
 * Pushes the terms of one folded token onto `out`. Returns true when the token is a plain word (letters and digits
 * only, starting with a letter), which is what may pair with its neighbour into a joined term (see analyser).
 */
export function latinTerms(token: string, out: string[]): boolean {
  if (token.length > MAX_TOKEN) {
    for (const part of token.split(/[-_/+#'.]+/)) if (part && part.length <= MAX_PART) out.push(part);
    return false;
  }
  if (isPlainAscii(token) || /^[\p{L}\p{N}\p{M}]+$/u.test(token)) {
    const kep = token.startsWith('kep') ? /^kep(\d{1,5})$/.exec(token) : null;
    out.push(kep ? kepTerm(kep[1]) : token);
    const c = token.charCodeAt(0);
    return c >= 97 && c <= 122 ? true : c < 128 ? false : /^\p{L}/u.test(token);
  }
  const version = versionTerms(token);
  if (version) {
    out.push(...version);
    return false;
  }
  for (const form of KEP_FORMS) {
    const m = form.exec(token);
    if (m) {
      out.push(kepTerm(m[1]));
      if (form === KEP_FORMS[0]) return false;
      break;
    }
  }
  // Dotted names (registry.k8s.io, memory.high) are looked up whole; a path keeps its host whole.
  const host = token.split('/')[0];
  if (host.includes('.') && /\p{L}/u.test(host)) out.push(host.replace(/^\.+|\.+$/g, ''));
  if (token.includes('_') && !token.includes('/')) out.push(token);
  const pieces = token.split(SEPARATORS).filter(Boolean);
  // Hyphenated names meet their run-together spelling: CRI-O = crio, dual-stack = dualstack.
  if (pieces.length > 1 && pieces.length <= 4 && token.includes('-') && pieces.every((p) => !p.includes('.'))) {
    out.push(pieces.join(''));
  }
  for (const piece of pieces) {
    const v = versionTerms(piece);
    if (v) {
      out.push(...v);
      continue;
    }
    const parts = piece.includes('.') ? piece.split('.') : [piece];
    for (const part of parts) {
      if (!part || part.length > MAX_PART) continue;
      // Single letters left over from splitting (the "o" of CRI-O) only add noise.
      if (part.length === 1 && !/\d/.test(part)) continue;
      out.push(part);
    }
  }
  return false;
}
