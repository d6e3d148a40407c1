import type { IncidentSnapshot } from '../../model/incident';
import type { Invocation } from '../../model/invocation';

/**
 * The incident in PagerDuty's own webhook shapes, as `{{ pagerduty.<shape> }}`, so that a receiver written
 * against PagerDuty's webhooks (Rundeck's PagerDuty plugins, in-house services) gets the objects it knows,
 * built from whichever site the incident came from. A JSON leaf that is one of these keeps it as an object;
 * the presets start from them, and a user may replace any of them with their own fields.
 *
 * Values the page did not have are null, as PagerDuty sends them when a field is empty.
 */
export interface RequestAction {
  id: string;
  label: string;
  /** The rendered endpoint, without an auth query parameter. */
  url: string;
}

type Reference = { id: string; type: string; summary: string; self: string; html_url: string } | null;
type Named = { id?: string; name?: string };

const API = 'https://api.pagerduty.com';

export function pagerDutyShapes(incident: IncidentSnapshot, invocation: Invocation, action: RequestAction) {
  // PagerDuty's own pages link to the account's subdomain; other sites have no PagerDuty web address.
  const web = incident.site === 'pagerduty' ? new URL(incident.url).origin : null;
  const reference = (type: string, plural: string, item: Named | undefined): Reference =>
    item?.id || item?.name
      ? {
          id: item.id ?? '',
          type: `${type}_reference`,
          summary: item.name ?? '',
          self: item.id ? `${API}/${plural}/${item.id}` : '',
          html_url: web && item.id ? `${web}/${plural}/${item.id}` : '',
        }
      : null;
  const references = (type: string, plural: string, items: readonly Named[] | undefined) =>
    (items ?? []).map((item) => reference(type, plural, item)).filter((item) => item !== null);

  const at = new Date(invocation.createdAt).toISOString();
  const htmlUrl = incident.html_url ?? incident.url;
  const summary = `${incident.number === undefined ? '' : `[#${incident.number}] `}${incident.title ?? incident.id}`;
  const incidentReference = {
    id: incident.id,
    type: 'incident_reference',
    summary,
    self: `${API}/incidents/${incident.id}`,
    html_url: htmlUrl,
  };
  const service = reference('service', 'services', incident.service);
  const escalationPolicy = reference('escalation_policy', 'escalation_policies', incident.escalation_policy);
  const teams = references('team', 'teams', incident.teams);
  const agent = reference('user', 'users', incident.user);
  const priority = incident.priority
    ? { id: '', type: 'priority_reference', summary: incident.priority, self: '', html_url: '' }
    : null;
  const fieldValues = Object.entries(incident.custom_fields ?? {}).map(([name, value]) => ({
    data_type: typeof value === 'number' ? 'float' : typeof value === 'boolean' ? 'boolean' : 'string',
    field_type: 'single_value',
    id: '',
    name,
    namespace: 'incidents',
    type: 'field_value',
    value,
  }));
  const actionReference = {
    id: action.id,
    type: 'action_reference',
    summary: action.label,
    self: action.url,
    html_url: action.url,
  };

  /** The V3 incident (webhook-examples/v3-04-incident.json). */
  const v3Incident = {
    id: incident.id,
    type: 'incident',
    self: incidentReference.self,
    html_url: htmlUrl,
    number: incident.number ?? null,
    status: incident.status ?? null,
    incident_key: incident.incident_key ?? null,
    created_at: incident.created_at ?? null,
    reopened_at: null,
    title: incident.title ?? null,
    incident_type: { name: 'incident_default' },
    service,
    assignees: references('user', 'users', incident.assignees),
    escalation_policy: escalationPolicy,
    teams,
    priority,
    urgency: incident.urgency ?? null,
    conference_bridge: null,
    resolve_reason: null,
  };

  /** The V2 incident of a `messages[]` entry (webhook-examples/v2-05-incident-custom.json). */
  const v2Incident = {
    incident_number: incident.number ?? null,
    title: incident.title ?? null,
    description: incident.title ?? null,
    created_at: incident.created_at ?? null,
    status: incident.status ?? null,
    incident_key: incident.incident_key ?? null,
    service: service && {
      id: service.id,
      name: service.summary,
      description: null,
      created_at: null,
      status: null,
      teams,
      alert_creation: 'create_alerts_and_incidents',
      addons: [],
      scheduled_actions: [],
      support_hours: null,
      last_incident_timestamp: incident.created_at ?? null,
      escalation_policy: escalationPolicy,
      incident_urgency_rule: { type: 'constant', urgency: incident.urgency ?? null },
      acknowledgement_timeout: null,
      auto_resolve_timeout: null,
      alert_grouping: null,
      alert_grouping_timeout: null,
      integrations: [],
      metadata: {},
      response_play: null,
      type: 'service',
      summary: service.summary,
      self: service.self,
      html_url: service.html_url,
    },
    assignments: references('user', 'users', incident.assignees).map((assignee) => ({
      at: incident.created_at ?? at,
      assignee,
    })),
    last_status_change_at: incident.created_at ?? null,
    first_trigger_log_entry: null,
    alert_counts: { all: 0, triggered: 0, resolved: 0 },
    is_mergeable: true,
    escalation_policy: escalationPolicy,
    teams,
    impacted_services: service ? [service] : [],
    pending_actions: [],
    acknowledgements: [],
    basic_alert_grouping: null,
    alert_grouping: null,
    last_status_change_by: null,
    metadata: {},
    external_references: [],
    priority,
    incidents_responders: [],
    responder_requests: [],
    subscriber_requests: [],
    urgency: incident.urgency ?? null,
    id: incident.id,
    type: 'incident',
    summary,
    self: incidentReference.self,
    html_url: htmlUrl,
    alerts: [],
  };

  /** The V2 webhook object: the action, as PagerDuty describes the extension that sent it. */
  const webhook = {
    endpoint_url: action.url,
    name: action.label,
    description: null,
    webhook_object: service,
    config: {},
    outbound_integration: {
      id: 'incident-actions',
      type: 'outbound_integration_reference',
      summary: 'Incident Actions',
      self: null,
      html_url: null,
    },
    accounts_addon: null,
    id: action.id,
    type: 'webhook',
    summary: action.label,
    self: null,
    html_url: null,
  };

  /** The V2 `custom_log_entry` of a custom action: channel `custom_web_trigger`, the responder as agent. */
  const customLogEntry = {
    id: invocation.id,
    type: 'custom_log_entry',
    summary: `Custom action '${action.label}' triggered by ${incident.user?.name ?? 'a responder'}`,
    self: null,
    html_url: null,
    created_at: at,
    agent,
    channel: {
      type: 'custom_web_trigger',
      name: action.label,
      addon_id: 'incident-actions',
      accounts_addon_id: 'incident-actions',
      details_omitted: false,
    },
    service,
    incident: incidentReference,
    teams,
    contexts: [],
    event_details: {},
  };

  return {
    incident: v3Incident,
    incident_reference: incidentReference,
    v2_incident: v2Incident,
    webhook,
    custom_log_entry: customLogEntry,
    agent,
    service,
    action_reference: actionReference,
    /** `incident_field_values` (v3-06): every field, all counted as changed. */
    field_values: {
      incident: incidentReference,
      custom_fields: fieldValues,
      changed_custom_fields: fieldValues,
      type: 'incident_field_values',
    },
    /** `incident_workflow_instance` (v3-12): the action as the workflow, the click as its trigger. */
    workflow_instance: {
      id: invocation.id,
      type: 'incident_workflow_instance',
      summary: action.label,
      incident_workflow: { ...actionReference, type: 'incident_workflow_reference' },
      workflow_trigger: {
        id: invocation.id,
        type: 'workflow_trigger_reference',
        summary: `${action.label} (Incident Actions)`,
        self: action.url,
        html_url: null,
      },
      incident: incidentReference,
      service,
    },
  };
}

export type PagerDutyShapes = ReturnType<typeof pagerDutyShapes>;
export const PAGERDUTY_SHAPE_NAMES = [
  'incident',
  'incident_reference',
  'v2_incident',
  'webhook',
  'custom_log_entry',
  'agent',
  'service',
  'action_reference',
  'field_values',
  'workflow_instance',
] as const satisfies readonly (keyof PagerDutyShapes)[];
