import type { IncidentFields } from '../../model/incident';
import { defined, list, longText, record, text } from '../read-json';
import type { IncidentApi } from '../site';
import { customFields, integerLike, nonEmpty, reference } from '../vendor-fields';

/**
 * Opsgenie's Alert API v2, Get Alert (lib/sites/opsgenie/README.md): `{ data: Alert, took, requestId }`.
 *
 * Jira Service Management pages (`<site>.atlassian.net/jira/ops/alerts/<id>`) get the Opsgenie default base:
 * the JSM Operations API (`api.atlassian.com/jsm/ops/api/{cloudId}/v1/alerts/{id}`) needs the site's cloudId
 * and Basic `email:api_token` instead of a GenieKey, and answers unwrapped with `extraProperties`; that API is
 * left out here. An account that still has Opsgenie keys can read the same alert at api.opsgenie.com; whether a
 * JSM site is on the EU instance cannot be told from its host.
 */
const EU_HOST = /(^|\.)eu\.opsgenie\.com$/;

export const opsgenieApi: IncidentApi = {
  site: 'opsgenie',
  tokenHelp:
    'An Opsgenie API key with Read access (Settings → API key management), or a team integration API key (it sees only that team’s alerts).',
  defaultBase: (pageUrl) =>
    EU_HOST.test(pageUrl.hostname) ? 'https://api.eu.opsgenie.com' : 'https://api.opsgenie.com',
  // The page URL holds the alert's id, not its tiny id or alias.
  calls: (alertId) => [
    { key: 'alert', path: `/v2/alerts/${encodeURIComponent(alertId)}?identifierType=id`, required: true },
  ],
  headers: (token) => ({ Authorization: `GenieKey ${token}` }),
  map: mapOpsgenieAnswers,
};

function mapOpsgenieAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const alert = record(record(answers.alert)?.data);
  if (!alert) return {};
  const owner = text(alert.owner, 320);
  const integration = record(alert.integration);
  return defined({
    number: integerLike(alert.tinyId),
    title: longText(alert.message),
    status: status(alert),
    priority: text(alert.priority, 200),
    // The owner is who the alert is assigned to; Opsgenie names users by their e-mail address.
    assignees: owner ? [owner.includes('@') ? { name: owner, email: owner } : { name: owner }] : undefined,
    // Responders carry only `{id, type}` in the documented answer; a team is kept when a name came along.
    teams: nonEmpty(
      list(alert.responders)
        .map(record)
        .filter((responder) => responder?.type === 'team')
        .map((team) => reference(team?.id, team?.name))
        .filter((team) => team !== undefined),
    ),
    // No service in Opsgenie: the integration that created the alert is the closest.
    service: reference(integration?.id, integration?.name),
    created_at: text(alert.createdAt, 100),
    incident_key: text(alert.alias, 2_000),
    custom_fields: customFields(Object.entries(record(alert.details) ?? {})),
    alert_details: longText(alert.description),
  });
}

/** `status` is `open`/`closed`, with acknowledgement a separate flag: one word, as the page's lozenge shows. */
function status(alert: Readonly<Record<string, unknown>>): string | undefined {
  const word = text(alert.status, 100)?.toLowerCase();
  return word === 'open' && alert.acknowledged === true ? 'acknowledged' : word;
}
