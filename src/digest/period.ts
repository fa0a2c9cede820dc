import type { Cadence } from '../store/types.js';

/** The calendar date of an instant in a time zone. */
function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * The period a digest run belongs to, in DIGEST_TZ: `2026-W32` (ISO week) for weekly subscriptions and
 * `2026-08-03` for daily ones. One channel gets at most one digest per period, whatever the cron or a restart does.
 */
export function periodFor(cadence: Cadence, at: Date, timeZone: string): string {
  const { year, month, day } = localDate(at, timeZone);
  if (cadence === 'daily') return `${year}-${pad(month)}-${pad(day)}`;
  const { isoYear, week } = isoWeek(year, month, day);
  return `${isoYear}-W${pad(week)}`;
}

/** ISO 8601 week: weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeek(year: number, month: number, day: number): { isoYear: number; week: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { isoYear, week };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
