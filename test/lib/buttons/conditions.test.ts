import { describe, expect, it } from 'vitest';
import { actionShows, ruleHolds } from '@/lib/buttons/conditions';
import type { ConditionRule } from '@/lib/model/variables';
import { buildScope } from '@/lib/render/scope';
import { DISK_FULL_INCIDENT } from '../../support/templates';

describe('conditions', () => {
  const scope = (() => {
    const built = buildScope(DISK_FULL_INCIDENT, [
      { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
    ]);
    if (!built.ok) throw new Error(built.error);
    return built.value;
  })();
  const rule = (variable: string, operator: ConditionRule['operator'], value?: string): ConditionRule => ({
    variable,
    operator,
    ...(value === undefined ? {} : { value }),
  });

  it.each<[ConditionRule, boolean]>([
    [rule('incident.priority', 'equals', 'P1'), true],
    [rule('incident.priority', 'equals', 'p1'), false],
    [rule('incident.priority', 'not_equals', 'P2'), true],
    [rule('incident.title', 'contains', 'db-prod'), true],
    [rule('incident.title', 'matches', '^Disk .* \\(cluster \\w+\\)$'), true],
    [rule('incident.title', 'matches', '(unclosed'), false],
    [rule('incident.priority', 'in', 'P1, P2'), true],
    [rule('incident.priority', 'in', 'P2,P3'), false],
    [rule('incident.urgency', 'exists'), false],
    [rule('incident.urgency', 'not_exists'), true],
    [rule('incident.urgency', 'equals', ''), false],
    [rule('incident.number', 'greater_than', '4000'), true],
    [rule('incident.number', 'less_than', '4000'), false],
    [rule('incident.created_at', 'greater_than', '2026-03-01'), true],
    [rule('incident.created_at', 'less_than', '2026-03-01T00:00:00Z'), false],
    [rule('incident.title', 'greater_than', '5'), false],
    [rule('variables.host', 'equals', 'db-prod-3'), true],
    [rule('incident.custom_fields.region', 'matches', '^eu-'), true],
    [rule('incident.__proto__', 'exists'), false],
  ])('%j holds: %s', (condition, holds) => {
    expect(ruleHolds(condition, undefined)).toBe(condition.operator === 'not_exists');
    expect(actionShows({ match: 'all', rules: [condition] }, scope)).toBe(holds);
  });

  it('combines rules with all or any, and limits to sites', () => {
    const yes = rule('incident.priority', 'equals', 'P1');
    const no = rule('incident.priority', 'equals', 'P3');
    expect(actionShows({ match: 'all', rules: [yes, no] }, scope)).toBe(false);
    expect(actionShows({ match: 'any', rules: [yes, no] }, scope)).toBe(true);
    expect(actionShows({ match: 'all', rules: [] }, scope)).toBe(true);
    expect(actionShows({ match: 'all', rules: [yes], sites: ['opsgenie'] }, scope)).toBe(false);
    expect(actionShows({ match: 'all', rules: [yes], sites: ['pagerduty', 'opsgenie'] }, scope)).toBe(true);
    expect(actionShows(undefined, scope)).toBe(true);
  });
});
