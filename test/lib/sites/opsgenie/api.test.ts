// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { isJsmOpsBase, jsmOpsApi, opsgenieApi } from '@/lib/sites/opsgenie/api';
import {
  EXPECTED_JSM,
  expectNoPollution,
  expectPlainMap,
  JSM_OPS,
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

const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';
const JSM_BASE = `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}`;

describe('picking the API by the saved base', () => {
  it.each([JSM_BASE, `${JSM_BASE}/`, `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID.toUpperCase()}`])(
    'a JSM Operations base reads JSM Operations: %s',
    (base) => {
      expect(isJsmOpsBase(base)).toBe(true);
      expect(opsgenieApi.forBase?.(base)).toBe(jsmOpsApi);
    },
  );

  it.each([
    // Opsgenie's own bases, as today.
    'https://api.opsgenie.com',
    'https://api.eu.opsgenie.com',
    // Another host that merely starts or ends like Atlassian's.
    'https://api.atlassian.com.evil.example/jsm/ops/api/x',
    `https://api.atlassian.com.evil.example/jsm/ops/api/${CLOUD_ID}`,
    `https://evil.example/api.atlassian.com/jsm/ops/api/${CLOUD_ID}`,
    `https://evilapi.atlassian.com/jsm/ops/api/${CLOUD_ID}`,
    `https://x.api.atlassian.com/jsm/ops/api/${CLOUD_ID}`,
    `http://api.atlassian.com/jsm/ops/api/${CLOUD_ID}`,
    `https://user:pw@api.atlassian.com/jsm/ops/api/${CLOUD_ID}`,
    `https://api.atlassian.com@evil.example/jsm/ops/api/${CLOUD_ID}`,
    `https://api.atlassian.com:8443/jsm/ops/api/${CLOUD_ID}`,
    // A cloudId that is not one: path tricks, extra segments, encodings, other APIs under the same host.
    'https://api.atlassian.com/jsm/ops/api/x',
    'https://api.atlassian.com/jsm/ops/api/',
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}/..`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}/../../../ex/jira/${CLOUD_ID}`,
    `https://api.atlassian.com/jsm/ops/api/..%2F..%2F${CLOUD_ID}`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}%2F..%2Fv1`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}/v1/alerts`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}//`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}?x=1`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}#x`,
    `https://api.atlassian.com/x/../jsm/ops/api/${CLOUD_ID}`,
    `https://api.atlassian.com\\jsm\\ops\\api\\${CLOUD_ID}`,
    `https://api.atlassian.com/jsm/ops/integration/${CLOUD_ID}`,
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}0`,
    ` ${JSM_BASE}`,
    `${JSM_BASE}\n`,
  ])('any other base keeps the Opsgenie API: %s', (base) => {
    expect(isJsmOpsBase(base)).toBe(false);
    expect(opsgenieApi.forBase?.(base)).toBeUndefined();
  });

  it('refuses an over-long base without scanning it', () => {
    expect(isJsmOpsBase(`${JSM_BASE}${'/'.repeat(1_000)}`)).toBe(false);
  });
});

describe('jsmOpsApi', () => {
  it('calls Get alert by id, below the saved base', () => {
    expect(jsmOpsApi.calls('9b7e')).toStrictEqual([{ key: 'alert', path: '/v1/alerts/9b7e', required: true }]);
    expect(jsmOpsApi.site).toBe('opsgenie');
    expect(jsmOpsApi.defaultBase(new URL(JSM_OPS.url))).toBeUndefined();
    expect(jsmOpsApi.tokenHelp).toContain('email:api_token');
    expect(jsmOpsApi.forBase).toBeUndefined();
  });

  it('headers: Basic over the UTF-8 bytes of email:api_token, and JSON', () => {
    const headers = jsmOpsApi.headers('jane@acme.example:ATATT3x-t0k3n', new URL(JSM_OPS.url));
    expect(headers).toStrictEqual({
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from('jane@acme.example:ATATT3x-t0k3n').toString('base64')}`,
    });
    // Characters btoa alone refuses (above U+00FF) are encoded, not thrown on.
    expect(jsmOpsApi.headers('zoë@café.example:тoken✓', new URL(JSM_OPS.url)).Authorization).toBe(
      `Basic ${Buffer.from('zoë@café.example:тoken✓', 'utf8').toString('base64')}`,
    );
  });

  it('reads the unwrapped AlertResponse: acked, resolved, snoozed; integrationName; extraProperties', () => {
    const main = JSM_OPS.main();
    const read = (patch: Json) => jsmOpsApi.map(JSM_OPS.withMain({ ...main, ...patch }));
    expect(read({ status: 'acked', acknowledged: false }).status).toBe('acknowledged');
    expect(read({ status: 'open', acknowledged: true }).status).toBe('acknowledged');
    expect(read({ status: 'open', acknowledged: false }).status).toBe('open');
    expect(read({ status: 'resolved' }).status).toBe('resolved');
    expect(read({ status: 'snoozed' }).status).toBe('snoozed');
    expect(read({ status: 'closed', acknowledged: true }).status).toBe('closed');
    expect(read({ owner: 'sam.lee@acme.example' }).assignees).toStrictEqual([
      { name: 'sam.lee@acme.example', email: 'sam.lee@acme.example' },
    ]);
    // Opsgenie's names are not JSM's: no `integration` object, no `details` map.
    const opsgenieNames = read({
      integrationName: undefined,
      extraProperties: undefined,
      integration: { id: 'i1', name: 'Prometheus' },
      details: { a: 'b' },
    });
    expect(opsgenieNames.service).toBeUndefined();
    expect(opsgenieNames.custom_fields).toBeUndefined();
    // An Opsgenie answer (wrapped in `data`) read as JSM gives nothing, and the other way round.
    expect(jsmOpsApi.map(VENDORS.opsgenie.answers())).toStrictEqual({});
    expect(opsgenieApi.map(JSM_OPS.answers())).toStrictEqual({});
  });

  it('the same alert reads the same through either API where both carry a value', () => {
    const jsm = jsmOpsApi.map(JSM_OPS.answers());
    const main = JSM_OPS.main();
    const asOpsgenie = opsgenieApi.map({
      alert: {
        data: {
          ...main,
          status: 'open',
          details: main.extraProperties,
          integration: { name: main.integrationName },
        },
      },
    });
    expect(asOpsgenie).toStrictEqual(jsm);
    expect(jsm).toStrictEqual(EXPECTED_JSM);
  });

  it('reserved keys: extraProperties', () => {
    const fields = jsmOpsApi.map({
      alert: JSON.parse(`{"message": "m", "extraProperties": {${RESERVED}, "ok": "yes", "n": 5}}`),
    });
    expect(fields).toStrictEqual({ title: 'm', custom_fields: { ok: 'yes', n: 5 } });
    expectPlainMap(fields.custom_fields, ['ok', 'n']);
    expect(snapshotCheck('opsgenie', fields, JSM_OPS).success).toBe(true);
    expectNoPollution();
  });
});
