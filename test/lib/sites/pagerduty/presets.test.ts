// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path in assertions, their shape checked by shapeProblems
import { describe, expect, it } from 'vitest';
import { renderRequest } from '@/lib/render/request';
import { makeIncident } from '../../../support/builders';
import { actionFrom, bodyOf, FULL, INVOCATION, preset } from '../../../support/presets';
import { readFixture } from '../../../support/site-fixtures';
import { type Json, shapeProblems } from '../../../support/webhook-shape';

/** PagerDuty's webhook examples, saved beside the site's adapter. */
const webhook = (name: string) => readFixture('pagerduty', `webhooks/${name}`);
const v2Custom = webhook('v2-05-incident-custom.json');
const v3Envelope = webhook('v3-02-webhook-payload.json');
const v3Incident = webhook('v3-04-incident.json');
const v3FieldValues = webhook('v3-06-incident-field-values.json');
const v3Workflow = webhook('v3-12-incident-workflow-instance.json');
const v3Invocation = webhook('v3-15-incident-action-invocation.json');

/** Leaves that are null in `ours`: for a full incident, only fields no incident page has. */
function nullLeaves(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullLeaves(item, `${path}[${index}]`));
  if (typeof value === 'object' && value)
    return Object.entries(value).flatMap(([k, v]) => nullLeaves(v, `${path}.${k}`));
  return [];
}

const parse = (raw: string) => JSON.parse(raw) as Json;

describe('PagerDuty presets against PagerDuty’s webhook examples', () => {
  it('the shape checker notices a missing key and a wrong type', () => {
    expect(shapeProblems({ a: 'x', b: { c: 1 } }, { a: 'y', b: { c: '1' } })).toEqual([
      '$.b.c: string, PagerDuty sends number',
    ]);
    expect(shapeProblems({ a: [{ id: 'x' }] }, { a: [{ name: 'y' }] })).toEqual(['$.a[0].id: missing']);
  });

  it('V2 custom action: every key of v2-05-incident-custom.json, with its types, and what Rundeck reads', () => {
    const body = bodyOf(actionFrom('pagerduty-v2-custom')) as { messages: Record<string, any>[] };
    expect(shapeProblems(parse(v2Custom), body)).toEqual([]);
    const [message] = body.messages;
    // Rundeck's "PagerDuty: Generic V2 Webhook" sample rule: job option pd_incident_id from the incident id.
    expect(message?.event).toBe('incident.custom');
    expect(message?.incident.id).toBe(FULL.id);
    expect(message?.incident.incident_number).toBe(18342);
    expect(message?.id).toBe(INVOCATION.id);
    expect(message?.created_on).toBe('2026-11-24T10:00:00.000Z');
    expect(message?.webhook).toMatchObject({ name: 'Restart checkout', endpoint_url: 'https://rundeck.example/hook' });
    expect(message?.log_entries[0]).toMatchObject({
      type: 'custom_log_entry',
      channel: { type: 'custom_web_trigger', name: 'Restart checkout' },
      agent: { id: 'PSAMRIV', type: 'user_reference', summary: 'Sam Rivera' },
      incident: { id: FULL.id, type: 'incident_reference', html_url: FULL.html_url },
    });
    expect(message?.incident.assignments).toEqual([
      {
        at: FULL.created_at,
        assignee: {
          id: 'PDW7K2Q',
          type: 'user_reference',
          summary: 'Dana Whitfield',
          self: 'https://api.pagerduty.com/users/PDW7K2Q',
          html_url: 'https://acme.pagerduty.com/users/PDW7K2Q',
        },
      },
    ]);
  });

  const envelopeOf = (id: string, incident = FULL) =>
    (bodyOf(actionFrom(id), incident) as { event: Record<string, any> }).event;
  // PagerDuty's example has text fields only; a yes/no field's value is a boolean (checked below).
  const TEXT_FIELDS = { ...FULL, custom_fields: { environment: 'production', region: 'us-east-1' } };
  const referenceEnvelope = (parse(v3Envelope) as { event: Record<string, Json> }).event;

  it.each([
    ['pagerduty-v3-action-invocation-created', 'incident.action_invocation.created', v3Invocation],
    ['pagerduty-v3-action-invocation-updated', 'incident.action_invocation.updated', v3Invocation],
    ['pagerduty-v3-action-invocation-terminated', 'incident.action_invocation.terminated', v3Invocation],
    ['pagerduty-v3-workflow-started', 'incident.workflow.started', v3Workflow],
    ['pagerduty-v3-field-values-updated', 'incident.custom_field_values.updated', v3FieldValues],
    ['pagerduty-v3-incident', 'incident.triggered', v3Incident],
  ])('%s: the V3 envelope and its data have every key of PagerDuty’s examples', (id, eventType, data) => {
    const event = envelopeOf(id, TEXT_FIELDS);
    expect(shapeProblems({ ...referenceEnvelope, data: null }, event)).toEqual([]);
    expect(shapeProblems(parse(data), event.data)).toEqual([]);
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
  });

  it.each([
    // The lifecycle's first event; the follow-ups' states come from the answer (test/lib/delivery/lifecycle.test.ts).
    ['pagerduty-v3-action-invocation-created', 'created'],
    // Sent by hand: the state the responder picked in the modal (here the first choice).
    ['pagerduty-v3-action-invocation-updated', 'sent'],
    ['pagerduty-v3-action-invocation-terminated', 'completed'],
  ])('%s: the invocation is in state %s, and names the action that ran', (id, state) => {
    expect(envelopeOf(id, TEXT_FIELDS).data).toMatchObject({
      state,
      action: { id: 'a1b2c3', summary: 'Restart checkout' },
    });
  });

  it('a full incident fills every field a page can know', () => {
    const incident = envelopeOf('pagerduty-v3-incident').data;
    // What no incident page shows (and PagerDuty itself sends empty for most incidents).
    expect(nullLeaves(incident)).toEqual(['$.reopened_at', '$.conference_bridge', '$.resolve_reason']);
    expect(incident).toMatchObject({
      number: 18342,
      status: 'triggered',
      urgency: 'high',
      priority: { summary: 'P1', type: 'priority_reference' },
      service: { id: 'PCHK4PI', summary: 'Checkout API', type: 'service_reference' },
      teams: [{ id: 'PTPAYMT', summary: 'Payments', type: 'team_reference' }],
    });
    const fields = envelopeOf('pagerduty-v3-field-values-updated').data;
    expect(fields.custom_fields).toContainEqual(
      expect.objectContaining({ name: 'customer_impact', value: true, data_type: 'boolean' }),
    );
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

  it('an incident from another site still gives PagerDuty’s shapes, with no PagerDuty web links', () => {
    const opsgenie = makeIncident({
      site: 'opsgenie',
      id: 'a1-b2',
      url: 'https://acme.app.opsgenie.com/alert/detail/a1-b2/details',
      service: { name: 'Checkout' },
    });
    const event = (bodyOf(actionFrom('pagerduty-v3-incident'), opsgenie) as { event: Record<string, any> }).event;
    expect(shapeProblems(parse(v3Incident), event.data)).toEqual([]);
    expect(event.data.html_url).toBe(opsgenie.url);
    expect(event.data.service).toMatchObject({ summary: 'Checkout', html_url: '' });
    expect(event.agent).toBeNull();
  });
});
