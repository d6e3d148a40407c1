import * as z from 'zod/mini';

/**
 * What a content script knows about the incident on screen. Issue-sized today (id, title, page URL);
 * the normalized, PagerDuty-V3-shaped model grows from here.
 */
export const MAX_FIELD_CHARS = 1_048_576; // a hostile 1 MB title must still be carried, not crash the parser

export const IncidentSnapshotSchema = z.strictObject({
  site: z.literal('pagerduty'),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  title: z.optional(z.string().check(z.maxLength(MAX_FIELD_CHARS))),
  url: z.url({ protocol: /^https$/ }),
});
export type IncidentSnapshot = z.infer<typeof IncidentSnapshotSchema>;

/** The variables a template may name, and where their values come from. */
export const INCIDENT_VARIABLES = {
  'incident.id': (incident: IncidentSnapshot) => incident.id,
  'incident.title': (incident: IncidentSnapshot) => incident.title,
  'incident.url': (incident: IncidentSnapshot) => incident.url,
} as const satisfies Record<string, (incident: IncidentSnapshot) => string | undefined>;

export type VariableName = keyof typeof INCIDENT_VARIABLES;

export function isKnownVariable(name: string): name is VariableName {
  return Object.hasOwn(INCIDENT_VARIABLES, name);
}
