// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { incidentIoApi } from '@/lib/sites/incident-io/api';
import { expectNoPollution, expectPlainMap, snapshotCheck, VENDORS } from '../../../support/vendor-apis';

describe('incidentIoApi', () => {
  it('names the answer key the mapper reads', () => {
    expect(incidentIoApi.calls('1432')).toStrictEqual([
      { key: 'incident', path: '/v2/incidents/1432', required: true },
    ]);
  });

  it('headers: Bearer', () => {
    expect(incidentIoApi.headers('k3y', new URL(VENDORS['incident-io'].url))).toStrictEqual({
      Authorization: 'Bearer k3y',
    });
  });

  it('defaultBase: the public API', () => {
    expect(incidentIoApi.defaultBase(new URL(VENDORS['incident-io'].url))).toBe('https://api.incident.io');
  });

  it('leads only, and every kind of custom field value', () => {
    const main = VENDORS['incident-io'].main();
    const field = (name: string, values: unknown) => ({ custom_field: { name }, values });
    const fields = incidentIoApi.map(
      VENDORS['incident-io'].withMain({
        ...main,
        reference: 'INC-0',
        incident_type: null,
        incident_role_assignments: [
          { role: { role_type: 'custom' }, assignee: { name: 'Tom' } },
          { role: { role_type: 'lead' }, assignee: { name: 'Ana' } },
          { role: { role_type: 'lead' }, assignee: { id: 'u9' } },
        ],
        custom_field_entries: [
          field('Regions', [{ value_option: { value: 'EU' } }, { value_option: { value: 'US' } }]),
          field('Orders lost', [{ value_numeric: '12.5' }]),
          field('Runbook', [{ value_link: 'https://wiki.acme.example/rb' }]),
          field('Service', [{ value_catalog_entry: { id: 'c1', name: 'Checkout' } }]),
          field('Unset', []),
          field('Broken', 'x'),
          { custom_field: 'x', values: [{ value_text: 'lost' }] },
        ],
      }),
    );
    expect(fields.number).toBe(0);
    const number = (reference: unknown) =>
      incidentIoApi.map(VENDORS['incident-io'].withMain({ ...main, reference })).number;
    expect(number('INC-1234567890123456789')).toBeUndefined();
    expect(number('INC-12x')).toBeUndefined();
    expect(number(1432)).toBe(1432);
    expect(fields.assignees).toStrictEqual([{ name: 'Ana' }]);
    expect(fields.custom_fields).toStrictEqual({
      Regions: 'EU, US',
      'Orders lost': '12.5',
      Runbook: 'https://wiki.acme.example/rb',
      Service: 'Checkout',
    });
  });

  it('reserved keys: custom field names', () => {
    const entry = (name: string) => `{"custom_field": {"name": "${name}"}, "values": [{"value_text": "v"}]}`;
    const fields = incidentIoApi.map({
      incident: JSON.parse(
        `{"incident": {"name": "n", "custom_field_entries": [${entry('__proto__')}, ${entry('constructor')}, ${entry('prototype')}, ${entry('ok')}]}}`,
      ),
    });
    expect(fields).toStrictEqual({ title: 'n', custom_fields: { ok: 'v' } });
    expectPlainMap(fields.custom_fields, ['ok']);
    expect(snapshotCheck('incident-io', fields).success).toBe(true);
    expectNoPollution();
  });
});
