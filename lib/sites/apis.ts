import { grafanaOncallApi } from './grafana-oncall/api';
import { incidentIoApi } from './incident-io/api';
import { opsgenieApi } from './opsgenie/api';
import { pagerDutyApi } from './pagerduty/api';
import { pagerTreeApi } from './pagertree/api';
import type { IncidentApi } from './site';

/** Every site whose incident API the background can call with a token the user saved. */
export const INCIDENT_APIS: readonly IncidentApi[] = [
  pagerDutyApi,
  opsgenieApi,
  grafanaOncallApi,
  incidentIoApi,
  pagerTreeApi,
];

export function apiForSite(site: string): IncidentApi | undefined {
  return INCIDENT_APIS.find((api) => api.site === site);
}
