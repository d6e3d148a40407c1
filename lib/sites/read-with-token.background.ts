import { fail, ok, type Result } from '../core/result';
import type { ApiAccess } from '../model/api-access';
import type { IncidentFields, IncidentSnapshot } from '../model/incident';
import { apiForSite } from './apis';
import { readApiAnswers } from './read-api';
import { INCIDENT_SOURCES } from './registry';

export interface TokenReadDeps {
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
}

/**
 * The incident's values from the vendor's documented API, with the token the user saved for the site
 * (background only: the token never leaves the extension's pages). `null` when no token is saved. The URL
 * is built here from the saved base and the incident id, never taken from the content script.
 */
export async function readIncidentWithToken(
  deps: TokenReadDeps,
  access: ApiAccess | undefined,
  incident: IncidentSnapshot,
): Promise<Result<IncidentFields | null>> {
  const siteApi = apiForSite(incident.site);
  if (!siteApi || !access || access.site !== incident.site) return ok(null);
  // The saved base may name another API of the site (JSM Operations for an Opsgenie/JSM alert).
  const api = siteApi.forBase?.(access.base) ?? siteApi;
  const vendor = api.vendor ?? INCIDENT_SOURCES.find((source) => source.id === incident.site)?.name ?? incident.site;
  if (!(await deps.hasOriginPermission(access.base))) {
    return fail(
      `${vendor} API: not allowed to call ${new URL(access.base).origin}; save the token again in the options page`,
    );
  }
  const answers = await readApiAnswers(api, incident.id, {
    base: access.base,
    headers: api.headers(access.token, new URL(incident.url)),
    fetch: deps.fetch,
    credentials: 'omit',
    vendor,
  });
  return answers.ok ? ok(api.map(answers.value)) : answers;
}
