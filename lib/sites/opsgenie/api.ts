import type { IncidentFields } from '../../model/incident';
import { defined, list, longText, record, text } from '../read-json';
import type { IncidentApi } from '../site';
import { customFields, integerLike, nonEmpty, reference } from '../vendor-fields';

/**
 * Two documented APIs read the same alert (lib/sites/opsgenie/README.md), and the site keeps one saved token:
 * - Opsgenie's Alert API v2, Get Alert: `{ data: Alert, took, requestId }`, `GenieKey <key>`.
 * - JSM Operations' Get alert, `GET https://api.atlassian.com/jsm/ops/api/{cloudId}/v1/alerts/{id}`: the alert
 *   itself (`AlertResponse`, not wrapped), Basic auth with an Atlassian account's `email:api_token`.
 * The saved base picks one: a JSM Operations base (`forBase`) reads JSM, any other base Opsgenie, as before.
 * Jira Service Management pages still get the Opsgenie default base: the cloudId is not in the page's URL, and
 * an account that still has Opsgenie keys can read the same alert at api.opsgenie.com. Whether a JSM site is on
 * the EU instance cannot be told from its host.
 */
const EU_HOST = /(^|\.)eu\.opsgenie\.com$/;

/**
 * The saved base as the JSM Operations docs write it, tested on the string itself (not a parsed URL, which would
 * forgive userinfo, ports, backslashes and dot segments): https, exactly `api.atlassian.com`, and one cloudId,
 * the site's UUID, as the last segment.
 */
const JSM_OPS_BASE =
  /^https:\/\/api\.atlassian\.com\/jsm\/ops\/api\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\/?$/;

export function isJsmOpsBase(base: string): boolean {
  return base.length <= 200 && JSM_OPS_BASE.test(base);
}

export const jsmOpsApi: IncidentApi = {
  site: 'opsgenie',
  vendor: 'Jira Service Management Operations',
  tokenHelp:
    'Your Atlassian account e-mail and an API token (id.atlassian.com), typed together as email:api_token; the base is https://api.atlassian.com/jsm/ops/api/<cloudId>.',
  // The cloudId is the site's, not in the page's URL: only the user knows the base.
  defaultBase: () => undefined,
  // Only the alert's id is accepted here (no tiny id or alias), which is what the page URL holds.
  calls: (alertId) => [{ key: 'alert', path: `/v1/alerts/${encodeURIComponent(alertId)}`, required: true }],
  headers: (token) => ({ Accept: 'application/json', Authorization: `Basic ${base64Utf8(token)}` }),
  map: (answers) => {
    const alert = record(answers.alert);
    return alert ? alertFields(alert, reference(undefined, alert.integrationName), alert.extraProperties) : {};
  },
};

export const opsgenieApi: IncidentApi = {
  site: 'opsgenie',
  tokenHelp:
    'An Opsgenie API key with Read access (Settings → API key management), or a team integration API key (it sees only that team’s alerts). Jira Service Management Operations instead: base https://api.atlassian.com/jsm/ops/api/<cloudId> (the cloudId from https://<site>.atlassian.net/_edge/tenant_info) and, as the token, your Atlassian e-mail and an API token typed as email:api_token.',
  defaultBase: (pageUrl) =>
    EU_HOST.test(pageUrl.hostname) ? 'https://api.eu.opsgenie.com' : 'https://api.opsgenie.com',
  // The page URL holds the alert's id, not its tiny id or alias.
  calls: (alertId) => [
    { key: 'alert', path: `/v2/alerts/${encodeURIComponent(alertId)}?identifierType=id`, required: true },
  ],
  headers: (token) => ({ Authorization: `GenieKey ${token}` }),
  map: (answers) => {
    const alert = record(record(answers.alert)?.data);
    if (!alert) return {};
    const integration = record(alert.integration);
    return alertFields(alert, reference(integration?.id, integration?.name), alert.details);
  },
  forBase: (base) => (isJsmOpsBase(base) ? jsmOpsApi : undefined),
};

/**
 * One alert object, as both APIs share it (JSM Operations kept Opsgenie's alert model); where they differ the
 * caller passes the value: the integration (`integration{id,name}` / `integrationName`) and the key/value map
 * (`details` / `extraProperties`).
 */
function alertFields(
  alert: Readonly<Record<string, unknown>>,
  service: IncidentFields['service'],
  properties: unknown,
): IncidentFields {
  const owner = text(alert.owner, 320);
  return defined({
    number: integerLike(alert.tinyId),
    title: longText(alert.message),
    status: status(alert),
    priority: text(alert.priority, 200),
    // The owner is who the alert is assigned to: Opsgenie names users by e-mail, JSM by display name.
    assignees: owner ? [owner.includes('@') ? { name: owner, email: owner } : { name: owner }] : undefined,
    // Responders carry only `{id, type}` in the documented answers; a team is kept when a name came along.
    teams: nonEmpty(
      list(alert.responders)
        .map(record)
        .filter((responder) => responder?.type === 'team')
        .map((team) => reference(team?.id, team?.name))
        .filter((team) => team !== undefined),
    ),
    // No service in Opsgenie or JSM alerts: the integration that created the alert is the closest.
    service,
    created_at: text(alert.createdAt, 100),
    incident_key: text(alert.alias, 2_000),
    custom_fields: customFields(Object.entries(record(properties) ?? {})),
    alert_details: longText(alert.description),
  });
}

/**
 * One word, as the page's lozenge shows: Opsgenie says `open`/`closed` with acknowledgement a separate flag;
 * JSM Operations also says `acked`, `resolved` and `snoozed`, and `acked` reads as Opsgenie's acknowledged.
 */
function status(alert: Readonly<Record<string, unknown>>): string | undefined {
  const word = text(alert.status, 100)?.toLowerCase();
  if (word === 'acked') return 'acknowledged';
  return word === 'open' && alert.acknowledged === true ? 'acknowledged' : word;
}

/** Basic credentials: base64 of the UTF-8 bytes (`btoa` alone throws on any character above U+00FF). */
function base64Utf8(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
