import type { IncidentFields } from '../../model/incident';
import { defined, type Json, list, longText, record, text } from '../read-json';
import type { IncidentApi } from '../site';
import { customFields, integerLike } from '../vendor-fields';

/**
 * PagerTree's API v4, `GET /alerts/:id` → the bare alert (lib/sites/pagertree/README.md). The alert names its source
 * only by `source_id`/`source_type`, and its destinations and responders are not documented, so `service`,
 * `teams` and `assignees` stay with what the page shows.
 */
const ACCOUNT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ALERT_PARAM = /^alt_[A-Za-z0-9]{1,64}$/;

export const pagerTreeApi: IncidentApi = {
  site: 'pagertree',
  tokenHelp: 'Your PagerTree API key (My Settings → API key).',
  defaultBase: () => 'https://api.pagertree.com/api/v4',
  calls: (alertId) => [{ key: 'alert', path: `/alerts/${encodeURIComponent(alertId)}`, required: true }],
  headers: (token) => ({ Authorization: `Bearer ${token}` }),
  map: mapPagerTreeAnswers,
};

/** The page shows the incident message among the custom fields; the API's copy goes under the same name. */
const INCIDENT_MESSAGE_FIELD = 'Incident message';

function mapPagerTreeAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const alert = record(answers.alert);
  if (!alert) return {};
  const incident = incidentFlags(alert);
  return defined({
    number: integerLike(alert.tiny_id),
    title: longText(alert.title),
    status: text(alert.status, 100)?.toLowerCase(),
    urgency: text(alert.urgency, 100)?.toLowerCase(),
    priority: severity(incident?.incident_severity),
    created_at: text(alert.created_at, 100),
    html_url: alertUrl(alert),
    incident_key: text(alert.thirdparty_id, 2_000) ?? text(list(alert.dedup_keys)[0], 2_000),
    custom_fields: customFields([[INCIDENT_MESSAGE_FIELD, longText(incident?.incident_message)]]),
    // Not in the documented alert fields: integrations store their table as `additional_data[{label, value}]`,
    // read here should the answer carry it (the page shows it under Additional Data).
    alert_details: customFields(
      list(alert.additional_data)
        .map(record)
        .map((row) => [row?.label, row?.value] as const),
    ),
  });
}

/**
 * Where the alert says it is an incident: the documented `meta` (`incident`, `incident_severity`,
 * `incident_message`), or the same three at the top level, as PagerTree's integrations build an alert
 * (PagerTree/pager_tree-integrations alert.rb). Severity and message belong to alerts flagged as incidents; a plain
 * alert keeps any stale ones out.
 */
function incidentFlags(alert: Json): Json | undefined {
  const meta = record(alert.meta);
  if (meta?.incident === true) return meta;
  return alert.incident === true ? alert : undefined;
}

/**
 * The severity as the page shows it (`SEV-2`). The alert may store the enum's name, `sev_2` (PagerTree's chat
 * messages print `incident_severity.upcase.dasherize`, pager_tree-integrations channel/microsoft_teams/v4.rb).
 */
const SEVERITY = /^sev[-_](\d|unknown)$/i;
function severity(value: unknown): string | undefined {
  const level = SEVERITY.exec(text(value, 20) ?? '')?.[1];
  return level ? `SEV-${level.toUpperCase()}` : text(value, 200);
}

/** Not returned: the page's own link, `https://app.pagertree.com/<account>/alerts/<prefix id>`, built from both ids. */
function alertUrl(alert: Json): string | undefined {
  const account = text(alert.account_id, 100);
  const param = text(alert.prefix_id, 100);
  return account && param && ACCOUNT_ID.test(account) && ALERT_PARAM.test(param)
    ? `https://app.pagertree.com/${account}/alerts/${param}`
    : undefined;
}
