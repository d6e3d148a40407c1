// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path
import { describe, expect, it } from 'vitest';
import { renderRequest } from '@/lib/render/request';
import { actionFrom, FULL, INVOCATION, SECRETS } from '../../support/presets';

/** The custom field event, with the responder's `fields` answer as the modal sends it. */
function fieldEvent(changed: string | undefined, incident = FULL) {
  const request = renderRequest(actionFrom('pagerduty-v3-field-values-updated'), incident, {
    secrets: SECRETS,
    invocation: INVOCATION,
    ...(changed === undefined ? {} : { answers: { changed_fields: changed } }),
  });
  if (!request.ok) return request.error;
  return JSON.parse(request.value.body ?? 'null').event.data as { custom_fields: any[]; changed_custom_fields: any[] };
}

const valuesOf = (fields: any[]) => Object.fromEntries(fields.map((field) => [field.name, field.value]));

describe('incident.custom_field_values.updated sends exactly the fields the responder changed', () => {
  it('one field changed: changed_custom_fields is that field, custom_fields every field with the new value', () => {
    const data = fieldEvent('{"region":"eu-west-1"}') as Exclude<ReturnType<typeof fieldEvent>, string>;
    expect(data.changed_custom_fields.map((field) => [field.name, field.value])).toEqual([['region', 'eu-west-1']]);
    expect(valuesOf(data.custom_fields)).toEqual({ ...FULL.custom_fields, region: 'eu-west-1' });
    // The changed entry is the same object as the field's entry in custom_fields (same id, type, namespace).
    expect(data.changed_custom_fields[0]).toEqual(data.custom_fields.find((field) => field.name === 'region'));
  });

  it('each new value takes its field’s type; a name the incident does not have changes nothing', () => {
    const data = fieldEvent('{"customer_impact":"false","environment":"","nope":"x"}') as Exclude<
      ReturnType<typeof fieldEvent>,
      string
    >;
    expect(data.changed_custom_fields.map((field) => [field.name, field.value])).toEqual([
      ['environment', null],
      ['customer_impact', false],
    ]);
  });

  it('nothing changed: no field is listed as changed', () => {
    const data = fieldEvent(undefined) as Exclude<ReturnType<typeof fieldEvent>, string>;
    expect(data.changed_custom_fields).toEqual([]);
    expect(valuesOf(data.custom_fields)).toEqual(FULL.custom_fields);
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
