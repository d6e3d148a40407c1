// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path in assertions, their shape checked by shapeProblems
import { describe, expect, it } from 'vitest';
import { SAMPLE_INCIDENTS } from '@/components/options/actions/sample-incidents';
import { type Action, newAction } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { findPreset, PRESETS, type Preset } from '@/lib/presets';
import { applyPreset } from '@/lib/presets/apply';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import v2Custom from '../../../lib/sites/pagerduty/fixtures/webhooks/v2-05-incident-custom.json?raw';
import v3Envelope from '../../../lib/sites/pagerduty/fixtures/webhooks/v3-02-webhook-payload.json?raw';
import v3Incident from '../../../lib/sites/pagerduty/fixtures/webhooks/v3-04-incident.json?raw';
import v3FieldValues from '../../../lib/sites/pagerduty/fixtures/webhooks/v3-06-incident-field-values.json?raw';
import v3Workflow from '../../../lib/sites/pagerduty/fixtures/webhooks/v3-12-incident-workflow-instance.json?raw';
import v3Invocation from '../../../lib/sites/pagerduty/fixtures/webhooks/v3-15-incident-action-invocation.json?raw';
import { HOSTILE_VALUES, makeIncident } from '../../support/builders';
import { judgePagerTreeWebhook } from '../../support/receivers/pagertree';
import { type Json, shapeProblems } from '../../support/webhook-shape';

const FULL = (SAMPLE_INCIDENTS[0] as { incident: IncidentSnapshot }).incident;
const INVOCATION = { id: '0b6f8c1e-6a43-4d0e-9a57-1f2d3c4b5a69', createdAt: Date.UTC(2026, 10, 24, 10, 0, 0) };
const SECRETS = { pagertree_token: 'pt-token-123456', rundeck_token: 'rd-token-123456', pd_secret: 'x' };

function preset(id: string): Preset {
  const found = findPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

/** A new action, started from the preset, as the editor makes it (signing given its secret). */
function actionFrom(id: string, overrides: Partial<Action> = {}): Action {
  const applied = applyPreset(
    { ...newAction(1_000), id: 'a1b2c3', label: 'Restart checkout', url: 'https://rundeck.example/hook' },
    preset(id),
  );
  return {
    ...applied,
    ...(applied.signing ? { signing: { ...applied.signing, secrets: ['pd_secret'] } } : {}),
    ...overrides,
  };
}

function bodyOf(action: Action, incident: IncidentSnapshot = FULL): unknown {
  const request = renderRequest(action, incident, { secrets: SECRETS, invocation: INVOCATION });
  if (!request.ok) throw new Error(request.error);
  return JSON.parse(request.value.body ?? 'null');
}

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
    ['pagerduty-v3-action-invocation-created', 'incident.action_invocation.created', v3Invocation, 'created'],
    ['pagerduty-v3-action-invocation-updated', 'incident.action_invocation.updated', v3Invocation, 'running'],
    ['pagerduty-v3-action-invocation-terminated', 'incident.action_invocation.terminated', v3Invocation, 'completed'],
    ['pagerduty-v3-workflow-started', 'incident.workflow.started', v3Workflow, undefined],
    ['pagerduty-v3-workflow-completed', 'incident.workflow.completed', v3Workflow, undefined],
    ['pagerduty-v3-field-values-updated', 'incident.custom_field_values.updated', v3FieldValues, undefined],
    ['pagerduty-v3-incident', 'incident.triggered', v3Incident, undefined],
  ])('%s: the V3 envelope and its data have every key of PagerDuty’s examples', (id, eventType, data, state) => {
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
    if (state) expect(event.data).toMatchObject({ state, action: { id: 'a1b2c3', summary: 'Restart checkout' } });
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

describe('PagerTree presets', () => {
  const render = (id: string, incident: IncidentSnapshot = FULL) => {
    const request = renderRequest(actionFrom(id), incident, { secrets: SECRETS, invocation: INVOCATION });
    if (!request.ok) throw new Error(request.error);
    return request.value;
  };
  const headersOf = (headers: [string, string][]) =>
    Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));

  it('create, acknowledge and resolve share one Id and are accepted under PagerTree’s rules', () => {
    const ids = new Set<unknown>();
    for (const event of ['create', 'acknowledge', 'resolve']) {
      const request = render(`pagertree-${event}`);
      const verdict = judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', SECRETS.pagertree_token);
      expect(verdict).toMatchObject({ status: 200, alert: { event_type: event } });
      ids.add(verdict.alert?.id);
      expect(verdict.alert?.dedup_keys).toEqual([verdict.alert?.id]);
    }
    expect([...ids]).toEqual([`pagerduty-${FULL.id}`]);
    expect(JSON.parse(render('pagertree-create').body ?? '')).toMatchObject({
      Title: FULL.title,
      Urgency: 'critical',
      Tags: ['incident-actions', 'pagerduty'],
      Meta: { custom_fields: FULL.custom_fields, service: 'Checkout API' },
    });
  });

  it('maps urgency and priority to PagerTree’s urgencies', () => {
    const urgency = (fields: Partial<IncidentSnapshot>) =>
      (JSON.parse(render('pagertree-create', makeIncident(fields)).body ?? '') as { Urgency: string }).Urgency;
    expect(urgency({ priority: 'P2' })).toBe('high');
    expect(urgency({ urgency: 'low' })).toBe('low');
    expect(urgency({ urgency: 'high' })).toBe('high');
    expect(urgency({})).toBe('medium');
  });

  it('the receiver’s rules are real: a wrong token is 403, keys are case-insensitive, a bad event is 400', () => {
    const request = render('pagertree-create');
    expect(judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', 'another-token').status).toBe(403);
    expect(judgePagerTreeWebhook({}, '{"EVENT_TYPE":"resolve","ID":"x"}', undefined)).toMatchObject({ status: 200 });
    expect(judgePagerTreeWebhook({}, '{"event_type":"close","Id":"x"}', undefined).status).toBe(400);
  });

  it('refuses to send without the token secret, naming it', () => {
    const request = renderRequest(actionFrom('pagertree-create'), FULL, { secrets: {} });
    expect(request).toEqual({ ok: false, error: expect.stringContaining('"pagertree_token" is not set') });
  });
});

describe('every preset', () => {
  it.each(PRESETS.map((item) => [item.id]))('%s saves as a valid action and renders every sample incident', (id) => {
    const action = actionFrom(id);
    const parsed = ActionSchema.safeParse(action);
    expect(
      parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    ).toEqual([]);
    for (const { incident } of SAMPLE_INCIDENTS) {
      const request = renderRequest(action, incident, { secrets: SECRETS, invocation: INVOCATION });
      expect(request.ok ? '' : request.error).toBe('');
    }
  });

  it.each(PRESETS.filter((item) => (item.fields.bodyFormat ?? 'json') === 'json').map((item) => [item.id]))(
    '%s carries a hostile title as data, whatever it holds',
    (id) => {
      for (const title of HOSTILE_VALUES) {
        const body = JSON.stringify(bodyOf(actionFrom(id), makeIncident({ title })));
        if (!/slack|google-chat/.test(id)) expect(body).toContain(JSON.stringify(title).slice(1, -1));
        // Chat presets escape the title's markup instead of carrying it raw.
        if (/slack/.test(id)) expect(body).not.toContain('<img');
        if (/google-chat/.test(id)) expect(body).not.toContain('<img');
      }
    },
  );

  it('applying a preset keeps the label, URL and conditions, and the user’s other variables', () => {
    const mine = {
      ...newAction(),
      label: 'Mine',
      url: 'https://example.com/x',
      conditions: { match: 'all' as const, rules: [] },
      variables: [
        { kind: 'constant' as const, name: 'region', value: 'eu' },
        { kind: 'constant' as const, name: 'urgency', value: 'x' },
      ],
    };
    const applied = applyPreset(mine, preset('pagertree-create'));
    expect(applied).toMatchObject({ label: 'Mine', url: 'https://example.com/x', conditions: mine.conditions });
    expect(applied.variables?.map((variable) => variable.name)).toEqual(['region', 'alert_id', 'urgency']);
    expect(applyPreset(applied, preset('generic-json')).auth).toBeUndefined();
  });
});
