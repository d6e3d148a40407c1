import type { IncidentFields, IncidentSnapshot } from '../model/incident';

/**
 * The page's incident with an API's values over it: the API is exact where the page shows a summary
 * ("3 minutes ago", a truncated title) and has what the page hides (custom fields, the alert's details).
 * What identifies the incident and the page (`site`, `id`, `url`) and who is signed in stay the page's.
 */
export function withApiFields(page: IncidentSnapshot, api: IncidentFields): IncidentSnapshot {
  const merged: IncidentSnapshot = { ...page, ...api, site: page.site, id: page.id, url: page.url };
  if (page.custom_fields && api.custom_fields) merged.custom_fields = { ...page.custom_fields, ...api.custom_fields };
  if (page.user) merged.user = page.user;
  return merged;
}
