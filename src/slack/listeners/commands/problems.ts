/** The argument problems several verbs share, worded the same way in every answer. */
import { truncate } from '../../mrkdwn.js';
import type { ArgumentProblem } from '../../types.js';

/** What the person typed, quoted and short enough for one line (the answer escapes it). */
export function quoted(text: string): string {
  return `“${truncate(text, 40)}”`;
}

/** For verbs that take nothing after them: `status extra` → "status takes no arguments (got “extra”)". */
export function noArguments(verb: string): (rest: string) => ArgumentProblem | undefined {
  return (rest) =>
    rest
      ? {
          zh: `${verb} 后面不接任何参数（多了 ${quoted(rest)}）`,
          en: `${verb} takes no arguments (got ${quoted(rest)})`,
        }
      : undefined;
}
