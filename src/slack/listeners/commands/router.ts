/**
 * Which verb a `/k8sblog …` text selects. The rule (docs/slack-commands.md):
 *
 * 1. Empty text is help.
 * 2. A first word that names a verb selects it. When the verb takes the words after it, it runs.
 * 3. When it cannot take them:
 *    - one word (or none) is a mistyped argument (`subscribe monthly`, `latest abc`, `status extra`): the answer is
 *      that verb's usage error, with a button that searches the whole text instead;
 *    - two or more words are plausibly a search (`latest kubernetes features`, `new scheduler plugins`): the whole
 *      text is searched, and the verb's usage error is the answer only when nothing matches.
 * 4. Anything else is searched; `search …` always searches.
 */
import type { ArgumentProblem, CommandVerb } from '../../types.js';

export type Route =
  | { kind: 'run'; verb: CommandVerb; rest: string }
  | {
      kind: 'misuse';
      verb: CommandVerb;
      /** The words after the verb word. */
      rest: string;
      problem: ArgumentProblem;
      /** The whole text as typed (trimmed), for the search. */
      text: string;
      /** Several words: search the text first, and answer with the usage error only when nothing matches. */
      searchFirst: boolean;
    };

export function routeCommand(text: string, verbs: CommandVerb[], search: CommandVerb, help: CommandVerb): Route {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'run', verb: help, rest: '' };
  const [first] = trimmed.split(/\s+/u, 1);
  const rest = trimmed.slice(first.length).trim();
  const word = first.toLowerCase();
  const verb = verbs.find((v) => v.name === word || v.aliases?.includes(word));
  if (!verb) return { kind: 'run', verb: search, rest: trimmed };
  const problem = verb.check?.(rest);
  if (!problem) return { kind: 'run', verb, rest };
  return { kind: 'misuse', verb, rest, problem, text: trimmed, searchFirst: wordsOf(rest) > 1 };
}

function wordsOf(text: string): number {
  return text ? text.split(/\s+/u).length : 0;
}
