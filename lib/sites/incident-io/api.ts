import type { IncidentFields } from '../../model/incident';
import { defined, httpUrl, type Json, list, longText, record, text } from '../read-json';
import type { IncidentApi } from '../site';
import { type CustomFieldValue, customFields, nonEmpty } from '../vendor-fields';

/**
 * incident.io's API, `GET /v2/incidents/{id}` → `{ incident: IncidentV2 }` (lib/sites/incident-io/README.md). The id
 * may be the ULID or the number in `INC-<n>`, so the page URL's segment is passed through as it is. Teams come
 * as bare `team_ids` and there is no service, key or alert on an incident: those stay absent.
 */
export const incidentIoApi: IncidentApi = {
  site: 'incident-io',
  tokenHelp: 'An incident.io API key that can view incidents (Settings → API keys).',
  defaultBase: () => 'https://api.incident.io',
  calls: (incidentId) => [{ key: 'incident', path: `/v2/incidents/${encodeURIComponent(incidentId)}`, required: true }],
  headers: (token) => ({ Authorization: `Bearer ${token}` }),
  map: mapIncidentIoAnswers,
};

/** The page shows its incident type among the custom fields; the API's copy goes under the same name. */
const INCIDENT_TYPE_FIELD = 'Incident type';

function mapIncidentIoAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const incident = record(record(answers.incident)?.incident);
  if (!incident) return {};
  return defined({
    number: referenceNumber(incident.reference),
    title: longText(incident.name),
    status: text(record(incident.incident_status)?.name, 100)?.toLowerCase(),
    priority: text(record(incident.severity)?.name, 200),
    assignees: nonEmpty(
      list(incident.incident_role_assignments)
        .map(record)
        .filter((assignment) => record(assignment?.role)?.role_type === 'lead')
        .map((assignment) => person(record(assignment?.assignee)))
        .filter((lead) => lead !== undefined),
    ),
    created_at: text(incident.created_at, 100),
    html_url: httpUrl(incident.permalink),
    custom_fields: customFields([
      [INCIDENT_TYPE_FIELD, text(record(incident.incident_type)?.name, 1_000)],
      ...list(incident.custom_field_entries)
        .map(record)
        .map((entry) => [record(entry?.custom_field)?.name, entryValue(entry)] as const),
    ]),
  });
}

/** `INC-1432` → 1432. */
function referenceNumber(value: unknown): number | undefined {
  const digits = /(?:^|\D)(\d{1,15})$/.exec(text(value, 100) ?? '')?.[1];
  return digits ? Number(digits) : undefined;
}

function person(user: Json | undefined): { id?: string; name: string; email?: string } | undefined {
  const name = text(user?.name, 1_000);
  if (!user || !name) return undefined;
  return defined({ id: text(user.id, 200), name, email: text(user.email, 320) });
}

/** A field's values as the app shows them: each value's one set member, several joined by ", "; unset is absent. */
function entryValue(entry: Json | undefined): CustomFieldValue | undefined {
  const shown = list(entry?.values)
    .slice(0, 100)
    .map(record)
    .map(
      (value) =>
        longText(value?.value_text) ??
        text(value?.value_numeric, 100) ??
        text(value?.value_link, 2_000) ??
        text(record(value?.value_option)?.value) ??
        text(record(value?.value_catalog_entry)?.name) ??
        text(value?.value_timestamp, 100),
    )
    .filter((value) => value !== undefined);
  return shown.length > 0 ? shown.join(', ') : undefined;
}
