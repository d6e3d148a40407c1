// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path
import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '@/lib/model/lifecycle';
import { renderRequest } from '@/lib/render/request';
import { PAGERDUTY_PRESETS } from '@/lib/sites/pagerduty/presets';
import { actionFrom, FULL, INVOCATION, SECRETS } from '../../../support/presets';
import { type MatchType, rundeckJobRuns } from '../../../support/receivers/rundeck';
import { rundeckRecipe } from '../../../support/rundeck-recipe';

/** Every body a preset can send for the full sample incident: each lifecycle event, each state one may pick. */
function bodiesOf(presetId: string): unknown[] {
  const action = actionFrom(presetId);
  const events: (LifecycleEvent | undefined)[] = [
    undefined,
    ...(action.lifecycle?.followUps ?? []).map((followUp, index) => ({
      id: `00000000-0000-4000-8000-00000000000${index}`,
      type: followUp.type,
      state: followUp.state,
      occurredAt: INVOCATION.createdAt + 1_000,
    })),
  ];
  const choices = action.prompts?.find((prompt) => prompt.name === 'state')?.choices;
  const answers = choices ? choices.map((state) => ({ state })) : [undefined];
  return events.flatMap((event) =>
    answers.map((given) => {
      const request = renderRequest(action, FULL, {
        secrets: SECRETS,
        invocation: INVOCATION,
        event,
        ...(given ? { answers: given } : {}),
      });
      if (!request.ok) throw new Error(request.error);
      return JSON.parse(request.value.body ?? 'null');
    }),
  );
}

/** The event type and state a body carries, V2 or V3. */
function eventOf(body: any): { type: string; state?: string } {
  if (body.messages) return { type: body.messages[0].event };
  return { type: body.event.event_type, ...(body.event.data.state ? { state: body.event.data.state } : {}) };
}

describe('the README’s Rundeck recipe, applied as Rundeck matches rules', () => {
  const rows = rundeckRecipe();

  it('names every PagerDuty preset', () => {
    expect(new Set(rows.map((row) => row.preset))).toEqual(new Set(PAGERDUTY_PRESETS.map((preset) => preset.id)));
  });

  it('the matcher follows Rundeck’s match types (and a wrong path matches nothing)', () => {
    const event = { event: { event_type: 'x.y', data: { tags: ['a', 'b'], n: 3, nothing: null } } };
    const runs = (path: string, type: MatchType, value = '') =>
      rundeckJobRuns({ rules: [{ name: 'r', policy: 'all', conditions: [{ path, type, value }], options: {} }] }, event)
        .length;
    expect(runs('$.event.event_type', 'equals', 'x.y')).toBe(1);
    expect(runs('$.event.event_type', 'equals', 'x')).toBe(0);
    expect(runs('$.event.type', 'equals', 'x.y')).toBe(0);
    expect(runs('$.event.event_type', 'contains', 'y')).toBe(1);
    expect(runs('$.event.data.tags', 'contains', 'b')).toBe(1);
    expect(runs('$.event.data.n', 'equals', '3')).toBe(1);
    expect(runs('$.event.data.nothing', 'exists')).toBe(0);
    expect(runs('$.event.data.tags', 'isA', 'list')).toBe(1);
  });

  it.each(rows.map((row) => [`${row.preset} → ${row.forType}${row.forState ? ` (${row.forState})` : ''}`, row]))(
    '%s: the rule runs the job for that event only, with the incident’s id',
    (_, row) => {
      const bodies = bodiesOf(row.preset);
      const wanted = bodies.filter((body) => {
        const event = eventOf(body);
        return event.type === row.forType && (!row.forState || event.state === row.forState);
      });
      expect(wanted.length).toBeGreaterThan(0);
      for (const body of bodies) {
        const runs = rundeckJobRuns(row.webhook, body);
        expect(runs.map((run) => run.options)).toEqual(wanted.includes(body) ? [{ pd_incident_id: FULL.id }] : []);
      }
    },
  );
});
