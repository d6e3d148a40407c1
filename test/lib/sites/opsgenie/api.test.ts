// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { opsgenieApi } from '@/lib/sites/opsgenie/api';
import {
  expectNoPollution,
  expectPlainMap,
  type Json,
  RESERVED,
  snapshotCheck,
  VENDORS,
} from '../../../support/vendor-apis';

describe('opsgenieApi', () => {
  it('names the answer key the mapper reads', () => {
    expect(opsgenieApi.calls('5f2c')).toStrictEqual([
      { key: 'alert', path: '/v2/alerts/5f2c?identifierType=id', required: true },
    ]);
  });

  it('headers: GenieKey', () => {
    expect(opsgenieApi.headers('k3y', new URL(VENDORS.opsgenie.url))).toStrictEqual({ Authorization: 'GenieKey k3y' });
  });

  it.each([
    [VENDORS.opsgenie.url, 'https://api.opsgenie.com'],
    ['https://app.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.opsgenie.com'],
    ['https://acme.app.eu.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.eu.opsgenie.com'],
    ['https://app.eu.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.eu.opsgenie.com'],
    ['https://acme.atlassian-app.opsgenie.com/alert/detail/5f2c8b1e-9d3a', 'https://api.opsgenie.com'],
    ['https://acme.atlassian.net/jira/ops/alerts/9b7e4c21-6a3f', 'https://api.opsgenie.com'],
    ['https://acme.app.eu.opsgenie.com.evil.example/alert/detail/5f2c8b1e-9d3a', 'https://api.opsgenie.com'],
  ])('defaultBase on %s: %s', (url, base) => {
    expect(opsgenieApi.defaultBase(new URL(url))).toBe(base);
  });

  it('acknowledged open alerts read as acknowledged, closed stays closed, names teams that have one', () => {
    const main = VENDORS.opsgenie.main();
    const read = (patch: Json) => opsgenieApi.map(VENDORS.opsgenie.withMain({ ...main, ...patch }));
    expect(read({ acknowledged: true }).status).toBe('acknowledged');
    expect(read({ status: 'closed', acknowledged: true }).status).toBe('closed');
    expect(read({ status: 'OPEN' }).status).toBe('open');
    expect(read({ tinyId: '12a' }).number).toBeUndefined();
    expect(read({ tinyId: 77 }).number).toBe(77);
    expect(read({ owner: 'jdoe' }).assignees).toStrictEqual([{ name: 'jdoe' }]);
    expect(
      read({
        responders: [
          { id: 't1', type: 'team', name: 'DBA' },
          { id: 't2', type: 'team' },
          { id: 'u1', type: 'user', name: 'Jane' },
          null,
          'team',
        ],
      }).teams,
    ).toStrictEqual([{ id: 't1', name: 'DBA' }]);
  });

  it('reserved keys: details (values of no usable type dropped too)', () => {
    const fields = opsgenieApi.map({
      alert: JSON.parse(
        `{"data": {"message": "m", "details": {${RESERVED}, "ok": "yes", "inf": 1e400, "nested": {"a": 1}, "n": 5}}}`,
      ),
    });
    expect(fields).toStrictEqual({ title: 'm', custom_fields: { ok: 'yes', n: 5 } });
    expectPlainMap(fields.custom_fields, ['ok', 'n']);
    expect(snapshotCheck('opsgenie', fields).success).toBe(true);
    expectNoPollution();
  });
});
