// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { pagerTreeApi } from '@/lib/sites/pagertree/api';
import {
  expectNoPollution,
  expectPlainMap,
  type Json,
  RESERVED,
  snapshotCheck,
  VENDORS,
} from '../../../support/vendor-apis';

describe('pagerTreeApi', () => {
  it('names the answer key the mapper reads', () => {
    expect(pagerTreeApi.calls('alt_X')).toStrictEqual([{ key: 'alert', path: '/alerts/alt_X', required: true }]);
  });

  it('headers: Bearer', () => {
    expect(pagerTreeApi.headers('k3y', new URL(VENDORS.pagertree.url))).toStrictEqual({ Authorization: 'Bearer k3y' });
  });

  it('defaultBase: the v4 API', () => {
    expect(pagerTreeApi.defaultBase(new URL(VENDORS.pagertree.url))).toBe('https://api.pagertree.com/api/v4');
  });

  it('severity and message only for alerts flagged as incidents', () => {
    const main = VENDORS.pagertree.main();
    const incident = pagerTreeApi.map({
      alert: {
        ...main,
        meta: { incident: true, incident_severity: 'SEV-2', incident_message: 'War room: https://meet.acme.example/x' },
      },
    });
    expect(incident.priority).toBe('SEV-2');
    expect(incident.custom_fields).toStrictEqual({ 'Incident message': 'War room: https://meet.acme.example/x' });
    const plain = pagerTreeApi.map({
      alert: { ...main, meta: { incident: 'true', incident_severity: 'SEV-1', incident_message: 'stale' } },
    });
    expect(plain.priority).toBeUndefined();
    expect(plain.custom_fields).toBeUndefined();
  });

  it('severity as the enum name (sev_1) or at the top level, shown as the page shows it', () => {
    const main = VENDORS.pagertree.main();
    const map = (patch: Json) => pagerTreeApi.map({ alert: { ...main, ...patch } });
    expect(map({ meta: { incident: true, incident_severity: 'sev_1' } }).priority).toBe('SEV-1');
    expect(map({ meta: { incident: true, incident_severity: 'sev_unknown' } }).priority).toBe('SEV-UNKNOWN');
    const topLevel = map({ incident: true, incident_severity: 'sev_3', incident_message: 'Bridge: https://x.example' });
    expect(topLevel.priority).toBe('SEV-3');
    expect(topLevel.custom_fields).toStrictEqual({ 'Incident message': 'Bridge: https://x.example' });
    // The documented meta wins; a top-level severity of a plain alert stays out.
    expect(map({ meta: { incident: true, incident_severity: 'SEV-2' }, incident_severity: 'sev_5' }).priority).toBe(
      'SEV-2',
    );
    expect(map({ incident: false, incident_severity: 'sev_1' }).priority).toBeUndefined();
  });

  it('builds the page link only from ids of the shapes PagerTree uses', () => {
    const main = VENDORS.pagertree.main();
    const link = (patch: Json) => pagerTreeApi.map({ alert: { ...main, ...patch } }).html_url;
    expect(link({ account_id: 'evil.example/x' })).toBeUndefined();
    expect(link({ prefix_id: '../../logout' })).toBeUndefined();
    expect(link({ prefix_id: '01HQ4A9K3M7T2B8C5D6E0FGHJR' })).toBeUndefined();
    expect(link({ tiny_id: 1 })).toBe('https://app.pagertree.com/01HQ3V7N2C8R5K4M6P9T1W0XYZ/alerts/alt_Xb7Qm2RkVp9LwD');
    expect(pagerTreeApi.map({ alert: { ...main, thirdparty_id: null } }).incident_key).toBe(
      'dd-monitor-88213-checkout-p95',
    );
  });

  it('reserved keys: additional data labels', () => {
    const row = (label: string) => `{"type": "string", "label": "${label}", "value": "v"}`;
    const fields = pagerTreeApi.map({
      alert: JSON.parse(
        `{"title": "t", "additional_data": [${row('__proto__')}, ${row('constructor')}, ${row('prototype')}, ${row('Host')}, {"label": "obj", "value": {${RESERVED}}}, null]}`,
      ),
    });
    expect(fields).toStrictEqual({ title: 't', alert_details: { Host: 'v' } });
    expectPlainMap(fields.alert_details, ['Host']);
    expect(snapshotCheck('pagertree', fields).success).toBe(true);
    expectNoPollution();
  });
});
