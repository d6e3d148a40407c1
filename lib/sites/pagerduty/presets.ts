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

/** The V3 envelope around `data`; the event id is the invocation's, the same on every retry. */
function v3(
  id: string,
  label: string,
  eventType: string,
  data: unknown,
  description: string,
  variables?: PresetFields['variables'],
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
        header('X-Webhook-Id', '{{ invocation.id }}'),
        header('X-Webhook-Subscription', '{{ action.id }}'),
      ],
      body: jsonBody({
        event: {
          id: '{{ invocation.id }}',
          event_type: eventType,
          resource_type: 'incident',
          occurred_at: '{{ invocation.created_at }}',
          agent: '{{ pagerduty.agent | default: nil }}',
          client: { name: 'Incident Actions' },
          data,
        },
      }),
      signing: { scheme: 'pagerduty', secrets: [] },
      variables,
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

export const PAGERDUTY_PRESETS: Preset[] = [
  v2CustomAction,
  v3(
    'pagerduty-v3-action-invocation-created',
    'PagerDuty V3: incident.action_invocation.created',
    'incident.action_invocation.created',
    invocationData('created'),
    'A V3 webhook announcing an incident action was invoked (data: incident_action_invocation), as Rundeck’s V3 plugin consumes it.',
  ),
  v3(
    'pagerduty-v3-action-invocation-updated',
    'PagerDuty V3: incident.action_invocation.updated',
    'incident.action_invocation.updated',
    invocationData('running'),
    'The invocation’s progress (state “running”).',
  ),
  v3(
    'pagerduty-v3-action-invocation-terminated',
    'PagerDuty V3: incident.action_invocation.terminated',
    'incident.action_invocation.terminated',
    invocationData('completed'),
    'The invocation’s end (state “completed”).',
  ),
  v3(
    'pagerduty-v3-workflow-started',
    'PagerDuty V3: incident.workflow.started',
    'incident.workflow.started',
    '{{ pagerduty.workflow_instance }}',
    'An incident workflow started by this action (data: incident_workflow_instance).',
  ),
  v3(
    'pagerduty-v3-workflow-completed',
    'PagerDuty V3: incident.workflow.completed',
    'incident.workflow.completed',
    '{{ pagerduty.workflow_instance }}',
    'The workflow’s completion.',
  ),
  v3(
    'pagerduty-v3-field-values-updated',
    'PagerDuty V3: incident.custom_field_values.updated',
    'incident.custom_field_values.updated',
    '{{ pagerduty.field_values }}',
    'The incident’s custom field values (data: incident_field_values).',
  ),
  v3(
    'pagerduty-v3-incident',
    'PagerDuty V3: incident event',
    '{{ variables.event_type }}',
    '{{ pagerduty.incident }}',
    'A plain incident event (data: the V3 incident); its event_type is the variable event_type, set once here.',
    [{ kind: 'constant', name: 'event_type', value: 'incident.triggered' }],
  ),
];
