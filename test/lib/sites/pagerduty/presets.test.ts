// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path in assertions, their shape checked by shapeProblems
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { renderRequest } from '@/lib/render/request';
import { pagerDutyApi } from '@/lib/sites/pagerduty/api';
import { makeIncident } from '../../../support/builders';
import { actionFrom, bodyOf, FULL, INVOCATION, preset } from '../../../support/presets';
import { readFixture } from '../../../support/site-fixtures';
import { pagerDutyAnswers } from '../../../support/vendor-apis';
import { type Json, nullPaths, type ShapeOptions, shapeProblems } from '../../../support/webhook-shape';

/** PagerDuty's webhook examples, saved beside the site's adapter. */
const webhook = (name: string) => JSON.parse(readFixture('pagerduty', `webhooks/${name}`)) as Json;
const v2Custom = webhook('v2-05-incident-custom.json');
/** The other V2 events: the same message object, so they say where PagerDuty sends null and what a list holds. */
const v2Others = [
  'v2-01-incident-trigger.json',
  'v2-02-incident-acknowledge.json',
  'v2-03-incident-resolve.json',
  'v2-04-incident-assign.json',
].map(webhook);
const v3Envelope = webhook('v3-02-webhook-payload.json') as { event: Record<string, Json> };
/** Another envelope (service.updated), with a null agent: what PagerDuty sends when no user acted. */
const v3OtherEnvelope = (webhook('v3-03-webhook-payload.json') as { event: Record<string, Json> }).event;
const v3Incident = webhook('v3-04-incident.json');
const v3FieldValues = webhook('v3-06-incident-field-values.json');
const v3Workflow = webhook('v3-12-incident-workflow-instance.json');
const v3Invocation = webhook('v3-15-incident-action-invocation.json');
/** PagerDuty's published REST API schema, the entries the field event's values must fit. */
const restSchema = JSON.parse(readFixture('pagerduty', 'rest-schema-excerpt.json')) as {
  CustomFieldsFieldValue: {
    properties: Record<string, { enum: string[] }> & { value: { oneOf: { title: string }[] } };
  };
};

/**
 * The incident as the extension has it on PagerDuty with the API read: the page's fields (the sample incident,
 * with the signed-in user) completed by the API's answers (lib/sites/pagerduty/fixtures/api-*.json).
 */
const READ: IncidentSnapshot = { ...FULL, ...pagerDutyApi.map(pagerDutyAnswers()) };

/** What neither the page nor PagerDuty's REST API gives, although PagerDuty's examples have a value there. */
const V3_UNKNOWN = { '$.reopened_at': 'not in the REST API’s Incident, nor on the page' };

/** READ with its text fields only, the kind PagerDuty's field example has. */
const TEXT_FIELDS: IncidentSnapshot = {
  ...READ,
  custom_field_values: READ.custom_field_values?.filter((f) => f.data_type === 'string' && f.value !== null),
};

const envelopeOf = (id: string, incident = READ, changes?: Record<string, any>) =>
  (bodyOf(actionFrom(id), incident, { customFieldChanges: changes }) as { event: Record<string, any> }).event;

describe('the shape checker', () => {
  it('notices a missing key, an added key, another type, and a null where PagerDuty sends a value', () => {
    expect(shapeProblems({ a: 'x', b: { c: 1 } }, { a: 'y', b: { c: '1' } })).toEqual([
      '$.b.c: string, PagerDuty sends number',
    ]);
    expect(shapeProblems({ a: 'x' }, { a: 'x', b: 1 })).toEqual(["$.b: not in PagerDuty's example"]);
    expect(shapeProblems({ a: 'x', b: 1 }, { a: 'x' })).toEqual(['$.b: missing']);
    expect(shapeProblems({ a: 'x' }, { a: null })).toEqual(['$.a: null, PagerDuty sends string']);
  });

  it('checks every list item, not only the first, and a list the example leaves empty by another example', () => {
    const example = { list: [{ id: 'x' }] };
    expect(shapeProblems(example, { list: [{ id: 'a' }, { id: 'b', extra: 1 }] })).toEqual([
      "$.list[1].extra: not in PagerDuty's example",
    ]);
    expect(shapeProblems({ list: [] }, { list: [{ id: 1 }] })).toEqual([
      '$.list: has items, and no PagerDuty example shows one',
    ]);
    expect(shapeProblems({ list: [] }, { list: [{ id: 1 }] }, { others: [example] })).toEqual([
      '$.list[0].id: number, PagerDuty sends string',
    ]);
  });

  it('lets a value be null where another example is null, or where `unknown` says why, and types it elsewhere', () => {
    const options: ShapeOptions = { others: [{ a: null, b: 1, c: 'x' }] };
    expect(shapeProblems({ a: 'x', b: null, c: 'y' }, { a: null, b: 'one', c: null }, options)).toEqual([
      '$.b: string, PagerDuty sends number',
      '$.c: null, PagerDuty sends string',
    ]);
    expect(shapeProblems({ c: 'y' }, { c: null }, { unknown: { '$.c': 'never shown' } })).toEqual([]);
  });
});

describe('PagerDuty presets against PagerDuty’s webhook examples', () => {
  it('V2 custom action: exactly the keys and types of v2-05-incident-custom.json, null only where PagerDuty is', () => {
    const body = bodyOf(actionFrom('pagerduty-v2-custom'), READ);
    expect(shapeProblems(v2Custom, body, { others: v2Others })).toEqual([]);
    // A page alone gives the service's reference only: its own fields are then null, where PagerDuty has values.
    const { service_details: _details, ...pageAndOtherFields } = READ;
    const problems = shapeProblems(v2Custom, bodyOf(actionFrom('pagerduty-v2-custom'), pageAndOtherFields), {
      others: v2Others,
    });
    expect(problems).toEqual([
      '$.messages[0].incident.service.created_at: null, PagerDuty sends string',
      '$.messages[0].incident.service.status: null, PagerDuty sends string',
      '$.messages[0].incident.service.alert_creation: null, PagerDuty sends string',
      '$.messages[0].incident.service.last_incident_timestamp: null, PagerDuty sends string',
      '$.messages[0].incident.service.incident_urgency_rule: null, PagerDuty sends object',
    ]);
  });

  it('V2: the values PagerDuty sends, from the page and the API', () => {
    const [message] = (bodyOf(actionFrom('pagerduty-v2-custom'), READ) as { messages: Record<string, any>[] }).messages;
    // Rundeck's "PagerDuty: Generic V2 Webhook" sample rule: job option pd_incident_id from the incident id.
    expect(message?.event).toBe('incident.custom');
    expect(message?.id).toBe(INVOCATION.id);
    expect(message?.created_on).toBe('2026-11-24T10:00:00.000Z');
    const incident = message?.incident;
    expect(incident).toMatchObject({
      id: FULL.id,
      incident_number: 18342,
      summary: '[#18342] Checkout API p99 latency above 2s',
      // Every alert's key (the V2 overview: "a list of alert keys associated with this incident").
      alerts: [{ alert_key: 'checkout-api/p99-latency/us-east-1' }],
      alert_counts: { all: 1, triggered: 1, resolved: 0 },
      is_mergeable: true,
      assignments: [{ at: '2026-03-04T09:12:45Z', assignee: { id: 'PDW7K2Q', summary: 'Dana Whitfield' } }],
      acknowledgements: [
        {
          at: '2026-03-04T09:15:02Z',
          acknowledger: {
            id: 'PDW7K2Q',
            type: 'user_reference',
            summary: 'Dana Whitfield',
            self: 'https://api.pagerduty.com/users/PDW7K2Q',
            html_url: 'https://acme.pagerduty.com/users/PDW7K2Q',
          },
        },
      ],
      pending_actions: [
        { type: 'unacknowledge', at: '2026-03-04T09:45:02Z' },
        { type: 'resolve', at: '2026-03-05T09:12:45Z' },
      ],
      last_status_change_at: '2026-03-04T09:15:02Z',
      last_status_change_by: {
        id: 'PDW7K2Q',
        type: 'user_reference',
        summary: 'Dana Whitfield',
        self: 'https://api.pagerduty.com/users/PDW7K2Q',
        html_url: 'https://acme.pagerduty.com/users/PDW7K2Q',
      },
      first_trigger_log_entry: {
        id: 'R2F7Q9K3M1X5W8B4N6Z0C2V7HJ',
        type: 'trigger_log_entry_reference',
        summary: 'Triggered through the API.',
        self: 'https://api.pagerduty.com/log_entries/R2F7Q9K3M1X5W8B4N6Z0C2V7HJ',
        html_url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8/log_entries/R2F7Q9K3M1X5W8B4N6Z0C2V7HJ',
      },
      priority: {
        id: 'PPRIO01',
        type: 'priority_reference',
        summary: 'P1',
        self: 'https://api.pagerduty.com/priorities/PPRIO01',
        html_url: 'https://acme.pagerduty.com/account/incident_priorities',
      },
    });
    expect(message?.log_entries[0]).toMatchObject({
      type: 'custom_log_entry',
      self: `https://api.pagerduty.com/log_entries/${INVOCATION.id}`,
      channel: { type: 'custom_web_trigger', name: 'Restart checkout' },
      agent: { id: 'PSAMRIV', type: 'user_reference', summary: 'Sam Rivera' },
      incident: { id: FULL.id, summary: '[#18342] Checkout API p99 latency above 2s', html_url: FULL.html_url },
    });
    expect(message?.webhook).toMatchObject({
      name: 'Restart checkout',
      endpoint_url: 'https://rundeck.example/hook',
      self: 'https://api.pagerduty.com/webhooks/a1b2c3',
      outbound_integration: { id: 'PJFWPEP', summary: 'Generic V2 Webhook' },
      accounts_addon: null,
    });
  });

  it('V2: no priority and no alerts read give null and [] as PagerDuty sends them, never empty-string ids', () => {
    const { priority: _p, priority_id: _id, alert_keys: _k, ...rest } = READ;
    const incident = (bodyOf(actionFrom('pagerduty-v2-custom'), rest) as { messages: Record<string, any>[] })
      .messages[0]?.incident;
    expect(incident.priority).toBeNull();
    expect(incident.alerts).toEqual([]);
    const v3 = envelopeOf('pagerduty-v3-incident', { ...READ, priority_id: undefined } as IncidentSnapshot).data;
    expect(v3.priority).toMatchObject({ id: null, self: null, summary: 'P1' });
  });

  it('V2 sends PagerDuty’s X-Webhook-Id, the same on every attempt', () => {
    const request = renderRequest(actionFrom('pagerduty-v2-custom'), READ, { invocation: INVOCATION });
    expect(request.ok && request.value.headers).toContainEqual(['X-Webhook-Id', INVOCATION.id]);
  });

  it.each([
    ['pagerduty-v3-action-invocation-created', 'incident.action_invocation.created', v3Invocation],
    ['pagerduty-v3-action-invocation-updated', 'incident.action_invocation.updated', v3Invocation],
    ['pagerduty-v3-action-invocation-terminated', 'incident.action_invocation.terminated', v3Invocation],
    ['pagerduty-v3-workflow-started', 'incident.workflow.started', v3Workflow],
    ['pagerduty-v3-workflow-completed', 'incident.workflow.completed', v3Workflow],
    ['pagerduty-v3-field-values-updated', 'incident.custom_field_values.updated', v3FieldValues],
    ['pagerduty-v3-incident', 'incident.triggered', v3Incident],
  ])(
    '%s: exactly the keys and types of PagerDuty’s envelope and data, null only where PagerDuty is',
    (id, eventType, data) => {
      // PagerDuty's field example has text fields only: the other types are checked against its REST schema below.
      // A changed field, so that changed_custom_fields has an item to compare.
      const event = envelopeOf(id, TEXT_FIELDS, { environment: 'staging' });
      expect(
        shapeProblems({ ...v3Envelope.event, data: null }, { ...event, data: null }, { others: [v3OtherEnvelope] }),
      ).toEqual([]);
      expect(shapeProblems(data, event.data, { unknown: V3_UNKNOWN })).toEqual([]);
      expect(event).toMatchObject({
        id: INVOCATION.id,
        event_type: eventType,
        resource_type: 'incident',
        occurred_at: '2026-11-24T10:00:00.000Z',
        agent: { id: 'PSAMRIV', type: 'user_reference' },
      });
      // Rundeck's V3 plugin reads the incident's id from the data.
      const incidentId = event.data.type === 'incident' ? event.data.id : event.data.incident.id;
      expect(incidentId).toBe(FULL.id);
    },
  );

  it.each([
    ['pagerduty-v3-action-invocation-created', 'created'],
    ['pagerduty-v3-action-invocation-updated', 'running'],
    ['pagerduty-v3-action-invocation-terminated', 'completed'],
  ])('%s: the invocation is in state %s, and names the action that ran', (id, state) => {
    expect(envelopeOf(id).data).toMatchObject({ state, action: { id: 'a1b2c3', summary: 'Restart checkout' } });
  });

  it('the V3 incident: every field filled from the page and the API but what nobody can read', () => {
    const incident = envelopeOf('pagerduty-v3-incident').data;
    expect(nullPaths(incident)).toEqual(['$.reopened_at', '$.resolve_reason']);
    expect(incident).toMatchObject({
      number: 18342,
      status: 'acknowledged',
      priority: { id: 'PPRIO01', summary: 'P1', type: 'priority_reference' },
      service: {
        id: 'PCHK4PI',
        summary: 'Checkout API',
        self: 'https://api.pagerduty.com/services/PCHK4PI',
        html_url: 'https://acme.pagerduty.com/services/PCHK4PI',
      },
      incident_type: { name: 'incident_default' },
      conference_bridge: {
        conference_number: '+1 555-0100,,482913#',
        conference_url: 'https://meet.acme.example/checkout-war-room',
      },
    });
  });

  it('the editor’s first sample incident previews PagerDuty’s values too, null only where it has none', () => {
    expect(nullPaths(envelopeOf('pagerduty-v3-incident', FULL).data)).toEqual([
      '$.reopened_at',
      '$.conference_bridge',
      '$.resolve_reason',
    ]);
    const v2 = bodyOf(actionFrom('pagerduty-v2-custom'), FULL);
    expect(shapeProblems(v2Custom, v2, { others: v2Others })).toEqual([]);
  });

  it('V3 incident references carry the title, without the V2 "[#n] " prefix', () => {
    for (const id of ['pagerduty-v3-action-invocation-created', 'pagerduty-v3-workflow-started']) {
      expect(envelopeOf(id).data.incident.summary).toBe('Checkout API p99 latency above 2s');
    }
  });
});

describe('the custom field event', () => {
  const fieldEvent = (incident: IncidentSnapshot, changes?: Record<string, any>) =>
    envelopeOf('pagerduty-v3-field-values-updated', incident, changes).data;

  it('sends each field with the API’s id, field_type and data_type, values typed as PagerDuty types them', () => {
    const { custom_fields: fields } = fieldEvent(READ);
    expect(fields).toEqual([
      field('PCFENV1', 'environment', 'string', 'single_value_fixed', 'production'),
      field('PCFREG2', 'region', 'string', 'single_value', 'us-east-1'),
      field('PCFIMP3', 'customer_impact', 'boolean', 'single_value', true),
      field('PCFORD4', 'affected_orders', 'integer', 'single_value', 1240),
      field('PCFTKT5', 'jira_ticket', 'url', 'single_value', null),
    ]);
    expectPagerDutyFieldValues(fields);
  });

  it('a multi-value field is a list, as in v3-14-service-field-values.json, not "a, b"', () => {
    const answers = pagerDutyAnswers();
    (answers.customFields.custom_fields as any[]).push({
      id: 'PCFTAG6',
      type: 'field_value',
      name: 'components',
      data_type: 'string',
      field_type: 'multi_value',
      value: ['cart', 'payments'],
    });
    const incident = { ...FULL, ...pagerDutyApi.map(answers) };
    // Templates still read the joined text.
    expect(incident.custom_fields?.components).toBe('cart, payments');
    const item = fieldEvent(incident).custom_fields.find((f: any) => f.name === 'components');
    expect(item).toEqual(field('PCFTAG6', 'components', 'string', 'multi_value', ['cart', 'payments']));
    expectPagerDutyFieldValues([item]);
  });

  it('without the API, types are read from the values: integer and float apart, and no invented id', () => {
    const incident = makeIncident({ custom_fields: { count: 3, ratio: 0.5, on: false, env: 'prod' } });
    expect(fieldEvent(incident).custom_fields).toEqual([
      field(null, 'count', 'integer', 'single_value', 3),
      field(null, 'ratio', 'float', 'single_value', 0.5),
      field(null, 'on', 'boolean', 'single_value', false),
      field(null, 'env', 'string', 'single_value', 'prod'),
    ]);
    expectPagerDutyFieldValues(fieldEvent(incident).custom_fields);
  });

  it('changed_custom_fields lists exactly the changed fields, with the values they had; nothing changed: []', () => {
    expect(fieldEvent(READ).changed_custom_fields).toEqual([]);
    const event = fieldEvent(READ, { environment: 'staging', affected_orders: 1300 });
    expect(event.changed_custom_fields).toEqual([
      field('PCFENV1', 'environment', 'string', 'single_value_fixed', 'production'),
      field('PCFORD4', 'affected_orders', 'integer', 'single_value', 1240),
    ]);
    expect(event.custom_fields.map((f: any) => f.value)).toEqual(['staging', 'us-east-1', true, 1300, null]);
  });
});

describe('links: PagerDuty’s API and web URLs of the account, never the endpoint', () => {
  it('the action, the invocation, the workflow and its trigger', () => {
    const invocation = envelopeOf('pagerduty-v3-action-invocation-created').data;
    expect(invocation).toMatchObject({
      self: `https://api.pagerduty.com/automation/invocations/${INVOCATION.id}`,
      html_url: `https://acme.pagerduty.com/rundeck-actions/actions/a1b2c3/invocations/${INVOCATION.id}/report`,
      action: {
        id: 'a1b2c3',
        summary: 'Restart checkout',
        self: 'https://api.pagerduty.com/automation/actions/a1b2c3',
        html_url: 'https://acme.pagerduty.com/rundeck-actions/actions/a1b2c3',
      },
    });
    const workflow = envelopeOf('pagerduty-v3-workflow-started').data;
    expect(workflow.incident_workflow).toMatchObject({
      self: 'https://api.pagerduty.com/incident_workflows/a1b2c3',
      html_url: 'https://acme.pagerduty.com/incident-workflows/workflows/a1b2c3',
    });
    expect(workflow.workflow_trigger).toMatchObject({
      self: `https://api.pagerduty.com/incident_workflows/triggers/${INVOCATION.id}`,
      html_url: null,
    });
  });

  it('an EU account links to api.eu.pagerduty.com and its own subdomain', () => {
    const eu = {
      ...READ,
      url: 'https://acme.eu.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
      html_url: 'https://acme.eu.pagerduty.com/incidents/Q2W3E4R5T6Y7U8',
    };
    const data = envelopeOf('pagerduty-v3-action-invocation-created', eu).data;
    expect(data.action.self).toBe('https://api.eu.pagerduty.com/automation/actions/a1b2c3');
    expect(data.action.html_url).toBe('https://acme.eu.pagerduty.com/rundeck-actions/actions/a1b2c3');
    expect(data.incident.self).toBe('https://api.eu.pagerduty.com/incidents/Q2W3E4R5T6Y7U8');
  });

  const V3_PRESETS = [
    'pagerduty-v3-action-invocation-created',
    'pagerduty-v3-action-invocation-updated',
    'pagerduty-v3-action-invocation-terminated',
    'pagerduty-v3-workflow-started',
    'pagerduty-v3-workflow-completed',
    'pagerduty-v3-field-values-updated',
    'pagerduty-v3-incident',
  ];
  const token = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/);
  const endpoints = fc.record({
    host: fc.constantFrom('rundeck.acme.example', 'hooks.example.org', '10.0.0.7:4440'),
    pathToken: token,
    queryToken: token,
    secret: token,
    authSecret: token,
    where: fc.constantFrom('path', 'query', 'fragment'),
  });

  it('no endpoint URL, token in it or secret appears in any V3 body; V2 names the endpoint only in endpoint_url', () => {
    fc.assert(
      fc.property(endpoints, fc.constantFrom(...V3_PRESETS, 'pagerduty-v2-custom'), (e, presetId) => {
        // A Rundeck webhook URL carries its token in the path; others in the query or fragment; one is a secret.
        const url =
          e.where === 'path'
            ? `https://${e.host}/api/47/webhook/${e.pathToken}/{{ secrets.url_token }}#restart`
            : e.where === 'query'
              ? `https://${e.host}/hook?token=${e.queryToken}&key={{ secrets.url_token }}`
              : `https://${e.host}/hook/{{ secrets.url_token }}#${e.pathToken}`;
        const action = actionFrom(presetId, { url, auth: { kind: 'query', param: 'auth_token', secret: 'auth' } });
        const secrets = { url_token: e.secret, auth: e.authSecret, pd_secret: 'signing-secret-value' };
        const request = renderRequest(action, READ, { secrets, invocation: INVOCATION });
        if (!request.ok) throw new Error(request.error);
        const body = request.value.body ?? '';
        for (const secret of Object.values(secrets)) expect(body).not.toContain(secret);
        const parsed = JSON.parse(body);
        if (presetId === 'pagerduty-v2-custom') {
          const endpoint = parsed.messages[0].webhook.endpoint_url;
          expect(endpoint).toMatch(new RegExp(`^https://${e.host.replace(/\./g, '\\.')}/`));
          parsed.messages[0].webhook.endpoint_url = null;
        }
        const rest = JSON.stringify(parsed);
        expect(rest).not.toContain(e.host);
        for (const t of [e.pathToken, e.queryToken, e.secret, e.authSecret]) expect(rest).not.toContain(t);
      }),
      { numRuns: 200 },
    );
  });

  it('an incident from another site still gives PagerDuty’s keys and types, with no PagerDuty web links', () => {
    const opsgenie = makeIncident({
      site: 'opsgenie',
      id: 'a1-b2',
      url: 'https://acme.app.opsgenie.com/alert/detail/a1-b2/details',
      service: { name: 'Checkout' },
    });
    const event = (bodyOf(actionFrom('pagerduty-v3-incident'), opsgenie) as { event: Record<string, any> }).event;
    // Nulls are what no page of that site has; the keys and types are still PagerDuty's.
    const unknown = Object.fromEntries(nullPaths(event.data).map((path) => [path, 'not on this site']));
    expect(shapeProblems(v3Incident, event.data, { unknown })).toEqual([]);
    expect(event.data.html_url).toBe(opsgenie.url);
    expect(event.data.service).toEqual({
      id: null,
      type: 'service_reference',
      summary: 'Checkout',
      self: null,
      html_url: null,
    });
    // No signed-in user: a null agent, as PagerDuty sends when no user acted (v3-03); the envelope is still PagerDuty's.
    expect(event.agent).toBeNull();
    expect(shapeProblems({ ...v3Envelope.event, data: null }, { ...event, data: null })).toEqual([
      '$.agent: null, PagerDuty sends object',
    ]);
    expect(
      shapeProblems({ ...v3Envelope.event, data: null }, { ...event, data: null }, { others: [v3OtherEnvelope] }),
    ).toEqual([]);
    const invocation = envelopeOf('pagerduty-v3-action-invocation-created', opsgenie).data;
    expect(invocation.html_url).toBeNull();
    expect(invocation.action.html_url).toBeNull();
  });

  it('V3 presets send PagerDuty’s headers, the webhook id being the invocation', () => {
    const request = renderRequest(actionFrom('pagerduty-v3-incident'), FULL, { invocation: INVOCATION });
    expect(request.ok && request.value.headers).toEqual([
      ['User-Agent', 'PagerDuty-Webhook/V3.0'],
      ['X-Webhook-Id', INVOCATION.id],
      ['X-Webhook-Subscription', 'a1b2c3'],
      ['Idempotency-Key', INVOCATION.id],
      ['Content-Type', 'application/json'],
    ]);
    expect(preset('pagerduty-v3-incident').fields.signing).toEqual({ scheme: 'pagerduty', secrets: [] });
  });
});

/**
 * Each field's `data_type` and `field_type` are in PagerDuty's enums, and its value has the type the schema gives
 * that data type (CustomFieldsFieldValue in PagerDuty's REST API schema, checked by ajv).
 */
function expectPagerDutyFieldValues(fields: any[]) {
  const schema = restSchema.CustomFieldsFieldValue;
  const ajv = new Ajv({ strict: false });
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  expect(fields.length).toBeGreaterThan(0);
  for (const item of fields) {
    expect(schema.properties.data_type?.enum).toContain(item.data_type);
    expect(schema.properties.field_type?.enum).toContain(item.field_type);
    const byType = schema.properties.value.oneOf.find((entry) => entry.title.toLowerCase() === item.data_type);
    if (!byType) throw new Error(`no value schema for ${item.data_type}`);
    const valid = ajv.validate(byType, { value: item.value });
    if (!valid) throw new Error(`${item.name}: ${ajv.errorsText()}`);
    // A multi-value field is a list, a single-value one is not.
    if (item.value !== null) expect(Array.isArray(item.value)).toBe(item.field_type.startsWith('multi_value'));
  }
}

function field(id: string | null, name: string, dataType: string, fieldType: string, value: unknown) {
  return {
    data_type: dataType,
    field_type: fieldType,
    id,
    name,
    namespace: 'incidents',
    type: 'field_value',
    value,
  };
}
