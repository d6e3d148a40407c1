// @vitest-environment node
// Nothing here needs a DOM. The contract every API meets is in test/lib/sites/apis.test.ts.
import { describe, expect, it } from 'vitest';
import { grafanaOncallApi } from '@/lib/sites/grafana-oncall/api';
import {
  EXPECTED,
  expectNoPollution,
  expectPlainMap,
  RESERVED,
  snapshotCheck,
  VENDORS,
} from '../../../support/vendor-apis';

describe('grafanaOncallApi', () => {
  it('names the answer key the mapper reads', () => {
    expect(grafanaOncallApi.calls('I7QZ')).toStrictEqual([
      { key: 'alertGroup', path: '/api/v1/alert_groups/I7QZ', required: true },
    ]);
  });

  it('headers on Grafana Cloud: Bearer plus the stack URL', () => {
    expect(grafanaOncallApi.headers('glsa_k3y', new URL(VENDORS['grafana-oncall'].url))).toStrictEqual({
      Authorization: 'Bearer glsa_k3y',
      'X-Grafana-URL': 'https://acme.grafana.net',
    });
  });

  it.each([
    'https://grafana.internal.example/grafana/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT?perpage=25&start=1',
    'https://grafana.example.com:3000/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
    'https://acme.grafana.net.evil.example/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
    'https://evilgrafana.net/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
  ])('headers on Grafana OnCall OSS (%s): the bare token, no stack header', (url) => {
    expect(grafanaOncallApi.headers('k3y', new URL(url))).toStrictEqual({ Authorization: 'k3y' });
  });

  it.each([
    VENDORS['grafana-oncall'].url,
    'https://grafana.internal.example/grafana/a/grafana-oncall-app/alert-groups/IB2M',
  ])('has no defaultBase on %s: only the user knows the stack’s API URL', (url) => {
    expect(grafanaOncallApi.defaultBase(new URL(url))).toBeUndefined();
  });

  it('the detail answer may come as a one-item list', () => {
    const main = VENDORS['grafana-oncall'].main();
    expect(grafanaOncallApi.map({ alertGroup: { count: 1, results: [main] } })).toStrictEqual(
      EXPECTED['grafana-oncall'],
    );
    expect(grafanaOncallApi.map({ alertGroup: { count: 0, results: [] } })).toStrictEqual({});
    expect(grafanaOncallApi.map({ alertGroup: { results: 'x' } })).toStrictEqual({});
    expect(grafanaOncallApi.map({ alertGroup: { ...main, state: 'Acknowledged' } }).status).toBe('acknowledged');
  });

  it('reserved keys: labels and the alert payload', () => {
    const label = (key: string, value: string) => `{"key": {"name": "${key}"}, "value": {"name": "${value}"}}`;
    const fields = grafanaOncallApi.map({
      alertGroup: JSON.parse(
        `{"title": "t", "labels": [${label('__proto__', 'x')}, ${label('constructor', 'x')}, ${label('prototype', 'x')}, ${label('ok', 'yes')}, {"key": "k", "value": 5}], "last_alert": {"payload": {${RESERVED}, "ok": 1}}}`,
      ),
    });
    expect(fields).toStrictEqual({ title: 't', custom_fields: { ok: 'yes' }, alert_details: { ok: 1 } });
    expectPlainMap(fields.custom_fields, ['ok']);
    expectPlainMap(fields.alert_details, ['ok']);
    expect(snapshotCheck('grafana-oncall', fields).success).toBe(true);
    expectNoPollution();
  });
});
