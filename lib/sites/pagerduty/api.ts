import type { IncidentFields } from '../../model/incident';
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
      { key: 'incident', path: `/incidents/${id}`, required: true },
      { key: 'customFields', path: `/incidents/${id}/custom_fields/values`, required: false },
      // The first alert is the one whose details PagerDuty's own custom actions send.
      { key: 'alerts', path: `/incidents/${id}/alerts?limit=1&sort_by=created_at:asc`, required: false },
    ];
  },
  headers: (token) => ({ Accept: V2_ACCEPT, Authorization: `Token token=${token}` }),
  map: mapPagerDutyAnswers,
};

/** Headers the web app sends to its own `/api/v1` with the session cookie. */
export const PAGERDUTY_SESSION_HEADERS = { Accept: V2_ACCEPT, 'X-PagerDuty-Api-Local': '1' } as const;

export function mapPagerDutyAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const incident = record(record(answers.incident)?.incident);
  if (!incident) return {};
  const alert = record(list(record(answers.alerts)?.alerts)[0]);
  return defined({
    number: integer(incident.incident_number),
    title: longText(incident.title),
    status: text(incident.status, 100),
    urgency: text(incident.urgency, 100),
    priority: text(record(incident.priority)?.summary, 200),
    service: reference(incident.service),
    assignees: nonEmpty(
      list(incident.assignments)
        .map((assignment) => reference(record(assignment)?.assignee))
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
    custom_fields: customFields(record(answers.customFields)),
    alert_details: alertDetails(record(alert?.body)),
  });
}

/** PagerDuty references name things in `summary`. */
function reference(value: unknown): { id?: string; name: string } | undefined {
  const ref = record(value);
  const name = text(ref?.summary, 1_000) ?? text(ref?.name, 1_000);
  if (!ref || !name) return undefined;
  const id = text(ref.id, 200);
  return id ? { id, name } : { name };
}

function customFields(answer: Json | undefined): IncidentFields['custom_fields'] {
  const fields: NonNullable<IncidentFields['custom_fields']> = {};
  for (const field of list(answer?.custom_fields).map(record)) {
    const name = safeKey(field?.name);
    if (!field || !name) continue;
    const value = field.value;
    if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      fields[name] = value;
    } else if (typeof value === 'string') {
      fields[name] = longText(value) ?? '';
    } else if (Array.isArray(value)) {
      // multi_value fields: the same "a, b" a template gets from any list.
      fields[name] = value
        .map((item) => text(item) ?? '')
        .filter(Boolean)
        .join(', ');
    }
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
