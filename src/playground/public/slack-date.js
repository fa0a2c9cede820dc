// @ts-check
/**
 * Slack's `<!date^seconds^format|fallback>` tokens, told the way a Slack client tells them: in the reader's time zone
 * and language. The server renders a token as `<time datetime=… data-format=…>fallback</time>`; the page fills in the
 * local text with this module (and the tests call it with a fixed zone, language and clock).
 * Tokens: https://docs.slack.dev/messaging/formatting-message-text#date-formatting
 */

/**
 * @typedef {{ locale?: string, timeZone?: string, now?: Date }} DateOptions
 * `timeZone` undefined: the reader's own (the browser's), as in Slack.
 */

/**
 * The text of one token string, e.g. `{date_short_pretty} {time}` → `Tomorrow 09:00`; undefined when it names a token
 * Slack does not know (Slack then shows the fallback, and so does the page).
 * @param {number} seconds Unix time
 * @param {string} format
 * @param {DateOptions} [options]
 * @returns {string | undefined}
 */
export function formatSlackDate(seconds, format, options = {}) {
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  const { locale, timeZone } = options;
  const now = options.now ?? new Date();
  /** @param {Intl.DateTimeFormatOptions} o */
  const fmt = (o) => new Intl.DateTimeFormat(locale, { timeZone, ...o }).format(date);
  const relativeDay = () => {
    const days = dayNumber(date, timeZone) - dayNumber(now, timeZone);
    return Math.abs(days) <= 1 ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day') : '';
  };
  const long = () => fmt({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  const sameYear = () => calendar(date, timeZone).year === calendar(now, timeZone).year;

  /** @type {Record<string, () => string>} */
  const tokens = {
    date_num: () => {
      const { year, month, day } = calendar(date, timeZone);
      return `${year}-${pad(month)}-${pad(day)}`;
    },
    date_slash: () => {
      const { year, month, day } = calendar(date, timeZone);
      return `${pad(day)}/${pad(month)}/${year}`;
    },
    date: () => fmt({ year: 'numeric', month: 'long', day: 'numeric' }),
    date_short: () => fmt({ year: 'numeric', month: 'short', day: 'numeric' }),
    date_long: long,
    date_long_full: () => fmt({ year: 'numeric', month: 'long', day: 'numeric' }),
    date_pretty: () => relativeDay() || tokens.date(),
    date_short_pretty: () => relativeDay() || tokens.date_short(),
    date_long_pretty: () => relativeDay() || long(),
    day_divider_pretty: () =>
      relativeDay() || (sameYear() ? fmt({ weekday: 'long', month: 'long', day: 'numeric' }) : long()),
    time: () => fmt({ hour: 'numeric', minute: '2-digit' }),
    time_secs: () => fmt({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago: () => ago(date, now, locale),
  };

  let unknown = false;
  const text = format.replace(/\{([a-z_]+)\}/g, (whole, name) => {
    const token = tokens[name];
    if (!token) unknown = true;
    return token ? token() : whole;
  });
  // Slack capitalises the first letter ("Tomorrow 09:00").
  return unknown ? undefined : text.charAt(0).toUpperCase() + text.slice(1);
}

/** @param {number} n */
function pad(n) {
  return String(n).padStart(2, '0');
}

/** @param {Date} date @param {string | undefined} timeZone */
function calendar(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(date)
    .reduce(
      (acc, p) => {
        acc[p.type] = p.value;
        return acc;
      },
      /** @type {Record<string, string>} */ ({}),
    );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * Days since 1970-01-01 of the calendar day `date` falls on in `timeZone`.
 * @param {Date} date @param {string | undefined} timeZone
 */
function dayNumber(date, timeZone) {
  const { year, month, day } = calendar(date, timeZone);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * "3 minutes ago", "in 2 days": the largest unit that fits.
 * @param {Date} date @param {Date} now @param {string | undefined} locale
 */
function ago(date, now, locale) {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  /** @type {Array<[Intl.RelativeTimeFormatUnit, number]>} */
  const units = [
    ['year', 365 * 86_400],
    ['month', 30 * 86_400],
    ['week', 7 * 86_400],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(seconds, 'second');
}
