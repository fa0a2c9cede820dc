/** Which verb a `/k8sblog …` text selects: a table lookup on the first word; anything else is a search. */
import type { CommandVerb } from '../../types.js';

export interface Route {
  verb: CommandVerb;
  rest: string;
}

export function routeCommand(text: string, verbs: CommandVerb[], search: CommandVerb, help: CommandVerb): Route {
  const trimmed = text.trim();
  if (!trimmed) return { verb: help, rest: '' };
  const [first] = trimmed.split(/\s+/u, 1);
  const rest = trimmed.slice(first.length).trim();
  const word = first.toLowerCase();
  const verb = verbs.find((v) => v.name === word || v.aliases?.includes(word));
  if (verb && (verb.accepts?.(rest) ?? true)) return { verb, rest };
  return { verb: search, rest: trimmed };
}
