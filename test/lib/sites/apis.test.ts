// @vitest-environment node
// Nothing here needs a DOM. The contract every vendor API meets over its saved answers; each site's own
// headers, bases and quirks are in test/lib/sites/<site>/api.test.ts.
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, SiteIdSchema } from '@/lib/model/incident';
import { apiForSite, INCIDENT_APIS } from '@/lib/sites/apis';
import { grafanaOncallApi } from '@/lib/sites/grafana-oncall/api';
import { incidentIoApi } from '@/lib/sites/incident-io/api';
import { jsmOpsApi, opsgenieApi } from '@/lib/sites/opsgenie/api';
import { pagerDutyApi } from '@/lib/sites/pagerduty/api';
import { pagerTreeApi } from '@/lib/sites/pagertree/api';
import type { IncidentApi } from '@/lib/sites/site';
import {
  copy,
  EXPECTED,
  EXPECTED_JSM,
  expectNoPollution,
  JSM_OPS,
  type Json,
  SITES,
  snapshotCheck,
  VENDORS,
} from '../../support/vendor-apis';

describe('registry', () => {
  it('lists the five APIs, PagerDuty first, each under a site id the model accepts', () => {
    expect(INCIDENT_APIS.map((api) => api.site)).toEqual([
      'pagerduty',
      'opsgenie',
      'grafana-oncall',
      'incident-io',
      'pagertree',
    ]);
    for (const api of INCIDENT_APIS) {
      expect(apiForSite(api.site)).toBe(api);
      expect(SiteIdSchema.safeParse(api.site).success).toBe(true);
      expect(api.tokenHelp.length).toBeGreaterThan(10);
    }
    expect(apiForSite('custom:acme')).toBeUndefined();
  });
});

// Every vendor API, plus JSM Operations (site `opsgenie`, reached through a JSM Operations base).
const CASES = [
  ...SITES.map((site) => ({ name: site, site, vendor: VENDORS[site], expected: EXPECTED[site] })),
  { name: 'opsgenie (JSM Operations)', site: 'opsgenie' as const, vendor: JSM_OPS, expected: EXPECTED_JSM },
];

describe.each(CASES)('$name API over its fixture answers', ({ site, vendor, expected }) => {
  const check = (fields: Parameters<typeof snapshotCheck>[1]) => snapshotCheck(site, fields, vendor);

  it('maps to the expected fields', () => {
    expect(vendor.api.map(vendor.answers())).toStrictEqual(expected);
  });

  it('gives a snapshot the model accepts', () => {
    const result = check(vendor.api.map(vendor.answers()));
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('reads the whole title of a 2 MB message only up to the model limit', () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const fields = vendor.api.map(vendor.withMain({ ...vendor.main(), [vendor.titleKey]: huge }));
    expect(fields.title?.length).toBe(MAX_FIELD_CHARS);
    expect(fields.title).toBe(huge.slice(0, MAX_FIELD_CHARS));
    expect(fields.status).toBe(expected.status);
    expect(check(fields).success).toBe(true);
  });

  it.each([
    ['no answers', {}],
    ...vendor.keys.flatMap((key) => [
      [`${key}: null`, { [key]: null }],
      [`${key}: []`, { [key]: [] }],
      [`${key}: "x"`, { [key]: 'x' }],
      [`${key}: 42`, { [key]: 42 }],
      [`${key}: {"incident": "x"}`, { [key]: { incident: 'x' } }],
      [`${key}: {"data": []}`, { [key]: { data: [] } }],
    ]),
  ] as [string, Json][])('reads nothing from %s', (_name, answers) => {
    expect(vendor.api.map(answers)).toStrictEqual({});
  });

  it('never throws on wrong types in any field of the main object, and stays valid', () => {
    const hostile: unknown[] = [null, [], {}, '', 'x', JSON.parse('1e400'), -1.5, true, [null, 1, 'x', {}, []]];
    const main = vendor.main();
    let checked = 0;
    for (const key of Object.keys(main)) {
      for (const value of hostile) {
        const fields = vendor.api.map(vendor.withMain({ ...copy(main), [key]: value }));
        const result = check(fields);
        if (!result.success) throw new Error(`${key} = ${JSON.stringify(value)}: ${result.error.message}`);
        checked++;
      }
    }
    expect(checked).toBe(Object.keys(main).length * hostile.length);
    expectNoPollution();
  });
});

describe('percent-encoded ids', () => {
  it.each([
    [
      pagerDutyApi,
      [
        '/incidents/a%2Fb%3Fc?include[]=services&include[]=conference_bridge',
        '/incidents/a%2Fb%3Fc/custom_fields/values',
      ],
    ],
    [opsgenieApi, ['/v2/alerts/a%2Fb%3Fc?identifierType=id']],
    [jsmOpsApi, ['/v1/alerts/a%2Fb%3Fc']],
    [grafanaOncallApi, ['/api/v1/alert_groups/a%2Fb%3Fc']],
    [incidentIoApi, ['/v2/incidents/a%2Fb%3Fc']],
    [pagerTreeApi, ['/alerts/a%2Fb%3Fc']],
  ] as [IncidentApi, string[]][])('%#: calls() puts the id in the path encoded', (api, paths) => {
    const calls = api.calls('a/b?c');
    expect(calls.slice(0, paths.length).map((call) => call.path)).toEqual(paths);
    for (const call of calls) expect(call.path).not.toContain('a/b?c');
    expect(calls[0]?.required).toBe(true);
  });
});
