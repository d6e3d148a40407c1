import type { Lifecycle } from '../../model/lifecycle';
import { header, jsonBody, type Preset, type PresetFields } from '../preset';

/**
 * PagerDuty's own webhook shapes, for receivers written against them: Rundeck's "PagerDuty: Generic V2
 * Webhook" and V3 webhook plugins, and in-house services. The objects come from `{{ pagerduty.* }}`
 * (lib/sites/pagerduty/webhook-shapes.ts), built from whichever site the incident is on.
 */

/** The V2 custom action message (webhook-examples/v2-05-incident-custom.json). */
const v2CustomAction: Preset = {
  id: 'pagerduty-v2-custom',
  group: 'PagerDuty',
  label: 'PagerDuty V2 custom action (incident.custom)',
  description:
    'The message PagerDuty V2 custom incident actions send: what Rundeck’s “PagerDuty: Generic V2 Webhook” consumes (messages[0].incident.id).',
  fields: {
    method: 'POST',
    // X-Webhook-Id: one per webhook, the same on every attempt (PagerDuty's developer docs, webhooks "Behavior",
    // At-Least-Once Delivery: the page covers V1, V2 and V3).
    headers: [header('User-Agent', 'PagerDuty-Webhook/V2.0'), header('X-Webhook-Id', '{{ invocation.id }}')],
    body: jsonBody({
      messages: [
        {
          event: 'incident.custom',
          log_entries: ['{{ pagerduty.custom_log_entry }}'],
          webhook: '{{ pagerduty.webhook }}',
          incident: '{{ pagerduty.v2_incident }}',
          id: '{{ invocation.id }}',
          created_on: '{{ invocation.created_at }}',
          account_features: { response_automation: true },
        },
      ],
    }),
  },
};

/**
 * The V3 envelope around `data`. The event id is `{{ event.id }}`: the invocation's for its first event, a
 * follow-up's own (lib/model/lifecycle.ts), the same on every retry of that event.
 */
function v3(
  id: string,
  label: string,
  eventType: string,
  data: unknown,
  description: string,
  more: Pick<PresetFields, 'variables' | 'prompts' | 'lifecycle'> = {},
): Preset {
  return {
    id,
    group: 'PagerDuty',
    label,
    description: `${description} Signed with X-PagerDuty-Signature: choose the secret the receiver verifies.`,
    fields: {
      method: 'POST',
      headers: [
        header('User-Agent', 'PagerDuty-Webhook/V3.0'),
        header('X-Webhook-Id', '{{ event.id }}'),
        header('X-Webhook-Subscription', '{{ action.id }}'),
      ],
      body: jsonBody({
        event: {
          id: '{{ event.id }}',
          event_type: eventType,
          resource_type: 'incident',
          occurred_at: '{{ event.occurred_at }}',
          agent: '{{ pagerduty.agent | default: nil }}',
          client: { name: 'Incident Actions' },
          data,
        },
      }),
      signing: { scheme: 'pagerduty', secrets: [] },
      ...more,
    },
  };
}

const invocationData = (state: string) => ({
  id: '{{ invocation.id }}',
  self: '{{ pagerduty.action_invocation.self }}',
  // Null on an incident of another site: it has no PagerDuty web address.
  html_url: '{{ pagerduty.action_invocation.html_url | default: nil }}',
  incident: '{{ pagerduty.incident_reference }}',
  action: '{{ pagerduty.action_reference }}',
  state,
  type: 'incident_action_invocation',
});

/**
 * The states an invocation reports, in PagerDuty's Automation Actions vocabulary (rest-openapiv3.json,
 * parameter `automation_actions_invocation_state`: prepared, created, sent, queued, running, aborted,
 * completed, error, unknown). Each one sent is either observed or chosen:
 *
 * | when | event | state |
 * | --- | --- | --- |
 * | the responder confirms | `incident.action_invocation.created` | `created` |
 * | the receiver answered 2xx | `incident.action_invocation.terminated` | `completed` |
 * | the run failed: a final non-2xx answer, or no attempt left | `incident.action_invocation.terminated` | `error` |
 */
const INVOCATION_LIFECYCLE: Lifecycle = {
  start: { type: 'incident.action_invocation.created', state: 'created' },
  followUps: [
    { when: 'delivered', type: 'incident.action_invocation.terminated', state: 'completed' },
    { when: 'failed', type: 'incident.action_invocation.terminated', state: 'error' },
  ],
};

/** A state the responder picks in the modal, for an event sent by hand (no default: nobody chose one yet). */
const chosenState = (choices: string[]): PresetFields['prompts'] => [
  { name: 'state', label: 'Invocation state', type: 'choice', required: true, choices },
];

export const PAGERDUTY_PRESETS: Preset[] = [
  v2CustomAction,
  v3(
    'pagerduty-v3-action-invocation-created',
    'PagerDuty V3: action invocation (created, then terminated)',
    '{{ event.type }}',
    invocationData('{{ event.state }}'),
    'A V3 webhook announcing an incident action was invoked (incident.action_invocation.created, as Rundeck’s V3 plugin consumes it), then incident.action_invocation.terminated from the receiver’s answer: state “completed” after a 2xx, “error” when the run failed.',
    { lifecycle: INVOCATION_LIFECYCLE },
  ),
  v3(
    'pagerduty-v3-action-invocation-updated',
    'PagerDuty V3: incident.action_invocation.updated',
    'incident.action_invocation.updated',
    invocationData('{{ params.state }}'),
    'The invocation’s progress, sent by hand: the responder picks its state in the modal.',
    { prompts: chosenState(['sent', 'queued', 'running']) },
  ),
  v3(
    'pagerduty-v3-action-invocation-terminated',
    'PagerDuty V3: incident.action_invocation.terminated',
    'incident.action_invocation.terminated',
    invocationData('{{ params.state }}'),
    'The invocation’s end, sent by hand: the responder picks its state in the modal.',
    { prompts: chosenState(['completed', 'error', 'aborted']) },
  ),
  v3(
    'pagerduty-v3-workflow-started',
    'PagerDuty V3: workflow (started, then completed)',
    '{{ event.type }}',
    '{{ pagerduty.workflow_instance }}',
    'An incident workflow started by this action (incident.workflow.started, data: incident_workflow_instance), then incident.workflow.completed once the receiver answered 2xx.',
    {
      lifecycle: {
        start: { type: 'incident.workflow.started', state: 'started' },
        followUps: [{ when: 'delivered', type: 'incident.workflow.completed', state: 'completed' }],
      },
    },
  ),
  v3(
    'pagerduty-v3-field-values-updated',
    'PagerDuty V3: incident.custom_field_values.updated',
    'incident.custom_field_values.updated',
    '{{ pagerduty.field_values }}',
    'The incident’s custom field values (data: incident_field_values): the modal lists the fields, and changed_custom_fields sends exactly the ones the responder changed.',
    { prompts: [{ name: 'changed_fields', label: 'Custom fields', type: 'fields', required: false }] },
  ),
  v3(
    'pagerduty-v3-incident',
    'PagerDuty V3: incident event',
    '{{ variables.event_type }}',
    '{{ pagerduty.incident }}',
    'A plain incident event (data: the V3 incident); its event_type is the variable event_type, set once here.',
    { variables: [{ kind: 'constant', name: 'event_type', value: 'incident.triggered' }] },
  ),
];
