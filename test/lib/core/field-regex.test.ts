import { describe, expect, it } from 'vitest';
import { fieldRegexProblem, fieldRegexValue, MAX_FIELD_INPUT } from '@/lib/core/field-regex';
import { PageFieldSchema } from '@/lib/model/custom-site';

describe('field regexes in the content script (design rule 9)', () => {
  it.each(['#(\\d+)', 'Service: (.+)', '(\\S+)$', '^P(\\d)', '[a-z]{2,}-(x)?', 'id=(\\w+?)\\b', 'a{3}b'])(
    'accepts %s',
    (pattern) => expect(fieldRegexProblem(pattern)).toBeUndefined(),
  );

  it.each([
    ['(a+)+$', /repeat a group/],
    ['(a|aa)*b', /repeat a group/],
    ['.*.*.*x', /one repeat/],
    ['\\s*(\\d+)', /one repeat/],
    ['(a)\\1', /backreferences/],
    ['(?<x>a)\\k<x>', /backreferences/],
  ])('refuses %s', (pattern, message) => {
    expect(fieldRegexProblem(pattern)).toMatch(message);
    expect(PageFieldSchema.safeParse({ field: 'title', selector: 'h1', regex: pattern }).success).toBe(false);
  });

  it('reads the first group from the start of the text only, and refuses a stored bad pattern', () => {
    expect(fieldRegexValue('#(\\d+)', 'Incident #42 down')).toBe('42');
    expect(fieldRegexValue('#(\\d+)', `${'x'.repeat(MAX_FIELD_INPUT)}#42`)).toBeUndefined();
    expect(fieldRegexValue('(a+)+$', `${'a'.repeat(40)}!`)).toBeUndefined();
    const started = performance.now();
    expect(fieldRegexValue('.*x', 'a'.repeat(1_000_000))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
