import { RE2JS } from 're2js';

/**
 * User regexes over page text run on RE2JS, a linear-time engine (no backtracking, so no `(a+)+$` blow-up),
 * over at most this many characters: its worst case measured up to ~2 µs per character on a cold, loaded
 * machine, so 20,000 stays under 50 ms (design rule 9; scripts/bench-regex.ts prints the slowest case).
 */
export const MAX_REGEX_INPUT = 20_000;

const compiled = new Map<string, RE2JS | Error>();

function compile(pattern: string): RE2JS {
  let entry = compiled.get(pattern);
  if (!entry) {
    try {
      entry = RE2JS.compile(pattern);
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error));
    }
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

/** Why a pattern cannot be used (not RE2 syntax: lookaround and backreferences need backtracking), or undefined. */
export function regexProblem(pattern: string): string | undefined {
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    return `Not a valid regular expression (lookaround and backreferences are not supported, so matching stays fast): ${(error as Error).message}`;
  }
}

export interface BoundedMatch {
  /** The whole match, the numbered groups (undefined when a group did not take part) and the named ones. */
  match?: { text: string; groups: (string | undefined)[]; named: Record<string, string> };
  /** The text was longer than MAX_REGEX_INPUT and only its start was searched. */
  cut: boolean;
}

/** The first match of `pattern` in the first MAX_REGEX_INPUT characters of `text`. Throws on an invalid pattern. */
export function boundedExec(pattern: string, text: string): BoundedMatch {
  const cut = text.length > MAX_REGEX_INPUT;
  const matcher = compile(pattern).matcher(cut ? text.slice(0, MAX_REGEX_INPUT) : text);
  if (!matcher.find()) return { cut };
  const groups: (string | undefined)[] = [];
  for (let index = 1; index <= matcher.groupCount(); index++) groups.push(matcher.group(index) ?? undefined);
  const named: Record<string, string> = {};
  for (const [name, index] of Object.entries(matcher.namedGroups as Record<string, number>)) {
    const value = groups[index - 1];
    if (value !== undefined) named[name] = value;
  }
  return { match: { text: matcher.group(0) ?? '', groups, named }, cut };
}

/** Whether `text` matches `pattern` whole (a question's answer); false for text over the cap. */
export function boundedWhole(pattern: string, text: string): boolean {
  return text.length <= MAX_REGEX_INPUT && compile(pattern).matcher(text).matches();
}

/** The note shown when a rule or variable searched only the start of a long value. */
export const cutNote = (what: string) =>
  `${what} matched the first ${MAX_REGEX_INPUT.toLocaleString('en-US')} characters only`;
