/**
 * A moment as plain text for people, with the zone it is told in: `2026-12-07 09:00 (Asia/Shanghai)`. Plain-text
 * outputs (the CLI, the playground's console banner, the fallback of Slack's `<!date>`) use it, so no time is shown
 * without saying whose clock it is.
 */
export function formatZoned(date: Date, timeZone: string): string {
  const wall = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${wall} (${timeZone})`;
}
