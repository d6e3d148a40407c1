import * as z from 'zod/mini';
import { MAX_FIELD_CHARS } from '../core/limits';

export { MAX_FIELD_CHARS };

/**
 * The normalized incident every site adapter produces, aligned with PagerDuty's V3 incident object so that
 * PagerDuty users find the names they know. Only `site`, `id` and `url` are always present; each adapter
 * fills what its site shows (lib/sites/<site>/README.md). Sizes are capped, but generously: a hostile 1 MB
 * title must still be carried as data, not crash the parser.
 */

const text = (max = 10_000) => z.string().check(z.maxLength(max));
/** Keys of maps filled from a page or an API: never ones that could reach an object's prototype. */
const safeKey = z.string().check(z.maxLength(200), z.regex(/^(?!__proto__$|constructor$|prototype$)/, 'Reserved key'));

const Reference = z.strictObject({ id: z.optional(text(200)), name: text(1_000) });
const Person = z.strictObject({
  id: z.optional(text(200)),
  name: z.optional(text(1_000)),
  email: z.optional(text(320)),
  /** An assignee: when they were assigned (PagerDuty's `assignments[].at`). */
  at: z.optional(text(100)),
});

/** A custom field's value as PagerDuty types it: a list for multi-value fields. */
const FieldValue = z.union([
  text(MAX_FIELD_CHARS),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(text()).check(z.maxLength(100)),
]);
/** A custom field with its definition, as PagerDuty's API gives it (`CustomFieldsFieldValue`). */
const CustomFieldValue = z.strictObject({
  id: z.optional(text(200)),
  name: safeKey,
  data_type: z.optional(text(50)),
  field_type: z.optional(text(50)),
  value: FieldValue,
});
const count = z.number().check(z.int(), z.nonnegative());

export const SiteIdSchema = z
  .string()
  .check(z.regex(/^(pagerduty|opsgenie|grafana-oncall|incident-io|pagertree|custom:[a-z0-9-]{1,40})$/));

/** A custom field's value as templates read it: multi-value fields joined with ", ". */
const CustomFieldText = z.union([text(MAX_FIELD_CHARS), z.number(), z.boolean(), z.null()]);

export const IncidentSnapshotSchema = z.strictObject({
  site: SiteIdSchema,
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  number: z.optional(z.number()),
  title: z.optional(text(MAX_FIELD_CHARS)),
  status: z.optional(text(100)),
  urgency: z.optional(text(100)),
  priority: z.optional(text(200)),
  service: z.optional(Reference),
  assignees: z.optional(z.array(Person).check(z.maxLength(100))),
  teams: z.optional(z.array(Reference).check(z.maxLength(100))),
  escalation_policy: z.optional(Reference),
  created_at: z.optional(text(100)),
  html_url: z.optional(z.url({ protocol: /^https?$/ })),
  incident_key: z.optional(text(2_000)),
  custom_fields: z.optional(z.record(safeKey, CustomFieldText)),
  /**
   * The same values keyed by the name people see (PagerDuty's `display_name`, "Customer impact"), for templates
   * written from the page: `{{ incident.custom_fields_by_display_name["Customer impact"] }}`.
   */
  custom_fields_by_display_name: z.optional(z.record(safeKey, CustomFieldText)),
  alert_details: z.optional(z.union([text(MAX_FIELD_CHARS), z.record(safeKey, z.unknown())])),
  // What PagerDuty's API adds for its webhook shapes (lib/sites/pagerduty/webhook-shapes.ts); other sites leave
  // them out. Templates keep reading `custom_fields` (multi-value joined with ", ").
  custom_field_values: z.optional(z.array(CustomFieldValue).check(z.maxLength(100))),
  priority_id: z.optional(text(200)),
  incident_type: z.optional(text(200)),
  last_status_change_at: z.optional(text(100)),
  /** A user, a service or an integration: `type` is PagerDuty's reference type, e.g. `service_reference`. */
  last_status_change_by: z.optional(z.strictObject({ id: text(200), name: text(1_000), type: text(100) })),
  first_trigger_log_entry: z.optional(z.strictObject({ id: text(200), name: text(1_000) })),
  alert_counts: z.optional(z.strictObject({ all: count, triggered: count, resolved: count })),
  alert_keys: z.optional(z.array(text(2_000)).check(z.maxLength(100))),
  acknowledgements: z.optional(
    z
      .array(
        z.strictObject({ at: text(100), by: z.strictObject({ id: text(200), name: text(1_000), type: text(100) }) }),
      )
      .check(z.maxLength(100)),
  ),
  /** Escalations, unacknowledgements and resolves PagerDuty has scheduled; `to` for an urgency change. */
  pending_actions: z.optional(
    z.array(z.strictObject({ type: text(100), at: text(100), to: z.optional(text(100)) })).check(z.maxLength(100)),
  ),
  is_mergeable: z.optional(z.boolean()),
  /** The service's own fields (PagerDuty's API with `include[]=services`), for V2's full `service`. */
  service_details: z.optional(
    z.strictObject({
      description: z.optional(text(2_000)),
      created_at: z.optional(text(100)),
      status: z.optional(text(100)),
      last_incident_timestamp: z.optional(text(100)),
      acknowledgement_timeout: z.optional(z.nullable(count)),
      auto_resolve_timeout: z.optional(z.nullable(count)),
      alert_creation: z.optional(text(100)),
      urgency_rule: z.optional(z.strictObject({ type: text(100), urgency: z.optional(text(100)) })),
    }),
  ),
  conference_bridge: z.optional(
    z.strictObject({ conference_number: z.optional(text(1_000)), conference_url: z.optional(text(2_000)) }),
  ),
  /** The page the responder is on. */
  url: z.url({ protocol: /^https?$/ }),
  user: z.optional(Person),
});
export type IncidentSnapshot = z.infer<typeof IncidentSnapshotSchema>;
export type CustomFieldValue = z.infer<typeof CustomFieldValue>;
export type IncidentFields = Omit<IncidentSnapshot, 'site' | 'id' | 'url'>;

/**
 * Variables a template may name. Fixed paths, plus any key below `incident.custom_fields.` and
 * `incident.alert_details.`. Lists read as their names joined by ", "; references as their name.
 */
export const INCIDENT_VARIABLES = [
  'incident.id',
  'incident.number',
  'incident.title',
  'incident.status',
  'incident.urgency',
  'incident.priority',
  'incident.service',
  'incident.service.id',
  'incident.service.name',
  'incident.assignees',
  'incident.teams',
  'incident.escalation_policy',
  'incident.escalation_policy.name',
  'incident.created_at',
  'incident.html_url',
  'incident.incident_key',
  'incident.url',
  'incident.site',
  'incident.user.id',
  'incident.user.name',
  'incident.user.email',
] as const;
const OPEN_PREFIXES = ['incident.custom_fields.', 'incident.custom_fields_by_display_name.', 'incident.alert_details.'];
const KNOWN = new Set<string>(INCIDENT_VARIABLES);
const LIST_PREFIXES = ['incident.assignees.', 'incident.teams.'];

export function isKnownVariable(name: string): boolean {
  return (
    KNOWN.has(name) ||
    // The maps themselves (`{{incident.custom_fields}}` in a JSON body gives the whole object), and any key.
    OPEN_PREFIXES.some(
      (prefix) => name === prefix.slice(0, -1) || (name.startsWith(prefix) && name.length > prefix.length),
    ) ||
    // Inside a list: `incident.assignees.first.email`, `incident.teams.0.name`, `incident.assignees.size`.
    LIST_PREFIXES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length)
  );
}

/**
 * The value of `incident.a.b` in an incident, as text. Walks own properties only, so `__proto__` or
 * `constructor` in a path reads nothing. Undefined when the page did not have the value.
 */
export function readIncidentVariable(incident: IncidentSnapshot, name: string): string | undefined {
  if (!isKnownVariable(name)) return undefined;
  let value: unknown = incident;
  for (const segment of name.split('.').slice(1)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return asText(value);
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    return JSON.stringify(value);
  }
  return undefined;
}

/**
 * Where an incident lives: its page's origin and path up to its id ("https://app.incident.io/acme/incidents/1433"),
 * or the origin alone when the id is not in the path. Two accounts can have an incident of the same id (incident.io
 * numbers them per organization, a self-hosted site may restart at 1), so runs are matched on this too.
 */
export function incidentPlace(incident: Pick<IncidentSnapshot, 'id' | 'url'>): string {
  try {
    const url = new URL(incident.url);
    const at = url.pathname.indexOf(`/${encodeURIComponent(incident.id)}`);
    return at < 0 ? url.origin : `${url.origin}${url.pathname.slice(0, at + incident.id.length + 1)}`;
  } catch {
    return '';
  }
}

/** The same incident: site, id and the account it lives in (incidentPlace). */
export function sameIncident(
  a: Pick<IncidentSnapshot, 'site' | 'id' | 'url'>,
  b: Pick<IncidentSnapshot, 'site' | 'id' | 'url'>,
): boolean {
  return a.site === b.site && a.id === b.id && incidentPlace(a) === incidentPlace(b);
}
