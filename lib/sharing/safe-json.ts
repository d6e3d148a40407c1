import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import type { ConfigProblem } from './json-path';
import { jsonPath } from './json-path';

/** The keys that could reach an object's prototype if the parsed tree were ever merged or spread. */
const REFUSED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 40;

/**
 * Parses JSON that a stranger may have written. `JSON.parse` itself never pollutes (it defines own
 * properties), but what it returns is merged, spread and diffed later, so the keys that could reach a
 * prototype are refused here, with where they are, and so is nesting deeper than any config needs.
 */
export function parseUntrustedJson(text: string): { ok: true; value: unknown } | { ok: false; problem: ConfigProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { path: '$', message: `Not valid JSON: ${syntaxWhere(text, error as Error)}` } };
  }
  // Iterative, so a hostile depth cannot overflow the stack.
  const stack: [unknown, PropertyKey[]][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, PropertyKey[]];
    if (node === null || typeof node !== 'object') continue;
    if (path.length > MAX_DEPTH)
      return { ok: false, problem: { path: jsonPath(path), message: `Nested deeper than ${MAX_DEPTH} levels` } };
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) stack.push([item, [...path, index]]);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (REFUSED_KEYS.has(key))
        return { ok: false, problem: { path: jsonPath([...path, key]), message: `The key "${key}" is refused` } };
      stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return { ok: true, value };
}

/**
 * "at line 4, column 3: Value expected", the same for every engine: V8 gives a position for some errors
 * only, and Firefox words its own. `JSON.parse` decided that the text is not JSON; jsonc-parser, held to
 * strict JSON, says where and what, from one reading, so the place and the reason agree.
 */
function syntaxWhere(text: string, error: Error): string {
  let first: { code: ParseErrorCode; line: number; column: number } | undefined;
  try {
    visit(
      text,
      {
        onError: (code, _offset, _length, line, column) => {
          first ??= { code, line: line + 1, column: column + 1 };
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    // jsonc-parser recurses: a hostile depth overflows its stack (RangeError in Chrome, InternalError in
    // Firefox). An error found before that is still the first; without one, say why without where.
  }
  if (!first) return engineReason(error);
  return `at line ${first.line}, column ${first.column}: ${words(printParseErrorCode(first.code))}`;
}

/** "PropertyNameExpected" as "Property name expected". */
function words(code: string): string {
  const spaced = code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The engine's own message, without the part of the file V8 quotes or the position it sometimes adds. */
function engineReason(error: Error): string {
  return error.message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '');
}
