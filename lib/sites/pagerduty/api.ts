import type { CustomFieldValue, IncidentFields } from '../../model/incident';
import { defined, httpUrl, integer, type Json, list, longText, record, safeKey, safeObject, text } from '../read-json';
import type { IncidentApi } from '../site';

/**
 * PagerDuty's REST API v2 (lib/sites/pagerduty/README.md). The same JSON comes two ways:
 * - with the user's own web session, from the content script, at `<account>.pagerduty.com/api/v1` (what
 *   PagerDuty's web app calls; no key to store), see `pagerDutySessionFetch`;
 * - with a REST API key the user saved, from the background, at api.pagerduty.com or api.eu.pagerduty.com.
 */
const V2_ACCEPT = 'application/vnd.pagerduty+json;version=2';

export const pagerDutyApi: IncidentApi = {
  site: 'pagerduty',
  tokenHelp: 'A read-only REST API key (Integrations → API Access Keys) or a user token (My Profile → User Settings).',
  defaultBase: (pageUrl) =>
    /(^|\.)eu\.pagerduty\.com$/.test(pageUrl.hostname) ? 'https://api.eu.pagerduty.com' : 'https://api.pagerduty.com',
  calls(incidentId) {
    const id = encodeURIComponent(incidentId);
    return [
      // The full service and the conference bridge come only when asked for (include_incident in the REST API
      // schema); V2 webhooks carry both.
      { key: 'incident', path: `/incidents/${id}?include[]=services&include[]=conference_bridge`, required: true },
      { key: 'customFields', path: `/incidents/${id}/custom_fields/values`, required: false },
      // Oldest first: the first alert's details are what PagerDuty's own custom actions send, and V2 webhooks
      // list every alert's key. 100 is the API's largest page.
      { key: 'alerts', path: `/incidents/${id}/alerts?limit=100&sort_by=created_at:asc`, required: false },
    ];
  },
  headers: (token) => ({ Accept: V2_ACCEPT, Authorization: `Token token=${token}` }),
  map: mapPagerDutyAnswers,
};

const SIGNED_IN_USER_CALL = { key: 'me', path: '/users/me', required: true };

/**
 * The reads made with the web app's session: the incident's, and who is signed in (`GET /users/me`, the REST API's
 * "Get the current user"; with the session it is the person at this browser). Not with a saved token: `/users/me`
 * there is the token's owner (or fails for an account key), who need not be the person clicking.
 */
export const pagerDutySessionApi: IncidentApi = {
  ...pagerDutyApi,
  calls: (incidentId) => [...pagerDutyApi.calls(incidentId), { ...SIGNED_IN_USER_CALL, required: false }],
};

/** Only who is signed in, with the session: when a saved token read the incident, the token cannot say who clicks. */
export const pagerDutySessionUserApi: IncidentApi = {
  ...pagerDutyApi,
  calls: () => [SIGNED_IN_USER_CALL],
};

/** `incident.user` from the answer of `GET /users/me`, when it names someone. */
export function mapPagerDutySignedInUser(answers: Readonly<Record<string, unknown>>): IncidentFields['user'] {
  return signedInUser(record(record(answers.me)?.user));
}

/** Headers the web app sends to its own `/api/v1` with the session cookie. */
export const PAGERDUTY_SESSION_HEADERS = { Accept: V2_ACCEPT, 'X-PagerDuty-Api-Local': '1' } as const;

export function mapPagerDutyAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const incident = record(record(answers.incident)?.incident);
  if (!incident) return {};
  const alerts = list(record(answers.alerts)?.alerts).map(record);
  const alert = alerts[0];
  const fieldAnswer = record(answers.customFields);
  const fieldValues = customFieldValues(fieldAnswer);
  const byName = customFields(fieldValues);
  return defined({
    number: integer(incident.incident_number),
    title: longText(incident.title),
    status: text(incident.status, 100),
    urgency: text(incident.urgency, 100),
    priority: text(record(incident.priority)?.summary, 200),
    service: reference(incident.service),
    assignees: nonEmpty(
      list(incident.assignments)
        .map(record)
        .map((assignment) => {
          const assignee = reference(assignment?.assignee);
          const at = text(assignment?.at, 100);
          return assignee && at ? { ...assignee, at } : assignee;
        })
        .filter((ref) => ref !== undefined),
    ),
    teams: nonEmpty(
      list(incident.teams)
        .map(reference)
        .filter((ref) => ref !== undefined),
    ),
    escalation_policy: reference(incident.escalation_policy),
    created_at: text(incident.created_at, 100),
    html_url: httpUrl(incident.html_url),
    incident_key: text(incident.incident_key, 2_000),
    custom_fields: byName,
    custom_fields_by_display_name: byDisplayName(fieldAnswer, byName),
    alert_details: alertDetails(record(alert?.body)),
    custom_field_values: nonEmpty(fieldValues),
    priority_id: text(record(incident.priority)?.id, 200),
    incident_type: text(record(incident.incident_type)?.name, 200),
    last_status_change_at: text(incident.last_status_change_at, 100),
    last_status_change_by: typedReference(incident.last_status_change_by),
    first_trigger_log_entry: logEntryReference(incident.first_trigger_log_entry),
    alert_counts: alertCounts(record(incident.alert_counts)),
    alert_keys: nonEmpty(alerts.map((item) => text(item?.alert_key, 2_000)).filter((key) => key !== undefined)),
    conference_bridge: conferenceBridge(record(incident.conference_bridge)),
    acknowledgements: nonEmpty(
      list(incident.acknowledgements)
        .map(record)
        .map((ack) => {
          const at = text(ack?.at, 100);
          const by = typedReference(ack?.acknowledger);
          return at && by ? { at, by } : undefined;
        })
        .filter((ack) => ack !== undefined),
    ),
    pending_actions: nonEmpty(
      list(incident.pending_actions)
        .map(record)
        .map((pending) => {
          const type = text(pending?.type, 100);
          const at = text(pending?.at, 100);
          return type && at ? defined({ type, at, to: text(pending?.to, 100) }) : undefined;
        })
        .filter((pending) => pending !== undefined),
    ),
    is_mergeable: typeof incident.is_mergeable === 'boolean' ? incident.is_mergeable : undefined,
    service_details: serviceDetails(record(incident.service)),
    user: mapPagerDutySignedInUser(answers),
  });
}

/** `GET /users/me`'s `user` (a full User): who is signed in, as templates name them. */
function signedInUser(user: Json | undefined) {
  const found = defined({
    id: text(user?.id, 200),
    name: text(user?.name, 1_000) ?? text(user?.summary, 1_000),
    email: text(user?.email, 320),
  });
  return found.id || found.name ? found : undefined;
}

/** The full service's own fields, when the answer has the full object (`type: service`), not a reference. */
function serviceDetails(service: Json | undefined) {
  if (service?.type !== 'service') return undefined;
  const timeout = (value: unknown) => {
    const seconds = integer(value);
    return value === null ? null : seconds !== undefined && seconds >= 0 ? seconds : undefined;
  };
  const rule = record(service.incident_urgency_rule);
  const ruleType = text(rule?.type, 100);
  const found = defined({
    description: text(service.description, 2_000),
    created_at: text(service.created_at, 100),
    status: text(service.status, 100),
    last_incident_timestamp: text(service.last_incident_timestamp, 100),
    acknowledgement_timeout: timeout(service.acknowledgement_timeout),
    auto_resolve_timeout: timeout(service.auto_resolve_timeout),
    alert_creation: text(service.alert_creation, 100),
    urgency_rule: ruleType ? defined({ type: ruleType, urgency: text(rule?.urgency, 100) }) : undefined,
  });
  return Object.keys(found).length > 0 ? found : undefined;
}

/** `last_status_change_by`: a user, service or integration reference, with its type. */
function typedReference(value: unknown) {
  const ref = record(value);
  const id = text(ref?.id, 200);
  const name = text(ref?.summary, 1_000);
  const type = text(ref?.type, 100);
  return id && name && type ? { id, name, type } : undefined;
}

function logEntryReference(value: unknown) {
  const ref = record(value);
  const id = text(ref?.id, 200);
  return id ? { id, name: text(ref?.summary, 1_000) ?? '' } : undefined;
}

function alertCounts(counts: Json | undefined) {
  const all = integer(counts?.all);
  const triggered = integer(counts?.triggered);
  const resolved = integer(counts?.resolved);
  return all !== undefined &&
    triggered !== undefined &&
    resolved !== undefined &&
    Math.min(all, triggered, resolved) >= 0
    ? { all, triggered, resolved }
    : undefined;
}

function conferenceBridge(bridge: Json | undefined) {
  const found = defined({
    conference_number: text(bridge?.conference_number, 1_000),
    conference_url: text(bridge?.conference_url, 2_000),
  });
  return Object.keys(found).length > 0 ? found : undefined;
}

/** The fields with their definitions, values typed as PagerDuty types them (a list for multi-value fields). */
function customFieldValues(answer: Json | undefined): CustomFieldValue[] {
  const found: CustomFieldValue[] = [];
  for (const field of list(answer?.custom_fields).map(record)) {
    const name = safeKey(field?.name);
    if (!field || !name) continue;
    const raw = field.value;
    const value =
      raw === null || typeof raw === 'boolean' || (typeof raw === 'number' && Number.isFinite(raw))
        ? raw
        : typeof raw === 'string'
          ? (longText(raw) ?? '')
          : Array.isArray(raw)
            ? raw.slice(0, 100).map((item) => text(item) ?? '')
            : undefined;
    if (value === undefined) continue;
    found.push(
      defined({
        id: text(field.id, 200),
        name,
        data_type: text(field.data_type, 50),
        field_type: text(field.field_type, 50),
        value,
      }),
    );
  }
  return found;
}

/** PagerDuty references name things in `summary`. */
function reference(value: unknown): { id?: string; name: string } | undefined {
  const ref = record(value);
  const name = text(ref?.summary, 1_000) ?? text(ref?.name, 1_000);
  if (!ref || !name) return undefined;
  const id = text(ref.id, 200);
  return id ? { id, name } : { name };
}

/** What templates read: by field name, multi-value fields as the same "a, b" a template gets from any list. */
function customFields(values: readonly CustomFieldValue[]): IncidentFields['custom_fields'] {
  const fields: NonNullable<IncidentFields['custom_fields']> = {};
  for (const { name, value } of values) fields[name] = Array.isArray(value) ? value.filter(Boolean).join(', ') : value;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/**
 * The same values keyed by each field's `display_name` (what the web app shows; unique in an account, REST
 * `CustomFieldsFieldValue`). A field without one, or with a reserved one, is only under its `name`.
 */
function byDisplayName(
  answer: Json | undefined,
  byName: IncidentFields['custom_fields'],
): IncidentFields['custom_fields_by_display_name'] {
  if (!byName) return undefined;
  const fields: NonNullable<IncidentFields['custom_fields_by_display_name']> = {};
  for (const field of list(answer?.custom_fields).map(record)) {
    const name = safeKey(field?.name);
    const displayName = safeKey(field?.display_name);
    if (name && displayName && Object.hasOwn(byName, name)) fields[displayName] = byName[name] ?? null;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** The alert's `details` (what the monitoring tool sent); a plain-text body reads as text. */
function alertDetails(body: Json | undefined): IncidentFields['alert_details'] {
  if (!body) return undefined;
  const details = body.details ?? record(body.cef_details)?.details;
  return typeof details === 'string' ? longText(details) : safeObject(details);
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items.slice(0, 100) : undefined;
}
