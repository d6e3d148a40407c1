import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FORMAT } from '@/lib/sharing/config-file';
import { MAX_CONFIG_BYTES, readConfig } from '@/lib/sharing/read-config';
import {
  closeOpenedDatabases,
  configText,
  fileAction,
  importText,
  NOW,
  nested,
  SITE,
  seededDb,
  snapshot,
} from '../../support/config-builders';

afterEach(closeOpenedDatabases);

describe('a malformed, huge, polluted, future or wrong file is refused with where and why, and nothing changes', () => {
  const cases: [name: string, text: string, path: string | RegExp, message: RegExp][] = [
    [
      'a trailing comma in an object',
      '{\n  "format": "incident-actions/config",\n}',
      '$',
      /Not valid JSON.*line 3, column 1/,
    ],
    [
      'a missing comma between two fields',
      '{\n  "format": "incident-actions/config"\n  "version": 2\n}',
      '$',
      /Not valid JSON.*line 3, column 3/,
    ],
    ['a truncated file', '{\n  "format": "incident-actions/config",\n  "actions": [', '$', /Not valid JSON.*line 3/],
    ['a trailing comma in an array', '{\n  "actions": [\n    {},\n  ]\n}', '$', /Not valid JSON.*line 4, column 3/],
    ['a bare word', '{\n  "enabled": tru\n}', '$', /Not valid JSON.*line 2, column/],
    ['an array', '[]', '$', /JSON object with "format", "version" and "actions"/],
    ['null', 'null', '$', /JSON object/],
    ['a string', '"incident-actions/config"', '$', /JSON object/],
    ['another format', configText({ format: 'other-tool/config' }), '$.format', /Not an Incident Actions config/],
    [
      'version 3',
      configText({ version: 3 }),
      '$.version',
      /version 3, written by a newer Incident Actions.*up to version 2.*Update the extension/,
    ],
    ['version 0', configText({ version: 0 }), '$.version', /missing or not a whole number/],
    ['version "2"', configText({ version: '2' }), '$.version', /missing or not a whole number/],
    ['version 1.5', configText({ version: 1.5 }), '$.version', /missing or not a whole number/],
    ['no version', JSON.stringify({ format: CONFIG_FORMAT, actions: [] }), '$.version', /missing/],
    // zod's own message: the path is what says the actions are missing.
    ['no actions', JSON.stringify({ format: CONFIG_FORMAT, version: 2 }), '$.actions', /^Invalid input$/],
    ['an unknown top-level field', configText({ extra: 1 }), /^\$(\.extra)?$/, /Unknown field "extra"/],
    [
      'an unknown field in an action',
      configText({ actions: [fileAction({ colour: 'red' })] }),
      '$.actions[0].colour',
      /colour/,
    ],
    [
      'a bad URL',
      configText({ actions: [fileAction(), fileAction({ id: 'second', url: 'ftp://files.example.com/x' })] }),
      '$.actions[1].url',
      /http/,
    ],
    [
      'a URL with a placeholder in its host',
      configText({
        actions: [fileAction(), fileAction({ id: 'second', url: 'https://{{ incident.id }}.example.com/' })],
      }),
      '$.actions[1].url',
      /host/,
    ],
    [
      'a duplicate action id',
      configText({ actions: [fileAction(), fileAction({ label: 'Deploy again' })] }),
      '$.actions[1].id',
      /Used twice/,
    ],
    [
      'a managed-looking id',
      configText({ actions: [fileAction({ id: 'sub-0a1b2c3d:deploy' })] }),
      '$.actions[0].id',
      /letters, digits/,
    ],
    [
      'a bad constant name',
      configText({ constants: [{ name: 'Env', value: 'x' }] }),
      '$.constants[0].name',
      /lower-case/,
    ],
    [
      'a duplicate constant',
      configText({
        constants: [
          { name: 'env', value: 'a' },
          { name: 'env', value: 'b' },
        ],
      }),
      '$.constants[1].name',
      /own name/,
    ],
    [
      'a site matching every host',
      configText({ sites: [{ ...SITE, urlPattern: '<all_urls>' }] }),
      '$.sites[0].urlPattern',
      /one host/,
    ],
    [
      'a GET with a body',
      configText({ actions: [fileAction({ method: 'GET', body: '{"a":1}' })] }),
      '$.actions[0].body',
      /no body/,
    ],
    [
      'a secret used in a label',
      configText({ actions: [fileAction({ label: 'Key {{ secrets.api_token }}' })] }),
      '$.actions[0].label',
      /only in the URL, the headers and the body/,
    ],
    [
      '__proto__ at the top level',
      '{"__proto__": {"polluted": true}, "version": 2}',
      '$.__proto__',
      /"__proto__" is refused/,
    ],
    [
      '__proto__ in a header',
      configText({ actions: [fileAction({ headers: [{ name: 'X-A', value: 'b' }] })] }).replace(
        '"value":"b"',
        '"value":"b","__proto__":{"secret":true}',
      ),
      '$.actions[0].headers[0].__proto__',
      /"__proto__" is refused/,
    ],
    [
      'constructor in an action',
      configText({ actions: [fileAction({ constructor: { prototype: { polluted: true } } })] }),
      '$.actions[0].constructor',
      /"constructor" is refused/,
    ],
    [
      'prototype in a constant',
      configText({ constants: [{ name: 'env', value: 'x', prototype: {} }] }),
      '$.constants[0].prototype',
      /"prototype" is refused/,
    ],
    [
      'nesting deeper than 40 levels',
      configText({ deep: nested(60) }),
      /^\$\.deep(\[0\]){40}$/,
      /Nested deeper than 40 levels/,
    ],
  ];

  it.each(cases)('%s', async (_name, text, path, message) => {
    const db = await seededDb();
    const before = await snapshot(db);
    const result = await importText(db, text);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.length).toBeGreaterThan(0);
    const found = problems.find((problem) =>
      typeof path === 'string' ? problem.path === path : path.test(problem.path),
    );
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found?.message).toMatch(message);
    expect(await snapshot(db)).toStrictEqual(before);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('a secret header carrying its value is refused, and the value is not repeated in the message', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const text = configText({
      actions: [fileAction({ headers: [{ name: 'X-Api-Key', value: 'sk_live_leaked_value', secret: true }] })],
    });
    const result = await importText(db, text);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({
      path: '$.actions[0].headers[0].value',
      message: expect.stringContaining('"placeholder"'),
    });
    expect(JSON.stringify(problems)).not.toContain('sk_live_leaked_value');
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('a secret header with both a value and a placeholder is refused', () => {
    const text = configText({
      actions: [
        fileAction({ headers: [{ name: 'X-Api-Key', value: 'sk_live_x', secret: true, placeholder: 'x_api_key' }] }),
      ],
    });
    const result = readConfig(text, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => problem.path)).toContain('$.actions[0].headers[0]');
  });

  it('nesting of exactly 40 levels is not refused as too deep (the file fails on its unknown field instead); 41 is', () => {
    // $.deep is level 1: 40 arrays from there put the innermost one at level 40.
    const at40 = readConfig(configText({ deep: nested(40) }), NOW);
    expect(at40).toEqual({ ok: false, problems: [{ path: '$.deep', message: 'Unknown field "deep"' }] });
    const at41 = readConfig(configText({ deep: nested(41) }), NOW);
    expect(!at41.ok && at41.problems[0]?.message).toBe('Nested deeper than 40 levels');
  });

  it('a file over MAX_CONFIG_BYTES is refused by its size before anything parses it', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const parse = vi.spyOn(JSON, 'parse');
    // Not JSON either: were it parsed, the message would be about the syntax.
    const text = `{${'x'.repeat(MAX_CONFIG_BYTES)}`;
    const result = readConfig(text, NOW);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(result).toEqual({
      ok: false,
      problems: [{ path: '$', message: expect.stringMatching(/^The file is 5\.0 MB; a config may be at most 5 MB$/) }],
    });
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('the size counts UTF-8 bytes, not characters', () => {
    const text = configText({ actions: [fileAction({ label: 'é'.repeat(10) })] });
    const padded = `${text}${' '.repeat(MAX_CONFIG_BYTES - new TextEncoder().encode(text).length)}`;
    expect(new TextEncoder().encode(padded).length).toBe(MAX_CONFIG_BYTES);
    expect(readConfig(padded, NOW).ok).toBe(true);
    // Fewer characters than the limit, more bytes: one space swapped for a two-byte letter.
    const over = `${padded.slice(0, -1)}é`;
    expect(over.length).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
    const result = readConfig(over, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/at most 5 MB/);
  });
});
