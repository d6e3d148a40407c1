import type { CustomFieldValue, IncidentSnapshot } from '../../model/incident';
import type { Invocation } from '../../model/invocation';
import { pagerDutyApi } from './api';

/**
 * The incident in PagerDuty's own webhook shapes, as `{{ pagerduty.<shape> }}`, so that a receiver written
 * against PagerDuty's webhooks (Rundeck's PagerDuty plugins, in-house services) gets the objects it knows,
 * built from whichever site the incident came from. A JSON leaf that is one of these keeps it as an object;
 * the presets start from them, and a user may replace any of them with their own fields.
 *
 * Every value is the incident's own (from the page or PagerDuty's API), in PagerDuty's JSON types; a value
 * nobody read is null, as PagerDuty sends an empty field. Links are PagerDuty's API and web URLs of the
 * account, never the endpoint's: only the V2 `webhook.endpoint_url` names it, as PagerDuty's V2 payloads do.
 * lib/sites/pagerduty/README.md ("Webhook payloads") gives the evidence for each value.
 */
export interface RequestAction {
  id: string;
  label: string;
  /** The rendered endpoint, without an auth query parameter. */
  url: string;
}

/**
 * Custom fields the responder changed before sending, by field name: the new values. The field event lists
 * exactly these in `changed_custom_fields` (with the values they had, as PagerDuty's examples show) and sends
 * the new values in `custom_fields`. Absent or empty: nothing was changed, and `changed_custom_fields` is [].
 */
export type CustomFieldChanges = Readonly<Record<string, CustomFieldValue['value']>>;

/** What the shapes need of the request: the action, the endpoint for V2's `endpoint_url`, the changes. */
export interface ShapeContext {
  action: RequestAction;
  /** The endpoint as V2's `webhook.endpoint_url` carries it (secret values already masked). */
  endpointUrl: string;
  customFieldChanges?: CustomFieldChanges;
}

type Named = { id?: string; name?: string };
type Reference = {
  id: string | null;
  type: string;
  summary: string | null;
  self: string | null;
  html_url: string | null;
};

/** The web paths of PagerDuty's objects, as its webhooks link them (webhook-examples/v2-01, v3-04). */
const WEB_PATH: Readonly<Record<string, string>> = {
  user: 'users',
  service: 'services',
  team: 'teams',
  escalation_policy: 'escalation_policies',
};

export function pagerDutyShapes(incident: IncidentSnapshot, invocation: Invocation, context: ShapeContext) {
  const { action } = context;
  const pagerDutyPage = incident.site === 'pagerduty' ? new URL(incident.url) : null;
  // PagerDuty's own pages link to the account's subdomain; other sites have no PagerDuty web address.
  const web = pagerDutyPage?.origin ?? null;
  const api = pagerDutyPage ? pagerDutyApi.defaultBase(pagerDutyPage) : 'https://api.pagerduty.com';
  const webUrl = (path: string) => (web ? `${web}/${path}` : null);

  const reference = (type: string, plural: string, item: Named | undefined): Reference | null =>
    item?.id || item?.name
      ? {
          id: item.id ?? null,
          type: `${type}_reference`,
          summary: item.name ?? null,
          self: item.id ? `${api}/${plural}/${item.id}` : null,
          html_url: item.id ? webUrl(`${WEB_PATH[type] ?? plural}/${item.id}`) : null,
        }
      : null;
  const references = (type: string, plural: string, items: readonly Named[] | undefined) =>
    (items ?? []).map((item) => reference(type, plural, item)).filter((item) => item !== null);

  const at = new Date(invocation.createdAt).toISOString();
  const htmlUrl = incident.html_url ?? incident.url;
  const incidentSelf = `${api}/incidents/${incident.id}`;
  /** V3 references name the incident by its title (v3-12, v3-15); V2 ones by `[#n] title` (v2-01, v2-05). */
  const incidentReference = {
    id: incident.id,
    type: 'incident_reference',
    summary: incident.title ?? null,
    self: incidentSelf,
    html_url: htmlUrl,
  };
  const v2Summary =
    incident.title === undefined
      ? null
      : `${incident.number === undefined ? '' : `[#${incident.number}] `}${incident.title}`;
  const v2IncidentReference = { ...incidentReference, summary: v2Summary };

  const service = reference('service', 'services', incident.service);
  const escalationPolicy = reference('escalation_policy', 'escalation_policies', incident.escalation_policy);
  const teams = references('team', 'teams', incident.teams);
  const agent = reference('user', 'users', incident.user);
  const assignees = references('user', 'users', incident.assignees);
  const priority = incident.priority
    ? {
        id: incident.priority_id ?? null,
        type: 'priority_reference',
        summary: incident.priority,
        self: incident.priority_id ? `${api}/priorities/${incident.priority_id}` : null,
        html_url: webUrl('account/incident_priorities'),
      }
    : null;
  /** A user, service or integration reference, typed by the API: linked where PagerDuty's path is known. */
  const typedReference = (ref: { id: string; name: string; type: string }) => {
    const kind = ref.type.replace(/_reference$/, '');
    const plural = WEB_PATH[kind];
    return plural
      ? reference(kind, plural, ref)
      : { id: ref.id, type: ref.type, summary: ref.name, self: null, html_url: null };
  };
  const lastStatusChangeBy = incident.last_status_change_by ? typedReference(incident.last_status_change_by) : null;
  const firstTrigger = incident.first_trigger_log_entry;
  const firstTriggerLogEntry = firstTrigger
    ? {
        id: firstTrigger.id,
        type: 'trigger_log_entry_reference',
        summary: firstTrigger.name,
        self: `${api}/log_entries/${firstTrigger.id}`,
        html_url: webUrl(`incidents/${incident.id}/log_entries/${firstTrigger.id}`),
      }
    : null;

  const actionReference = {
    id: action.id,
    type: 'action_reference',
    summary: action.label,
    self: `${api}/automation/actions/${action.id}`,
    html_url: webUrl(`rundeck-actions/actions/${action.id}`),
  };

  /** The V3 incident (webhook-examples/v3-04-incident.json). */
  const v3Incident = {
    id: incident.id,
    type: 'incident',
    self: incidentSelf,
    html_url: htmlUrl,
    number: incident.number ?? null,
    status: incident.status ?? null,
    incident_key: incident.incident_key ?? null,
    created_at: incident.created_at ?? null,
    // Neither the page nor the REST API's Incident has it.
    reopened_at: null,
    title: incident.title ?? null,
    incident_type: { name: incident.incident_type ?? 'incident_default' },
    service,
    assignees,
    escalation_policy: escalationPolicy,
    teams,
    priority,
    urgency: incident.urgency ?? null,
    conference_bridge: incident.conference_bridge
      ? {
          conference_number: incident.conference_bridge.conference_number ?? null,
          conference_url: incident.conference_bridge.conference_url ?? null,
        }
      : null,
    resolve_reason: null,
  };

  const details = incident.service_details;
  /** The V2 incident of a `messages[]` entry (webhook-examples/v2-05-incident-custom.json). */
  const v2Incident = {
    incident_number: incident.number ?? null,
    title: incident.title ?? null,
    // Deprecated in V2, "the contents will be identical" to the title (PagerDuty's V2 overview).
    description: incident.title ?? null,
    created_at: incident.created_at ?? null,
    status: incident.status ?? null,
    incident_key: incident.incident_key ?? null,
    // The full service, from the API's `include[]=services`; a page gives only its reference.
    service: service && {
      id: service.id,
      name: service.summary,
      description: details?.description ?? null,
      created_at: details?.created_at ?? null,
      status: details?.status ?? null,
      teams,
      alert_creation: details?.alert_creation ?? null,
      addons: [],
      scheduled_actions: [],
      support_hours: null,
      last_incident_timestamp: details?.last_incident_timestamp ?? null,
      escalation_policy: escalationPolicy,
      incident_urgency_rule: details?.urgency_rule
        ? { type: details.urgency_rule.type, urgency: details.urgency_rule.urgency ?? null }
        : null,
      acknowledgement_timeout: details?.acknowledgement_timeout ?? null,
      auto_resolve_timeout: details?.auto_resolve_timeout ?? null,
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
    assignments: (incident.assignees ?? []).flatMap((person) => {
      const assignee = reference('user', 'users', person);
      return assignee ? [{ at: person.at ?? null, assignee }] : [];
    }),
    last_status_change_at: incident.last_status_change_at ?? null,
    first_trigger_log_entry: firstTriggerLogEntry,
    alert_counts: incident.alert_counts ?? null,
    is_mergeable: incident.is_mergeable ?? null,
    escalation_policy: escalationPolicy,
    teams,
    impacted_services: service ? [service] : [],
    pending_actions: (incident.pending_actions ?? []).map((pending) => ({ ...pending })),
    acknowledgements: (incident.acknowledgements ?? []).map(({ at: ackAt, by }) => ({
      at: ackAt,
      acknowledger: typedReference(by),
    })),
    basic_alert_grouping: null,
    alert_grouping: null,
    last_status_change_by: lastStatusChangeBy,
    metadata: {},
    external_references: [],
    priority,
    incidents_responders: [],
    responder_requests: [],
    subscriber_requests: [],
    urgency: incident.urgency ?? null,
    id: incident.id,
    type: 'incident',
    summary: v2Summary,
    self: incidentSelf,
    html_url: htmlUrl,
    alerts: (incident.alert_keys ?? []).map((key) => ({ alert_key: key })),
  };

  /**
   * The V2 webhook object: the action, as PagerDuty describes the extension that sent it; a "Generic V2
   * Webhook" (PJFWPEP, webhook-examples/v2-01..04 and the REST API's Webhook example), with no add-on.
   */
  const webhook = {
    endpoint_url: context.endpointUrl,
    name: action.label,
    description: null,
    webhook_object: service,
    config: {},
    outbound_integration: {
      id: 'PJFWPEP',
      type: 'outbound_integration_reference',
      summary: 'Generic V2 Webhook',
      self: `${api}/outbound_integrations/PJFWPEP`,
      html_url: null,
    },
    accounts_addon: null,
    id: action.id,
    type: 'webhook',
    summary: action.label,
    self: `${api}/webhooks/${action.id}`,
    html_url: null,
  };

  /** The V2 `custom_log_entry` of a custom action: channel `custom_web_trigger`, the responder as agent. */
  const customLogEntry = {
    id: invocation.id,
    type: 'custom_log_entry',
    summary: `Custom action '${action.label}' triggered by ${incident.user?.name ?? 'a responder'}`,
    self: `${api}/log_entries/${invocation.id}`,
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
    incident: v2IncidentReference,
    teams,
    contexts: [],
    event_details: {},
  };

  const fields = customFieldValues(incident, context.customFieldChanges ?? {});

  return {
    incident: v3Incident,
    incident_reference: incidentReference,
    v2_incident: v2Incident,
    webhook,
    custom_log_entry: customLogEntry,
    agent,
    service,
    action_reference: actionReference,
    /** `incident_action_invocation` (v3-15) without its `state`, which each preset sets. */
    action_invocation: {
      id: invocation.id,
      self: `${api}/automation/invocations/${invocation.id}`,
      html_url: webUrl(`rundeck-actions/actions/${action.id}/invocations/${invocation.id}/report`),
    },
    /** `incident_field_values` (v3-06): every field, and the ones the responder changed. */
    field_values: {
      incident: incidentReference,
      custom_fields: fields.current,
      changed_custom_fields: fields.changed,
      type: 'incident_field_values',
    },
    /** `incident_workflow_instance` (v3-12): the action as the workflow, the click as its trigger. */
    workflow_instance: {
      id: invocation.id,
      type: 'incident_workflow_instance',
      summary: action.label,
      incident_workflow: {
        id: action.id,
        type: 'incident_workflow_reference',
        summary: action.label,
        self: `${api}/incident_workflows/${action.id}`,
        html_url: webUrl(`incident-workflows/workflows/${action.id}`),
      },
      workflow_trigger: {
        id: invocation.id,
        type: 'workflow_trigger_reference',
        summary: `${action.label} (Incident Actions)`,
        self: `${api}/incident_workflows/triggers/${invocation.id}`,
        html_url: null,
      },
      incident: incidentReference,
      service,
    },
  };
}

type FieldValue = CustomFieldValue['value'];

/** PagerDuty's `data_type` of a value whose field definition was not read (the page gives values only). */
function dataTypeOf(value: FieldValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** One `field_value` object, keys in the order of webhook-examples/v3-06-incident-field-values.json. */
function fieldValue(field: CustomFieldValue, value: FieldValue, typedBy: FieldValue = value) {
  return {
    data_type: field.data_type ?? dataTypeOf(typedBy),
    field_type: field.field_type ?? (Array.isArray(typedBy) ? 'multi_value' : 'single_value'),
    id: field.id ?? null,
    name: field.name,
    namespace: 'incidents',
    type: 'field_value',
    value,
  };
}

/**
 * The incident's fields with the responder's changes applied (`custom_fields`), and the changed ones with the
 * values they had (`changed_custom_fields`): in v3-14 `custom_fields` holds "Some new value" and
 * `changed_custom_fields` "Some old value". The API's typed fields when read, else the page's values.
 */
function customFieldValues(incident: IncidentSnapshot, changes: CustomFieldChanges) {
  const known: CustomFieldValue[] =
    incident.custom_field_values ??
    Object.entries(incident.custom_fields ?? {}).map(([name, value]) => ({ name, value }));
  const changed = Object.keys(changes).filter((name) => Object.hasOwn(changes, name));
  const byName = new Map(known.map((field) => [field.name, field]));
  // A changed field the incident did not list is still sent, with no earlier value.
  const all = [...known, ...changed.filter((name) => !byName.has(name)).map((name) => ({ name, value: null }))];
  const newValue = (field: CustomFieldValue) =>
    Object.hasOwn(changes, field.name) ? (changes[field.name] as FieldValue) : field.value;
  return {
    current: all.map((field) => fieldValue(field, newValue(field))),
    changed: all
      .filter((field) => changed.includes(field.name))
      // Without a definition, the new value says the types, so both lists agree on them.
      .map((field) => fieldValue(field, field.value, newValue(field))),
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
  'action_invocation',
  'field_values',
  'workflow_instance',
] as const satisfies readonly (keyof PagerDutyShapes)[];
