import { describe, expect, it } from 'vitest';
import { fieldChanges } from '@/lib/sharing/field-changes';

describe('fieldChanges', () => {
  it('finds nothing between equal values, however deep', () => {
    const value = { url: 'https://x', headers: [{ name: 'A', value: '1' }], retry: { max: 3 } };
    expect(fieldChanges(value, structuredClone(value))).toEqual([]);
    expect(fieldChanges(value, value)).toEqual([]);
    expect(fieldChanges({ n: Number.NaN }, { n: Number.NaN })).toEqual([]);
  });

  it('names each differing leaf by its path, strings as they are and other values as JSON', () => {
    const before = {
      url: 'https://x',
      enabled: true,
      headers: [
        { name: 'A', value: '1' },
        { name: 'B', value: 2 },
      ],
    };
    const after = {
      url: 'https://y',
      enabled: false,
      headers: [
        { name: 'A', value: '1' },
        { name: 'B', value: 3 },
      ],
    };
    expect(fieldChanges(before, after)).toEqual([
      { path: '.url', before: 'https://x', after: 'https://y' },
      { path: '.enabled', before: 'true', after: 'false' },
      { path: '.headers[1].value', before: '2', after: '3' },
    ]);
  });

  it('shows a key on one side only as one row at that key, with the whole value and (none)', () => {
    expect(fieldChanges({ a: 1, gone: { deep: [1, 2] } }, { a: 1, added: { x: 'y' } })).toEqual([
      { path: '.gone', before: '{"deep":[1,2]}', after: '(none)' },
      { path: '.added', before: '(none)', after: '{"x":"y"}' },
    ]);
  });

  it('keeps the order of the keys before, then the keys only after, with nested rows in place', () => {
    const rows = fieldChanges({ b: 1, a: { y: 1, x: 1 }, c: 1 }, { new: 1, c: 2, a: { x: 2, y: 2 }, b: 2 });
    expect(rows.map((row) => row.path)).toEqual(['.b', '.a.y', '.a.x', '.c', '.new']);
  });

  it('compares arrays position by position; the longer side gives whole rows at the extra positions', () => {
    expect(fieldChanges({ list: ['a', 'b'] }, { list: ['b', 'a', { c: 1 }] })).toEqual([
      { path: '.list[0]', before: 'a', after: 'b' },
      { path: '.list[1]', before: 'b', after: 'a' },
      { path: '.list[2]', before: '(none)', after: '{"c":1}' },
    ]);
    expect(fieldChanges([1, 2, 3], [1])).toEqual([
      { path: '[1]', before: '2', after: '(none)' },
      { path: '[2]', before: '3', after: '(none)' },
    ]);
  });

  it('a change of kind (object, array, null, text) is one row with both whole values', () => {
    expect(fieldChanges({ v: { a: 1 } }, { v: [1] })).toEqual([{ path: '.v', before: '{"a":1}', after: '[1]' }]);
    expect(fieldChanges({ v: null }, { v: { a: 1 } })).toEqual([{ path: '.v', before: 'null', after: '{"a":1}' }]);
    expect(fieldChanges({ v: ['x'] }, { v: 'x' })).toEqual([{ path: '.v', before: '["x"]', after: 'x' }]);
  });

  it('an optional field left undefined on one side and absent on the other is no change; undefined to null is', () => {
    expect(fieldChanges({ a: 1, timeout: undefined }, { a: 1 })).toEqual([]);
    expect(fieldChanges({ a: 1 }, { a: 1, timeout: undefined })).toEqual([]);
    expect(fieldChanges({ timeout: undefined }, { timeout: null })).toEqual([
      { path: '.timeout', before: '(none)', after: 'null' },
    ]);
    expect(fieldChanges({ timeout: 5 }, { timeout: undefined })).toEqual([
      { path: '.timeout', before: '5', after: '(none)' },
    ]);
  });

  it('writes keys that are not identifiers in brackets', () => {
    expect(fieldChanges({ 'x-env': 'a', 'two words': 1 }, { 'x-env': 'b', 'two words': 2 })).toEqual([
      { path: '["x-env"]', before: 'a', after: 'b' },
      { path: '["two words"]', before: '1', after: '2' },
    ]);
  });

  it('two values that are not both objects, or not both arrays, compare whole', () => {
    expect(fieldChanges(1, 2)).toEqual([{ path: '(whole)', before: '1', after: '2' }]);
    expect(fieldChanges('same', 'same')).toEqual([]);
    expect(fieldChanges(undefined, { a: 1 })).toEqual([{ path: '(whole)', before: '(none)', after: '{"a":1}' }]);
    expect(fieldChanges({ a: 1 }, [1])).toEqual([{ path: '(whole)', before: '{"a":1}', after: '[1]' }]);
    expect(fieldChanges(null, {})).toEqual([{ path: '(whole)', before: 'null', after: '{}' }]);
  });

  it('cuts a long value to 120 characters', () => {
    const long = 'x'.repeat(200);
    expect(fieldChanges({ body: long }, { body: 'short' })).toEqual([
      { path: '.body', before: `${'x'.repeat(120)}…`, after: 'short' },
    ]);
    expect(fieldChanges({ body: 'x'.repeat(120) }, {})[0]?.before).toBe('x'.repeat(120));
  });
});
