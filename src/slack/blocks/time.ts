/**
 * A moment in a Slack message: `<!date^…>` makes each reader's Slack client show it in their own time zone and
 * locale; clients that cannot (notifications, old clients) show the fallback, which names the zone it is told in.
 */
import { formatZoned } from '../../zoned-time.js';
import { escapeText } from '../mrkdwn.js';

/** Slack's tokens: "Today", "Tomorrow" or "Dec 7, 2026", then the time as the reader's settings show times. */
export const DATE_FORMAT = '{date_short_pretty} {time}';

export function slackTime(date: Date, fallbackZone: string): string {
  const seconds = Math.floor(date.getTime() / 1000);
  // `|` ends the fallback's lead-in and `>` the token, so neither may stand in the fallback.
  const fallback = escapeText(formatZoned(date, fallbackZone)).replace(/\|/g, '｜');
  return `<!date^${seconds}^${DATE_FORMAT}|${fallback}>`;
}
