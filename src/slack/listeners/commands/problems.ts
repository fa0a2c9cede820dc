/** The argument problems several verbs share, worded the same way in every answer. */
import { followQueryProblem, MAX_FOLLOW_QUERY_LENGTH } from '../../../follow/service.js';
import { truncate } from '../../mrkdwn.js';
import type { ArgumentProblem } from '../../types.js';

/** What the person typed, quoted and short enough for one line (the answer escapes it). */
export function quoted(text: string): string {
  return `“${truncate(text, 40)}”`;
}

/** For verbs that take nothing after them: `status extra` → "status takes no arguments (got “extra”)". */
export function noArguments(verb: string): (rest: string) => ArgumentProblem | undefined {
  return (rest) => (rest ? { key: 'problem.noArguments', values: { verb, got: quoted(rest) } } : undefined);
}

const FOLLOW_PROBLEMS = {
  empty: 'problem.followEmpty',
  'nothing-to-search': 'problem.followNothing',
  'too-long': 'problem.followTooLong',
} as const;

/** A query that cannot be followed (or filter a digest), in the catalogue's words. */
export function followProblem(query: string): ArgumentProblem | undefined {
  const problem = followQueryProblem(query);
  return problem && { key: FOLLOW_PROBLEMS[problem], values: { max: MAX_FOLLOW_QUERY_LENGTH } };
}
