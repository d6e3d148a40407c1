import { describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import { PRESETS } from '@/lib/presets';
import type { PresetFields } from '@/lib/sites/preset';

/**
 * No preset sends a state nobody chose or observed (issue 16): an invocation's `state`, and an event type
 * that reports an outcome, come from the lifecycle (`{{ event.* }}`, set from the receiver's answer) or from
 * a question the responder answers in the modal (`{{ params.* }}`), never from a literal in the body.
 */
/** Event types that report how an invocation or a workflow went (PagerDuty's webhooks/01-Overview.md). */
const OUTCOME_EVENT_TYPES = /^incident\.(action_invocation\.(updated|terminated)|workflow\.completed)$/;

/** Every `state` and `event_type` leaf of a JSON body template, with its path. */
function leaves(tree: unknown, path = '$'): [string, string, unknown][] {
  if (Array.isArray(tree)) return tree.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([key, value]) =>
      ['state', 'event_type'].includes(key) ? [[`${path}.${key}`, key, value]] : leaves(value, `${path}.${key}`),
    );
  return [];
}

/** What in the body says a state nobody chose or observed, path by path. */
function inventedStates(fields: PresetFields): string[] {
  if ((fields.bodyFormat ?? 'json') !== 'json' || fields.body.trim() === '') return [];
  const asked = new Set((fields.prompts ?? []).map((prompt) => prompt.name));
  const fromAnswerOrEvent = (value: unknown) => {
    const named =
      typeof value === 'string' ? /^\{\{\s*(event\.(state|type)|params\.([a-z_0-9]+))\s*\}\}$/.exec(value) : null;
    if (!named) return false;
    if (named[3]) return asked.has(named[3]);
    return fields.lifecycle !== undefined;
  };
  const chosenState = leaves(JSON.parse(fields.body)).some(
    ([, key, value]) => key === 'state' && typeof value === 'string' && /params\./.test(value),
  );
  return leaves(JSON.parse(fields.body)).flatMap(([path, key, value]) => {
    if (key === 'state' && !fromAnswerOrEvent(value)) return [`${path}: ${JSON.stringify(value)}`];
    // An outcome's event type is the lifecycle's, or sent by hand with the state the responder picks.
    if (key === 'event_type' && typeof value === 'string' && OUTCOME_EVENT_TYPES.test(value) && !chosenState)
      return [`${path}: ${JSON.stringify(value)}`];
    return [];
  });
}

describe('no preset sends a hard-coded state', () => {
  it('the check notices a state or an outcome written into the body', () => {
    const body = (event: object) => JSON.stringify({ event });
    const base = { method: 'POST', headers: [] } satisfies Partial<Action>;
    expect(
      inventedStates({
        ...base,
        body: body({ event_type: 'incident.action_invocation.created', data: { state: 'completed' } }),
      }),
    ).toEqual(['$.event.data.state: "completed"']);
    expect(inventedStates({ ...base, body: body({ event_type: 'incident.workflow.completed', data: {} }) })).toEqual([
      '$.event.event_type: "incident.workflow.completed"',
    ]);
    // A state from a question nobody is asked, or from a lifecycle the action does not have.
    expect(inventedStates({ ...base, body: body({ data: { state: '{{ params.state }}' } }) })).toEqual([
      '$.event.data.state: "{{ params.state }}"',
    ]);
    expect(inventedStates({ ...base, body: body({ data: { state: '{{ event.state }}' } }) })).toEqual([
      '$.event.data.state: "{{ event.state }}"',
    ]);
  });

  it.each(PRESETS.map((preset) => [preset.id, preset]))('%s', (_, preset) => {
    expect(inventedStates(preset.fields)).toEqual([]);
  });

  it('every lifecycle starts with the click and reports an outcome in each follow-up', () => {
    const lifecycles = PRESETS.flatMap((preset) => (preset.fields.lifecycle ? [preset.fields.lifecycle] : []));
    expect(lifecycles.length).toBeGreaterThan(0);
    for (const lifecycle of lifecycles) {
      expect(['created', 'started']).toContain(lifecycle.start.state);
      expect(lifecycle.start.type).not.toMatch(OUTCOME_EVENT_TYPES);
      for (const followUp of lifecycle.followUps) expect(followUp.type).toMatch(OUTCOME_EVENT_TYPES);
    }
  });
});
