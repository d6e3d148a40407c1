// @vitest-environment node
// Nothing here needs a DOM.
import { describe, expect, it } from 'vitest';
import { type IncidentFields, IncidentSnapshotSchema, MAX_FIELD_CHARS, SiteIdSchema } from '@/lib/model/incident';
import { apiForSite, INCIDENT_APIS } from '@/lib/sites/apis';
import { grafanaOncallApi } from '@/lib/sites/grafana-oncall/api';
import { incidentIoApi } from '@/lib/sites/incident-io/api';
import { opsgenieApi } from '@/lib/sites/opsgenie/api';
import { pagerDutyApi } from '@/lib/sites/pagerduty/api';
import { pagerTreeApi } from '@/lib/sites/pagertree/api';
import type { IncidentApi } from '@/lib/sites/site';
import { readFixtureJson } from '../../support/site-fixtures';

type Json = Record<string, unknown>;

/** `site/file.json` in the site's fixtures folder. */
function fixture(path: string): Json {
  const [site = '', file = ''] = path.split('/');
  return readFixtureJson(site, file);
}

/** A fresh copy each time, so a case that edits it cannot leak into another. */
const copy = <T>(value: T): T => structuredClone(value);

/**
 * Per vendor: the page the fixture belongs to, the fixture answers, and how the main object (the one carrying
 * the title) sits in the answers, so the hostile cases can swap it for something else.
 */
interface Vendor {
  api: IncidentApi;
  id: string;
  url: string;
  answers: () => Json;
  /** Answers whose main object is `main` (the other answers as in the fixture). */
  withMain: (main: unknown) => Json;
  main: () => Json;
  titleKey: string;
  /** Every answer key `calls()` names. */
  keys: string[];
}

const pagerDutyAnswers = () => ({
  incident: fixture('pagerduty/api-incident.json'),
  customFields: fixture('pagerduty/api-custom-fields.json'),
  alerts: fixture('pagerduty/api-alerts.json'),
});

type Site = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'incident-io' | 'pagertree';

const VENDORS: Record<Site, Vendor> = {
  pagerduty: {
    api: pagerDutyApi,
    id: 'Q2W3E4R5T6Y7U8',
    url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
    answers: pagerDutyAnswers,
    withMain: (main) => ({ ...pagerDutyAnswers(), incident: { incident: main } }),
    main: () => fixture('pagerduty/api-incident.json').incident as Json,
    titleKey: 'title',
    keys: ['incident', 'customFields', 'alerts'],
  },
  opsgenie: {
    api: opsgenieApi,
    id: '5f2c8b1e-9d3a-4e6f-8a71-3c4d2e1b0f96-1718035200123',
    url: 'https://acme.app.opsgenie.com/alert/detail/5f2c8b1e-9d3a-4e6f-8a71-3c4d2e1b0f96-1718035200123/details',
    answers: () => ({ alert: fixture('opsgenie/api-alert.json') }),
    withMain: (main) => ({ alert: { data: main, took: 0.004, requestId: 'r' } }),
    main: () => fixture('opsgenie/api-alert.json').data as Json,
    titleKey: 'message',
    keys: ['alert'],
  },
  'grafana-oncall': {
    api: grafanaOncallApi,
    id: 'I7QZ3NV5KD2XM',
    url: 'https://acme.grafana.net/a/grafana-oncall-app/alert-groups/I7QZ3NV5KD2XM',
    answers: () => ({ alertGroup: fixture('grafana-oncall/api-alert-group.json') }),
    withMain: (main) => ({ alertGroup: main }),
    main: () => fixture('grafana-oncall/api-alert-group.json'),
    titleKey: 'title',
    keys: ['alertGroup'],
  },
  'incident-io': {
    api: incidentIoApi,
    id: '1432',
    url: 'https://app.incident.io/acme/incidents/1432',
    answers: () => ({ incident: fixture('incident-io/api-incident.json') }),
    withMain: (main) => ({ incident: { incident: main } }),
    main: () => fixture('incident-io/api-incident.json').incident as Json,
    titleKey: 'name',
    keys: ['incident'],
  },
  pagertree: {
    api: pagerTreeApi,
    id: 'alt_Xb7Qm2RkVp9LwD',
    url: 'https://app.pagertree.com/01HQ3V7N2C8R5K4M6P9T1W0XYZ/alerts/alt_Xb7Qm2RkVp9LwD',
    answers: () => ({ alert: fixture('pagertree/api-alert.json') }),
    withMain: (main) => ({ alert: main }),
    main: () => fixture('pagertree/api-alert.json'),
    titleKey: 'title',
    keys: ['alert'],
  },
};

const SITES = Object.keys(VENDORS) as Site[];

/** The snapshot the background would build: the API's fields on top of the page's site, id and URL. */
function snapshotCheck(site: Site, fields: IncidentFields) {
  const vendor = VENDORS[site];
  return IncidentSnapshotSchema.safeParse({ site, id: vendor.id, url: vendor.url, ...fields });
}

function expectNoPollution() {
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
}

/** The map's own keys, and that none of them is reserved or reached a prototype. */
function expectPlainMap(map: unknown, keys: string[]) {
  expect(map).toBeDefined();
  expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  expect(Object.keys(map as object)).toEqual(keys);
  for (const reserved of ['__proto__', 'constructor', 'prototype']) {
    expect(Object.hasOwn(map as object, reserved)).toBe(false);
  }
}

const GRAFANA_PAYLOAD = {
  receiver: 'grafana-oncall',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'payments',
        pod: 'checkout-api-7d9f8b6c5-x2k4p',
        severity: 'critical',
      },
      annotations: {
        description:
          'Back-off restarting failed container checkout-api in pod checkout-api-7d9f8b6c5-x2k4p (namespace payments).',
      },
      startsAt: '2024-06-10T15:58:41Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'https://prometheus.acme.example/graph?g0.expr=kube_pod_container_status_waiting_reason',
      fingerprint: '4f3c2a1b0e9d8c7b',
    },
  ],
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: { alertname: 'KubePodCrashLooping', namespace: 'payments', severity: 'critical' },
  commonAnnotations: {},
  externalURL: 'https://alertmanager.acme.example',
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  truncatedAlerts: 0,
};

/** Written from reading each fixture, not computed from it. */
const EXPECTED: Record<Site, IncidentFields> = {
  pagerduty: {
    number: 18342,
    title: 'Checkout API p99 latency above 2s',
    status: 'acknowledged',
    urgency: 'high',
    priority: 'P1',
    service: { id: 'PCHK4PI', name: 'Checkout API' },
    assignees: [{ id: 'PDW7K2Q', name: 'Dana Whitfield' }],
    teams: [{ id: 'PTPAYMT', name: 'Payments' }],
    escalation_policy: { id: 'PEPAY01', name: 'Payments Primary' },
    created_at: '2026-03-04T09:12:45Z',
    html_url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
    incident_key: 'checkout-api/p99-latency/us-east-1',
    custom_fields: {
      environment: 'production',
      region: 'us-east-1',
      customer_impact: true,
      affected_orders: 1240,
      jira_ticket: null,
    },
    alert_details: {
      metric: 'http_server_duration_p99_ms',
      threshold_ms: 2000,
      observed_ms: 3412,
      region: 'us-east-1',
      cluster: 'prod-use1-a',
      runbook_url: 'https://wiki.acme.example/runbooks/checkout-latency',
    },
  },
  opsgenie: {
    number: 1932,
    title: 'Disk usage above 95% on db-prod-3',
    status: 'open',
    priority: 'P1',
    assignees: [{ name: 'jane.doe@acme.example', email: 'jane.doe@acme.example' }],
    service: { id: 'c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03', name: 'Prometheus (prod)' },
    created_at: '2024-06-10T16:00:00.123Z',
    incident_key: 'db-prod-3-disk-usage',
    custom_fields: {
      cluster: 'prod-eu',
      mountpoint: '/var/lib/postgresql',
      runbook: 'https://runbooks.acme.example/db/disk-full',
    },
    alert_details: 'Filesystem /var/lib/postgresql is 96.4% full on db-prod-3.',
  },
  'grafana-oncall': {
    number: 4211,
    title: '[firing:3] KubePodCrashLooping checkout-api',
    status: 'firing',
    created_at: '2024-06-10T16:00:04.512731Z',
    html_url: 'https://acme.grafana.net/a/grafana-oncall-app/alert-groups/I7QZ3NV5KD2XM',
    custom_fields: { severity: 'critical', cluster: 'prod-eu' },
    alert_details: GRAFANA_PAYLOAD,
  },
  'incident-io': {
    number: 1432,
    title: 'Payments API returning 502s for EU customers',
    status: 'investigating',
    priority: 'Critical',
    assignees: [{ id: '01HX2P4R6T8V0W2Y4A6C8E0G2J', name: 'Priya Shah', email: 'priya.shah@acme.example' }],
    created_at: '2024-05-14T09:12:44Z',
    html_url: 'https://app.incident.io/acme/incidents/1432',
    custom_fields: {
      'Incident type': 'Production Outage',
      'Affected Team': 'Payments',
      'Customer impact': 'Checkout failing for EU card payments',
    },
  },
  pagertree: {
    number: 1287,
    title: 'Checkout API p95 latency above 2s',
    status: 'open',
    urgency: 'high',
    created_at: '2024-05-14T09:12:44.000Z',
    html_url: 'https://app.pagertree.com/01HQ3V7N2C8R5K4M6P9T1W0XYZ/alerts/alt_Xb7Qm2RkVp9LwD',
    incident_key: 'dd-monitor-88213-checkout-p95',
  },
};

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

describe.each(SITES)('%s API over its fixture answers', (site) => {
  const vendor = VENDORS[site];

  it('maps to the expected fields', () => {
    expect(vendor.api.map(vendor.answers())).toStrictEqual(EXPECTED[site]);
  });

  it('gives a snapshot the model accepts', () => {
    const result = snapshotCheck(site, vendor.api.map(vendor.answers()));
    expect(result.error).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it('reads the whole title of a 2 MB message only up to the model limit', () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const fields = vendor.api.map(vendor.withMain({ ...vendor.main(), [vendor.titleKey]: huge }));
    expect(fields.title?.length).toBe(MAX_FIELD_CHARS);
    expect(fields.status).toBe(EXPECTED[site].status);
    expect(snapshotCheck(site, fields).success).toBe(true);
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
        const result = snapshotCheck(site, fields);
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
    [pagerDutyApi, ['/incidents/a%2Fb%3Fc', '/incidents/a%2Fb%3Fc/custom_fields/values']],
    [opsgenieApi, ['/v2/alerts/a%2Fb%3Fc?identifierType=id']],
    [grafanaOncallApi, ['/api/v1/alert_groups/a%2Fb%3Fc']],
    [incidentIoApi, ['/v2/incidents/a%2Fb%3Fc']],
    [pagerTreeApi, ['/alerts/a%2Fb%3Fc']],
  ] as [IncidentApi, string[]][])('%#: calls() puts the id in the path encoded', (api, paths) => {
    const calls = api.calls('a/b?c');
    expect(calls.slice(0, paths.length).map((call) => call.path)).toEqual(paths);
    for (const call of calls) expect(call.path).not.toContain('a/b?c');
    expect(calls[0]?.required).toBe(true);
  });

  it('names the answer keys the mappers read', () => {
    expect(pagerDutyApi.calls('Q1')).toStrictEqual([
      { key: 'incident', path: '/incidents/Q1', required: true },
      { key: 'customFields', path: '/incidents/Q1/custom_fields/values', required: false },
      { key: 'alerts', path: '/incidents/Q1/alerts?limit=1&sort_by=created_at:asc', required: false },
    ]);
    expect(opsgenieApi.calls('5f2c')).toStrictEqual([
      { key: 'alert', path: '/v2/alerts/5f2c?identifierType=id', required: true },
    ]);
    expect(grafanaOncallApi.calls('I7QZ')).toStrictEqual([
      { key: 'alertGroup', path: '/api/v1/alert_groups/I7QZ', required: true },
    ]);
    expect(incidentIoApi.calls('1432')).toStrictEqual([
      { key: 'incident', path: '/v2/incidents/1432', required: true },
    ]);
    expect(pagerTreeApi.calls('alt_X')).toStrictEqual([{ key: 'alert', path: '/alerts/alt_X', required: true }]);
  });
});

describe('headers', () => {
  const page = (url: string) => new URL(url);

  it('PagerDuty: the v2 Accept header and a Token token', () => {
    expect(pagerDutyApi.headers('k3y', page(VENDORS.pagerduty.url))).toStrictEqual({
      Accept: 'application/vnd.pagerduty+json;version=2',
      Authorization: 'Token token=k3y',
    });
  });

  it('Opsgenie: GenieKey', () => {
    expect(opsgenieApi.headers('k3y', page(VENDORS.opsgenie.url))).toStrictEqual({ Authorization: 'GenieKey k3y' });
  });

  it('Grafana Cloud: Bearer plus the stack URL', () => {
    expect(grafanaOncallApi.headers('glsa_k3y', page(VENDORS['grafana-oncall'].url))).toStrictEqual({
      Authorization: 'Bearer glsa_k3y',
      'X-Grafana-URL': 'https://acme.grafana.net',
    });
  });

  it.each([
    'https://grafana.internal.example/grafana/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT?perpage=25&start=1',
    'https://grafana.example.com:3000/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
    'https://acme.grafana.net.evil.example/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
    'https://evilgrafana.net/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT',
  ])('Grafana OnCall OSS (%s): the bare token, no stack header', (url) => {
    expect(grafanaOncallApi.headers('k3y', page(url))).toStrictEqual({ Authorization: 'k3y' });
  });

  it('incident.io and PagerTree: Bearer', () => {
    expect(incidentIoApi.headers('k3y', page(VENDORS['incident-io'].url))).toStrictEqual({
      Authorization: 'Bearer k3y',
    });
    expect(pagerTreeApi.headers('k3y', page(VENDORS.pagertree.url))).toStrictEqual({ Authorization: 'Bearer k3y' });
  });
});

describe('defaultBase', () => {
  it.each([
    [pagerDutyApi, 'https://acme.pagerduty.com/incidents/Q1', 'https://api.pagerduty.com'],
    [pagerDutyApi, 'https://acme.eu.pagerduty.com/incidents/Q1', 'https://api.eu.pagerduty.com'],
    [pagerDutyApi, 'https://acme.eu.pagerduty.com.evil.example/incidents/Q1', 'https://api.pagerduty.com'],
    [opsgenieApi, VENDORS.opsgenie.url, 'https://api.opsgenie.com'],
    [opsgenieApi, 'https://app.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.opsgenie.com'],
    [opsgenieApi, 'https://acme.app.eu.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.eu.opsgenie.com'],
    [opsgenieApi, 'https://app.eu.opsgenie.com/alert/detail/5f2c8b1e-9d3a/details', 'https://api.eu.opsgenie.com'],
    [opsgenieApi, 'https://acme.atlassian-app.opsgenie.com/alert/detail/5f2c8b1e-9d3a', 'https://api.opsgenie.com'],
    [opsgenieApi, 'https://acme.atlassian.net/jira/ops/alerts/9b7e4c21-6a3f', 'https://api.opsgenie.com'],
    [
      opsgenieApi,
      'https://acme.app.eu.opsgenie.com.evil.example/alert/detail/5f2c8b1e-9d3a',
      'https://api.opsgenie.com',
    ],
    [grafanaOncallApi, VENDORS['grafana-oncall'].url, undefined],
    [grafanaOncallApi, 'https://grafana.internal.example/grafana/a/grafana-oncall-app/alert-groups/IB2M', undefined],
    [incidentIoApi, VENDORS['incident-io'].url, 'https://api.incident.io'],
    [pagerTreeApi, VENDORS.pagertree.url, 'https://api.pagertree.com/api/v4'],
  ] as [IncidentApi, string, string | undefined][])('%#: %s on %s', (api, url, base) => {
    expect(api.defaultBase(new URL(url))).toBe(base);
  });
});

describe('vendor specifics', () => {
  it('Opsgenie: acknowledged open alerts read as acknowledged, closed stays closed, names teams that have one', () => {
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

  it('Grafana OnCall: the detail answer may come as a one-item list', () => {
    const main = VENDORS['grafana-oncall'].main();
    expect(grafanaOncallApi.map({ alertGroup: { count: 1, results: [main] } })).toStrictEqual(
      EXPECTED['grafana-oncall'],
    );
    expect(grafanaOncallApi.map({ alertGroup: { count: 0, results: [] } })).toStrictEqual({});
    expect(grafanaOncallApi.map({ alertGroup: { results: 'x' } })).toStrictEqual({});
    expect(grafanaOncallApi.map({ alertGroup: { ...main, state: 'Acknowledged' } }).status).toBe('acknowledged');
  });

  it('incident.io: leads only, and every kind of custom field value', () => {
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

  it('PagerTree: severity and message only for alerts flagged as incidents', () => {
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

  it('PagerTree: builds the page link only from ids of the shapes PagerTree uses', () => {
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
});

describe('reserved keys in vendor maps', () => {
  const RESERVED = '"__proto__": {"polluted": true}, "constructor": {"polluted": true}, "prototype": "p"';

  it('PagerDuty: custom field names and alert details', () => {
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

  it('Opsgenie: details (values of no usable type dropped too)', () => {
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

  it('Grafana OnCall: labels and the alert payload', () => {
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

  it('incident.io: custom field names', () => {
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

  it('PagerTree: additional data labels', () => {
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
