/**
 * The five vendor APIs over their saved answers (lib/sites/<site>/fixtures/api-*.json): per vendor, the page an
 * answer belongs to, the answers, how the main object (the one carrying the title) sits in them, and the fields
 * the mapping must give. Shared by test/lib/sites/apis.test.ts (the contract every API meets) and each site's
 * api.test.ts. Not a test file itself (vitest only collects *.test.ts[x]).
 */
import { expect } from 'vitest';
import { type IncidentFields, IncidentSnapshotSchema } from '@/lib/model/incident';
import { grafanaOncallApi } from '@/lib/sites/grafana-oncall/api';
import { incidentIoApi } from '@/lib/sites/incident-io/api';
import { jsmOpsApi, opsgenieApi } from '@/lib/sites/opsgenie/api';
import { pagerDutyApi } from '@/lib/sites/pagerduty/api';
import { pagerTreeApi } from '@/lib/sites/pagertree/api';
import type { IncidentApi } from '@/lib/sites/site';
import { readFixtureJson } from './site-fixtures';

export type Json = Record<string, unknown>;

/** `site/file.json` in the site's fixtures folder. */
function fixture(path: string): Json {
  const [site = '', file = ''] = path.split('/');
  return readFixtureJson(site, file);
}

/** A fresh copy each time, so a case that edits it cannot leak into another. */
export const copy = <T>(value: T): T => structuredClone(value);

/**
 * Per vendor: the page the fixture belongs to, the fixture answers, and how the main object (the one carrying
 * the title) sits in the answers, so the hostile cases can swap it for something else.
 */
export interface Vendor {
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

export const pagerDutyAnswers = () => ({
  incident: fixture('pagerduty/api-incident.json'),
  customFields: fixture('pagerduty/api-custom-fields.json'),
  alerts: fixture('pagerduty/api-alerts.json'),
});

export type Site = 'pagerduty' | 'opsgenie' | 'grafana-oncall' | 'incident-io' | 'pagertree';

export const VENDORS: Record<Site, Vendor> = {
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

export const SITES = Object.keys(VENDORS) as Site[];

/**
 * The JSM Operations API: site `opsgenie` too, called instead of Opsgenie's when the saved base is a JSM Operations
 * base. Its answer is the alert itself (`AlertResponse`), not wrapped in `data`; its page is a JSM alert page.
 */
export const JSM_OPS: Vendor = {
  api: jsmOpsApi,
  id: '9b7e4c21-6a3f-4d8b-b5e2-71c0f3a9d4e8-1718121600456',
  url: 'https://acme.atlassian.net/jira/ops/alerts/9b7e4c21-6a3f-4d8b-b5e2-71c0f3a9d4e8-1718121600456',
  answers: () => ({ alert: fixture('opsgenie/api-jsm-alert.json') }),
  withMain: (main) => ({ alert: main }),
  main: () => fixture('opsgenie/api-jsm-alert.json'),
  titleKey: 'message',
  keys: ['alert'],
};

/** Written from reading api-jsm-alert.json; it matches the saved JSM page `jsm-alert` where both show a value. */
export const EXPECTED_JSM: IncidentFields = {
  number: 2210,
  title: 'Checkout API p99 latency above 2s',
  status: 'acknowledged',
  priority: 'P2',
  assignees: [{ name: 'Sam Lee' }],
  service: { name: 'Default API' },
  created_at: '2024-06-11T16:00:00.456Z',
  incident_key: 'checkout-api-latency-p99',
  custom_fields: { service: 'checkout-api', region: 'eu-west-1' },
  alert_details: 'p99 latency for POST /checkout has been above 2s for 10 minutes in eu-west-1.',
};

/** The snapshot the background would build: the API's fields on top of the page's site, id and URL. */
export function snapshotCheck(site: Site, fields: IncidentFields, vendor: Vendor = VENDORS[site]) {
  return IncidentSnapshotSchema.safeParse({ site, id: vendor.id, url: vendor.url, ...fields });
}

export function expectNoPollution() {
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
}

/** The map's own keys, and that none of them is reserved or reached a prototype. */
export function expectPlainMap(map: unknown, keys: string[]) {
  expect(map).toBeDefined();
  expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  expect(Object.keys(map as object)).toEqual(keys);
  for (const reserved of ['__proto__', 'constructor', 'prototype']) {
    expect(Object.hasOwn(map as object, reserved)).toBe(false);
  }
}

/** A JSON object text holding the three reserved keys, for the hostile cases. */
export const RESERVED = '"__proto__": {"polluted": true}, "constructor": {"polluted": true}, "prototype": "p"';

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
export const EXPECTED: Record<Site, IncidentFields> = {
  pagerduty: {
    number: 18342,
    title: 'Checkout API p99 latency above 2s',
    status: 'acknowledged',
    urgency: 'high',
    priority: 'P1',
    service: { id: 'PCHK4PI', name: 'Checkout API' },
    assignees: [{ id: 'PDW7K2Q', name: 'Dana Whitfield', at: '2026-03-04T09:12:45Z' }],
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
    custom_fields_by_display_name: {
      Environment: 'production',
      Region: 'us-east-1',
      'Customer impact': true,
      'Affected orders': 1240,
      'Jira ticket': null,
    },
    alert_details: {
      metric: 'http_server_duration_p99_ms',
      threshold_ms: 2000,
      observed_ms: 3412,
      region: 'us-east-1',
      cluster: 'prod-use1-a',
      runbook_url: 'https://wiki.acme.example/runbooks/checkout-latency',
    },
    custom_field_values: [
      {
        id: 'PCFENV1',
        name: 'environment',
        data_type: 'string',
        field_type: 'single_value_fixed',
        value: 'production',
      },
      { id: 'PCFREG2', name: 'region', data_type: 'string', field_type: 'single_value', value: 'us-east-1' },
      { id: 'PCFIMP3', name: 'customer_impact', data_type: 'boolean', field_type: 'single_value', value: true },
      { id: 'PCFORD4', name: 'affected_orders', data_type: 'integer', field_type: 'single_value', value: 1240 },
      { id: 'PCFTKT5', name: 'jira_ticket', data_type: 'url', field_type: 'single_value', value: null },
    ],
    priority_id: 'PPRIO01',
    incident_type: 'incident_default',
    last_status_change_at: '2026-03-04T09:15:02Z',
    last_status_change_by: { id: 'PDW7K2Q', name: 'Dana Whitfield', type: 'user_reference' },
    first_trigger_log_entry: { id: 'R2F7Q9K3M1X5W8B4N6Z0C2V7HJ', name: 'Triggered through the API.' },
    alert_counts: { all: 1, triggered: 1, resolved: 0 },
    alert_keys: ['checkout-api/p99-latency/us-east-1'],
    conference_bridge: {
      conference_number: '+1 555-0100,,482913#',
      conference_url: 'https://meet.acme.example/checkout-war-room',
    },
    acknowledgements: [
      { at: '2026-03-04T09:15:02Z', by: { id: 'PDW7K2Q', name: 'Dana Whitfield', type: 'user_reference' } },
    ],
    pending_actions: [
      { type: 'unacknowledge', at: '2026-03-04T09:45:02Z' },
      { type: 'resolve', at: '2026-03-05T09:12:45Z' },
    ],
    is_mergeable: true,
    service_details: {
      description: 'Checkout and payment API behind the web shop',
      created_at: '2024-05-14T08:20:11Z',
      status: 'critical',
      last_incident_timestamp: '2026-03-04T09:12:45Z',
      acknowledgement_timeout: 1800,
      auto_resolve_timeout: 14400,
      alert_creation: 'create_alerts_and_incidents',
      urgency_rule: { type: 'constant', urgency: 'high' },
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
