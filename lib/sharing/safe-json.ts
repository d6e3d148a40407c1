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
 * "at line 4, column 3: Unexpected token" for any engine: V8 gives a position for some errors only, and
 * quotes part of the file in others (not repeated here). The place is found by scanning the text again.
 */
function syntaxWhere(text: string, error: Error): string {
  const reason = error.message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '');
  const offset = firstErrorOffset(text);
  if (offset < 0) return reason;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `at line ${line}, column ${column}: ${reason}`;
}

/** Where a JSON text first stops being JSON (its length if it ends too soon); -1 if it cannot tell. */
function firstErrorOffset(text: string): number {
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const char = text[i] as string;
      if (char === '"') {
        i++;
        return;
      }
      if (char < ' ') stop();
      i += char === '\\' ? 2 : 1;
    }
    stop();
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[i] !== '"') stop();
          string();
          space();
          if (text[i] !== ':') stop();
          i++;
        }
        value();
        space();
        if (text[i] === close) {
          i++;
          return;
        }
        if (text[i] !== ',') stop();
        i++;
      }
    }
    if (char === '"') {
      string();
      return;
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) stop();
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (thrown) {
    // A number is where it stopped; anything else (a stack too deep for this scan) says nothing.
    return typeof thrown === 'number' ? thrown : -1;
  }
}
