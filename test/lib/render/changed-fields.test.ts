// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path
import { describe, expect, it } from 'vitest';
import { renderRequest } from '@/lib/render/request';
import { actionFrom, FULL, INVOCATION, SECRETS } from '../../support/presets';

/**
 * The custom field event, with the responder's `fields` answer as the modal sends it (name → text typed).
 * PagerDuty's shape (lib/sites/pagerduty/webhook-shapes.ts) lists the changed fields in
 * `changed_custom_fields` with the values they had, and sends the new values in `custom_fields`.
 */
function fieldEvent(changed: string | undefined, incident = FULL) {
  const request = renderRequest(actionFrom('pagerduty-v3-field-values-updated'), incident, {
    secrets: SECRETS,
    invocation: INVOCATION,
    ...(changed === undefined ? {} : { answers: { changed_fields: changed } }),
  });
  if (!request.ok) return request.error;
  return JSON.parse(request.value.body ?? 'null').event.data as { custom_fields: any[]; changed_custom_fields: any[] };
}

type Data = Exclude<ReturnType<typeof fieldEvent>, string>;
const valuesOf = (fields: any[]) => Object.fromEntries(fields.map((field) => [field.name, field.value]));
const names = (fields: any[]) => fields.map((field) => field.name);

describe('incident.custom_field_values.updated sends exactly the fields the responder changed', () => {
  const before = valuesOf((fieldEvent(undefined) as Data).custom_fields);

  it('one field changed: changed_custom_fields is that field, custom_fields every field with the new value', () => {
    const data = fieldEvent('{"region":"eu-west-1"}') as Data;
    expect(names(data.changed_custom_fields)).toEqual(['region']);
    expect(valuesOf(data.custom_fields)).toEqual({ ...before, region: 'eu-west-1' });
  });

  it('each new value takes its field’s type (number, yes/no, emptied)', () => {
    const typed = Object.fromEntries(
      Object.entries(before).map(([name, value]) => [
        name,
        typeof value === 'number' ? '7' : typeof value === 'boolean' ? String(!value) : '',
      ]),
    );
    const data = fieldEvent(JSON.stringify(typed)) as Data;
    expect(names(data.changed_custom_fields)).toEqual(Object.keys(before));
    for (const [name, value] of Object.entries(valuesOf(data.custom_fields))) {
      const was = before[name];
      expect([name, value]).toEqual([
        name,
        typeof was === 'number' ? 7 : typeof was === 'boolean' ? !was : Array.isArray(was) ? [] : null,
      ]);
    }
  });

  it('nothing changed: no field is listed as changed', () => {
    const data = fieldEvent(undefined) as Data;
    expect(data.changed_custom_fields).toEqual([]);
  });

  it.each([
    ['not JSON', '{region'],
    ['a list', '["region"]'],
    ['a value that is not text', '{"region":1}'],
    ['a prototype key', '{"__proto__":"x"}'],
  ])('an answer that is %s is refused with the question’s name', (_, answer) => {
    expect(fieldEvent(answer)).toBe('“Custom fields”: the changed fields could not be read');
  });
});
