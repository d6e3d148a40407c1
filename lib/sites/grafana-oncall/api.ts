import type { IncidentFields } from '../../model/incident';
import { defined, httpUrl, integer, type Json, list, longText, record, safeObject, text } from '../read-json';
import type { IncidentApi } from '../site';
import { customFields } from '../vendor-fields';

/**
 * Grafana OnCall's public API, `GET {API_URL}/api/v1/alert_groups/{id}` (lib/sites/grafana-oncall/README.md). The
 * API URL is per stack (shown in the OnCall / IRM settings) or the self-hosted engine's, so only the user knows
 * it. Integration, team and user names would each need another call with an id from this answer, so `service`,
 * `teams` and `assignees` stay with what the page shows.
 */
const GRAFANA_CLOUD_HOST = /\.grafana\.net$/;

export const grafanaOncallApi: IncidentApi = {
  site: 'grafana-oncall',
  tokenHelp:
    'Grafana Cloud: a service account token with alert-groups read access, plus the OnCall API URL from the IRM settings. Self-hosted: an OnCall API token (OnCall → Settings → API tokens) and the engine’s URL.',
  defaultBase: () => undefined,
  calls: (alertGroupId) => [
    { key: 'alertGroup', path: `/api/v1/alert_groups/${encodeURIComponent(alertGroupId)}`, required: true },
  ],
  // Grafana Cloud wants a Bearer token and the stack it belongs to; the OSS engine takes the bare token.
  headers(token, pageUrl): Record<string, string> {
    if (!GRAFANA_CLOUD_HOST.test(pageUrl.hostname)) return { Authorization: token };
    return { Authorization: `Bearer ${token}`, 'X-Grafana-URL': pageUrl.origin };
  },
  map: mapGrafanaOncallAnswers,
};

function mapGrafanaOncallAnswers(answers: Readonly<Record<string, unknown>>): IncidentFields {
  const group = alertGroup(record(answers.alertGroup));
  if (!group) return {};
  const payload = record(group.last_alert)?.payload;
  return defined({
    // Cloud documents `alert_group_number`; the OSS serializer has no human number.
    number: integer(group.alert_group_number),
    title: longText(group.title),
    status: text(group.state, 100)?.toLowerCase(),
    created_at: text(group.created_at, 100),
    html_url: httpUrl(record(group.permalinks)?.web),
    custom_fields: customFields(
      list(group.labels)
        .map(record)
        .map((label) => [record(label?.key)?.name, record(label?.value)?.name] as const),
    ),
    // The raw payload the integration received (what the page renders its message from).
    alert_details: typeof payload === 'string' ? longText(payload) : safeObject(payload),
  });
}

/** The docs show the detail call answering like the list, `{ results: [group] }`; the serializer, the bare group. */
function alertGroup(answer: Json | undefined): Json | undefined {
  return answer && Array.isArray(answer.results) ? record(answer.results[0]) : answer;
}
