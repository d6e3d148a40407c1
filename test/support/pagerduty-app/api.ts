import { readFixtureJson } from '../site-fixtures.ts';
import { FIXTURE_INCIDENTS, type FixtureIncidentId, fullTitle } from './incidents.ts';

/**
 * PagerDuty's REST API v2 for the fixture incidents, answered in the documented shapes (the api-*.json
 * files validate against PagerDuty's OpenAPI). Two doors, as in production:
 * - the web app's own `/api/v1` on the account host, open to the signed-in session (cookie + the app's header);
 * - the public API, open to `Authorization: Token token=<key>`.
 */
export const SESSION_COOKIE = 'pd_session=e2e-session';
export const E2E_API_TOKEN = 'e2e-pd-token-7Qx9';

// biome-ignore lint/suspicious/noExplicitAny: PagerDuty's documented JSON, spread into answers as it is
const load = (name: string) => readFixtureJson<any>('pagerduty', name);
const INCIDENT = load('api-incident.json');
const CUSTOM_FIELDS = load('api-custom-fields.json');
const ALERTS = load('api-alerts.json');
const USERS_ME = load('api-users-me.json');

export interface FixtureResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const json = (status: number, value: unknown): FixtureResponse => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
});

/**
 * The answer to `path` (below the API base: `/incidents/<id>[/custom_fields/values|/alerts]`, `/users/me`), or
 * undefined when the path is not an API path. `authorized` says whether the request carried the door's
 * credentials.
 */
export function pagerDutyApiAnswer(path: string, authorized: boolean): FixtureResponse | undefined {
  // Who is signed in: the session's person (the REST API's "Get the current user").
  if (/^\/users\/me(?:\?|$)/.test(path))
    return authorized ? json(200, USERS_ME) : json(401, { error: { message: 'Unauthorized', code: 2006 } });
  const match = /^\/incidents\/([^/?]+)(\/custom_fields\/values|\/alerts)?(?:\?|$)/.exec(path);
  if (!match) return undefined;
  if (!authorized) return json(401, { error: { message: 'Unauthorized', code: 2006 } });
  const id = decodeURIComponent(match[1] ?? '') as FixtureIncidentId;
  const shown = FIXTURE_INCIDENTS[id];
  if (!shown) return json(404, { error: { message: 'Not Found', code: 2100 } });
  if (match[2] === '/custom_fields/values') return json(200, CUSTOM_FIELDS);
  if (match[2] === '/alerts') return json(200, ALERTS);
  return json(200, {
    incident: {
      ...INCIDENT.incident,
      id,
      incident_number: shown.number,
      title: fullTitle(id),
      // What the fixture app shows, so page and API agree where both have a value.
      status: 'triggered',
      service: { ...INCIDENT.incident.service, summary: shown.service },
      summary: `[#${shown.number}] ${fullTitle(id).slice(0, 100)}`,
      html_url: `https://acme.pagerduty.com/incidents/${id}`,
    },
  });
}

/** The session door: the app's header and the session cookie the fixture app set. */
export function hasPagerDutySession(headers: Record<string, string | string[] | undefined>): boolean {
  const cookie = String(headers.cookie ?? '');
  return headers['x-pagerduty-api-local'] === '1' && cookie.split(/;\s*/).includes(SESSION_COOKIE);
}

export function hasPagerDutyToken(headers: Record<string, string | string[] | undefined>): boolean {
  return headers.authorization === `Token token=${E2E_API_TOKEN}`;
}
