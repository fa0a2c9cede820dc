/**
 * Hugo's `urlize`, as the Kubernetes site configures it: the path segment Hugo builds from a slug or, when a post has
 * no `slug:`, from its title (the blog's permalink pattern is `/:section/:year/:month/:day/:slug/`, and `:slug` falls
 * back to the title). Sources, in gohugoio/hugo: common/paths/path.go (`Sanitize`), helpers/path.go
 * (`MakePathSanitized`), helpers/url.go (`URLize`), resources/page/permalinks.go (`pageToPermalinkSlugElseTitle`).
 *
 * Kept: letters, digits and combining marks of any script, `. / \ _ # + ~`, and `%` when two hex digits follow.
 * A run of spaces or hyphens becomes one `-` (none at either end); everything else is dropped. The result is
 * lower-cased because kubernetes/website does not set `disablePathToLower`. Hugo then percent-encodes the result for
 * the link; we keep it decoded, as every URL in the archive is stored.
 */
export function hugoUrlize(text: string): string {
  return sanitizePath(text).toLowerCase();
}

/** Hugo's `Sanitize` without the lower-casing. */
export function sanitizePath(text: string): string {
  const chars = [...text];
  let out = '';
  let pendingHyphen = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (isAllowed(chars, i)) {
      if (pendingHyphen) out += '-';
      pendingHyphen = false;
      out += ch;
    } else if (out && (ch === '-' || /\s/u.test(ch))) {
      pendingHyphen = true;
    }
  }
  return out;
}

function isAllowed(chars: string[], i: number): boolean {
  const ch = chars[i];
  if (/[\p{L}\p{Nd}\p{M}]/u.test(ch)) return true;
  if ('./\\_#+~'.includes(ch)) return true;
  return ch === '%' && /^[0-9a-f]{2}$/i.test((chars[i + 1] ?? '') + (chars[i + 2] ?? ''));
}
