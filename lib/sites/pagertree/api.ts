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
  // Severity and message belong to alerts flagged as incidents; a plain alert keeps any stale ones out.
  const meta = record(alert.meta);
  const incident = meta?.incident === true ? meta : undefined;
  return defined({
    number: integerLike(alert.tiny_id),
    title: longText(alert.title),
    status: text(alert.status, 100)?.toLowerCase(),
    urgency: text(alert.urgency, 100)?.toLowerCase(),
    priority: text(incident?.incident_severity, 200),
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

/** Not returned: the page's own link, `https://app.pagertree.com/<account>/alerts/<prefix id>`, built from both ids. */
function alertUrl(alert: Json): string | undefined {
  const account = text(alert.account_id, 100);
  const param = text(alert.prefix_id, 100);
  return account && param && ACCOUNT_ID.test(account) && ALERT_PARAM.test(param)
    ? `https://app.pagertree.com/${account}/alerts/${param}`
    : undefined;
}
