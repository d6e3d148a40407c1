import { describe, expect, it } from 'vitest';
import { actionShows, ruleHolds } from '@/lib/buttons/conditions';
import { boundedExec, boundedWhole, MAX_REGEX_INPUT, regexProblem } from '@/lib/core/bounded-regex';
import { VariableSchema } from '@/lib/model/variables';
import { buildScope, extract, regexCutNotes } from '@/lib/render/scope';
import { makeIncident } from '../../support/builders';

/** Patterns that backtrack exponentially or polynomially in a backtracking engine, over inputs that trigger it. */
const ADVERSARIAL: [string, string][] = [
  ['(a+)+$', `${'a'.repeat(40)}!`],
  ['(a|aa)*b', 'a'.repeat(60)],
  ['.*.*.*x', 'a'.repeat(5_000)],
  ['(\\w+\\s?)+$', `${'word '.repeat(20)}!`],
  ['disk.*full', 'disk '.repeat(40_000)],
];

describe('bounded regexes (design rule 9)', () => {
  it.each(ADVERSARIAL)('%s over a hostile input finishes quickly and does not match', (pattern, text) => {
    const started = performance.now();
    expect(ruleHolds({ variable: 'incident.title', operator: 'matches', value: pattern }, text)).toBe(false);
    expect(extract(text, pattern)).toBeUndefined();
    // Generous: a backtracking engine takes seconds to hours here.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('searches the first MAX_REGEX_INPUT characters only, and says so', () => {
    const title = `${'x'.repeat(MAX_REGEX_INPUT)}disk full`;
    expect(boundedExec('disk', title)).toEqual({ cut: true });
    expect(boundedExec('x+', 'xx')).toEqual({ cut: false, match: { text: 'xx', groups: [], named: {} } });
    const built = buildScope(makeIncident({ title }), [
      { kind: 'extract', name: 'host', source: 'incident.title', regex: 'disk' },
    ]);
    if (!built.ok) throw new Error(built.error);
    const conditions = {
      match: 'all' as const,
      rules: [{ variable: 'incident.title', operator: 'matches' as const, value: 'disk.*full' }],
    };
    expect(actionShows(conditions, built.value)).toBe(false);
    const variables = [{ kind: 'extract' as const, name: 'host', source: 'incident.title', regex: 'disk' }];
    expect(regexCutNotes(conditions, variables, built.value)).toEqual([
      'Rule on incident.title matched the first 20,000 characters only',
      'Variable host (on incident.title) matched the first 20,000 characters only',
    ]);
    const short = buildScope(makeIncident({ title: 'disk full' }));
    expect(short.ok && regexCutNotes(conditions, variables, short.value)).toEqual([]);
  });

  it('keeps the extraction semantics: named groups, first group, whole match', () => {
    expect(extract('host db-1 in eu', 'host (?<host>\\S+) in (?<region>\\S+)')).toEqual({ host: 'db-1', region: 'eu' });
    expect(extract('host db-1 in eu', 'host (\\S+)')).toBe('db-1');
    expect(extract('host db-1 in eu', '(x)?db-\\d')).toBeUndefined();
    expect(boundedWhole('\\d{3}', '123')).toBe(true);
    expect(boundedWhole('\\d{3}', '1234')).toBe(false);
  });

  it('refuses at save what the linear-time engine cannot run, with a clear message at the field', () => {
    expect(regexProblem('(a)\\1')).toMatch(/lookaround and backreferences are not supported/);
    expect(regexProblem('a(?=b)')).toMatch(/lookaround/);
    expect(regexProblem('(a+)+$')).toBeUndefined();
    const saved = VariableSchema.safeParse({ kind: 'extract', name: 'x', source: 'incident.title', regex: '(\\w)\\1' });
    expect(saved.success).toBe(false);
    expect(saved.error?.issues[0]?.path).toEqual(['regex']);
  });
});
