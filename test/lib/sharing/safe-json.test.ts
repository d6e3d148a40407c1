import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseUntrustedJson } from '@/lib/sharing/safe-json';

const problemOf = (text: string) => {
  const result = parseUntrustedJson(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return result.problem;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseUntrustedJson: where and why a text is not JSON', () => {
  it.each([
    ['a trailing comma in an object', '{\n  "a": 1,\n}', 'at line 3, column 1: Property name expected'],
    ['a trailing comma in an array', '[\n  1,\n  ]', 'at line 3, column 3: Value expected'],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 'at line 3, column 3: Comma expected'],
    ['a bare word', '{\n  "enabled": tru\n}', 'at line 2, column 14: Invalid symbol'],
    ['a truncated file', '{\n  "a": [', 'at line 2, column 9: Close bracket expected'],
    ['an empty text', '', 'at line 1, column 1: Value expected'],
    ['text after the value', '{"a": 1}\n\n  }', 'at line 3, column 3: End of file expected'],
    ['a comment (JSON has none)', '{\n  // note\n  "a": 1\n}', 'at line 2, column 3: Invalid comment token'],
    ['a non-breaking space between tokens', '{\u00a0"a": 1}', 'at line 1, column 2: Invalid symbol'],
    ['a single-quoted string', "{'a': 1}", 'at line 1, column 2: Invalid symbol'],
    [
      'a control character inside a string (the string is pointed at)',
      '{"a": "x\ty"}',
      'at line 1, column 7: Invalid character',
    ],
    ['CRLF line ends', '{\r\n  "a": 1,\r\n}', 'at line 3, column 1: Property name expected'],
  ])('%s', (_name, text, where) => {
    expect(problemOf(text)).toEqual({ path: '$', message: `Not valid JSON: ${where}` });
  });

  it('JSON.parse stays the judge: what it accepts is accepted, as it parses it', () => {
    const text = '{"a": [1, 2.5e3, "x\\u00e9", null, true], "b": {"c": ""}}';
    expect(parseUntrustedJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('the engine decides what is JSON even where the locating parser would not object', () => {
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError('Unexpected token \'x\', "{"secret": "x..." is not valid JSON');
    });
    // The locating parser finds nothing wrong here, so the engine's reason is given, without its quote of the file.
    expect(problemOf('{"secret": "x"}')).toEqual({ path: '$', message: "Not valid JSON: Unexpected token 'x'" });
  });

  it.each([
    ['V8, with a position', 'Expected double-quoted property name in JSON at position 41 (line 3 column 1)'],
    ['Firefox', 'JSON.parse: expected double-quoted property name at line 3 column 1 of the JSON data'],
  ])('without a position of its own, the engine reason is given bare (%s)', (_engine, message) => {
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError(message);
    });
    expect(problemOf('{}').message).toMatch(/^Not valid JSON: [Ee]xpected double-quoted property name$/);
  });

  it('5 MB of opening brackets that break at the end is refused without a crash, with the reason only', () => {
    const text = `${'['.repeat(5 * 1024 * 1024 - 1)}x`;
    const problem = problemOf(text);
    expect(problem.path).toBe('$');
    expect(problem.message).toMatch(/^Not valid JSON: /);
    expect(problem.message).not.toMatch(/line \d+, column/);
    // The file is not quoted back.
    expect(problem.message.length).toBeLessThan(200);
  });

  it('an error found before the depth overflows the locating parser is still reported where it is', () => {
    const text = `{"a" 1, "b": ${'['.repeat(1_000_000)}`;
    expect(problemOf(text).message).toBe('Not valid JSON: at line 1, column 6: Colon expected');
  });
});

describe('parseUntrustedJson: keys and depth', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('the key "%s" is refused where it is', (key) => {
    expect(problemOf(`{"a": [{"${key}": {}}]}`)).toEqual({
      path: `$.a[0].${key}`,
      message: `The key "${key}" is refused`,
    });
  });

  it('nesting of 40 levels is read; 41 is refused', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;
    expect(parseUntrustedJson(nested(41)).ok).toBe(true);
    expect(problemOf(nested(42))).toEqual({ path: `$${'[0]'.repeat(41)}`, message: 'Nested deeper than 40 levels' });
  });
});
