// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { pagerDutyApi, pagerDutySessionApi } from '@/lib/sites/pagerduty/api';
import { readFixtureJson } from '../../../support/site-fixtures';
import {
  expectNoPollution,
  expectPlainMap,
  type Json,
  pagerDutyAnswers,
  RESERVED,
  snapshotCheck,
  VENDORS,
} from '../../../support/vendor-apis';

describe('pagerDutyApi', () => {
  it('names the answer keys the mapper reads', () => {
    expect(pagerDutyApi.calls('Q1')).toStrictEqual([
      { key: 'incident', path: '/incidents/Q1?include[]=services&include[]=conference_bridge', required: true },
      { key: 'customFields', path: '/incidents/Q1/custom_fields/values', required: false },
      { key: 'alerts', path: '/incidents/Q1/alerts?limit=100&sort_by=created_at:asc', required: false },
    ]);
  });

  it("with the session also asks who is signed in; with a token it does not (that is the token's owner)", () => {
    expect(pagerDutySessionApi.calls('Q1')).toStrictEqual([
      ...pagerDutyApi.calls('Q1'),
      { key: 'me', path: '/users/me', required: false },
    ]);
    expect(pagerDutyApi.calls('Q1').map((call) => call.path)).not.toContain('/users/me');
  });

  it("maps /users/me's user (PagerDuty's own example) to incident.user; a user without id or name is none", () => {
    const me = readFixtureJson('pagerduty', 'api-users-me.json');
    expect(pagerDutyApi.map({ ...pagerDutyAnswers(), me }).user).toStrictEqual({
      id: 'PXPGF42',
      name: 'Earline Greenholt',
      email: '125.greenholt.earline@graham.name',
    });
    expect(pagerDutyApi.map({ ...pagerDutyAnswers(), me: { user: { email: 'a@b.c' } } }).user).toBeUndefined();
    expect(pagerDutyApi.map({ ...pagerDutyAnswers(), me: { user: ['x'] } }).user).toBeUndefined();
    expect(pagerDutyApi.map(pagerDutyAnswers()).user).toBeUndefined();
  });

  it('headers: the v2 Accept header and a Token token', () => {
    expect(pagerDutyApi.headers('k3y', new URL(VENDORS.pagerduty.url))).toStrictEqual({
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: 'Token token=k3y',
    });
  });

  it.each([
    ['https://acme.pagerduty.com/incidents/Q1', 'https://api.pagerduty.com'],
    ['https://acme.eu.pagerduty.com/incidents/Q1', 'https://api.eu.pagerduty.com'],
    ['https://acme.eu.pagerduty.com.evil.example/incidents/Q1', 'https://api.pagerduty.com'],
  ])('defaultBase on %s: %s', (url, base) => {
    expect(pagerDutyApi.defaultBase(new URL(url))).toBe(base);
  });

  it('reserved keys: custom field names and alert details', () => {
    const answers = {
      ...pagerDutyAnswers(),
      customFields: JSON.parse(
        `{"custom_fields": [{"name": "__proto__", "value": "x"}, {"name": "constructor", "value": "x"}, {"name": "prototype", "value": 1}, {"name": "ok", "value": "yes"}]}`,
      ),
      alerts: JSON.parse(`{"alerts": [{"body": {"details": {${RESERVED}, "ok": {${RESERVED}, "inner": 1}}}}]}`),
    };
    const fields = pagerDutyApi.map(answers);
    expectPlainMap(fields.custom_fields, ['ok']);
    expectPlainMap(fields.alert_details, ['ok']);
    expectPlainMap((fields.alert_details as Json).ok, ['inner']);
    expect(snapshotCheck('pagerduty', fields).success).toBe(true);
    expectNoPollution();
  });
});

describe('custom fields by name and by display name', () => {
  const field = (name: unknown, displayName: unknown, value: unknown) => ({
    id: 'PCF',
    type: 'field_value',
    name,
    display_name: displayName,
    data_type: 'string',
    field_type: 'single_value',
    value,
  });
  const map = (fields: unknown[]) =>
    pagerDutyApi.map({ ...pagerDutyAnswers(), customFields: { custom_fields: fields } });

  it('keeps custom_fields.<name> for templates, and gives the same values under the name people see', () => {
    const fields = pagerDutyApi.map(pagerDutyAnswers());
    expect(fields.custom_fields?.customer_impact).toBe(true);
    expect(fields.custom_fields_by_display_name?.['Customer impact']).toBe(true);
    expect(fields.custom_fields_by_display_name?.['Jira ticket']).toBeNull();
    expect(Object.keys(fields.custom_fields_by_display_name ?? {})).toHaveLength(
      Object.keys(fields.custom_fields ?? {}).length,
    );
  });

  it('joins multi-value fields the same way under both keys', () => {
    const fields = map([
      { ...field('regions', 'Affected regions', ['eu-west-1', 'us-east-1']), field_type: 'multi_value' },
    ]);
    expect(fields.custom_fields).toStrictEqual({ regions: 'eu-west-1, us-east-1' });
    expect(fields.custom_fields_by_display_name).toStrictEqual({ 'Affected regions': 'eu-west-1, us-east-1' });
  });

  it('leaves a field without a usable display name under its name only', () => {
    const fields = map([
      field('a', undefined, 'x'),
      field('b', '', 'y'),
      field('c', '__proto__', 'z'),
      field('d', 'D', 'w'),
      field(undefined, 'No name', 'v'),
    ]);
    expect(fields.custom_fields).toStrictEqual({ a: 'x', b: 'y', c: 'z', d: 'w' });
    expectPlainMap(fields.custom_fields_by_display_name, ['D']);
    expect(fields.custom_fields_by_display_name).toStrictEqual({ D: 'w' });
    expect(map([field('a', undefined, 'x')]).custom_fields_by_display_name).toBeUndefined();
    expect(snapshotCheck('pagerduty', fields).success).toBe(true);
  });
});
