/** Types of slack-date.js, a module the page loads as it is (no build step) and the tests import. */
export interface DateOptions {
  locale?: string;
  /** Undefined: the reader's own zone, as in Slack. */
  timeZone?: string;
  now?: Date;
}

export function formatSlackDate(seconds: number, format: string, options?: DateOptions): string | undefined;
