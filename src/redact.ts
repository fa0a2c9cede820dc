/**
 * URLs as they may be shown to people (logs, `/k8sblog status`, configuration errors): user info and the values of
 * credential-like query or fragment parameters are replaced, everything else is kept so the URL stays recognisable.
 */
const HIDDEN = '[redacted]';

/**
 * Parameter names that carry credentials: token, access_token, key, api_key, apikey, secret, password, signature,
 * sig, auth, credential, session… matched as parts of the name, in any case (X-Amz-Signature, client_secret).
 */
const CREDENTIAL_NAME = /token|key|secret|pass|pwd|sig|auth|credential|session|jwt|bearer|cookie/i;

/**
 * A parameter in a query or fragment: `?`, `&`, `;` or `#`, a name, `=`, and a value that ends where the URL does.
 * The value also stops at quotes, `<`, `>`, `|` and backslashes so that a URL inside a JSON log line or a Slack
 * `<url|label>` link loses its secret and nothing after it.
 */
const PARAM = /([?&;#])([^=&#?;\s"'<>|\\]+)=([^&#;\s"'<>|\\]*)/g;

/** A URL's user info (`scheme://user:password@`), up to the last `@` of the authority. */
const USER_INFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s"'<>|\\]*@/gi;

/** One URL as it may be shown. A value that is not a URL still loses anything before an `@` that could be user info. */
export function redactUrl(url: string): string {
  const withoutUser = url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i,
    (_m, scheme?: string) => `${scheme ?? ''}${HIDDEN}@`,
  );
  return redactParams(withoutUser);
}

/** Every URL inside a piece of text (a log line, an error message) as it may be shown. */
export function redactUrlsIn(text: string): string {
  return redactParams(text.replace(USER_INFO_IN_TEXT, `$1${HIDDEN}@`));
}

function redactParams(text: string): string {
  return text.replace(PARAM, (whole, sep: string, name: string, value: string) =>
    value && CREDENTIAL_NAME.test(decodeName(name)) ? `${sep}${name}=${HIDDEN}` : whole,
  );
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
