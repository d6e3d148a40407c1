/**
 * The normalized fields a person can point at on a page (a custom site's definition, a site fix); any other is
 * `custom_fields.<name>`. Without zod: the content script's picker offers them.
 */
export const CUSTOM_SITE_FIELDS = [
  'title',
  'number',
  'status',
  'urgency',
  'priority',
  'service',
  'created_at',
  'incident_key',
] as const;
