import type { IncidentSnapshot } from '../model/incident';
import { grafanaOnCall } from './grafana-oncall/page';
import { incidentIo } from './incident-io/page';
import { opsgenie } from './opsgenie/page';
import { pagerDuty } from './pagerduty/page';
import { pagerTree } from './pagertree/page';
import type { IncidentSource } from './site';
import * as reader from './site-reader';

export { SELF_HOSTED_SOURCES } from './self-hosted';
export { findDock } from './site-reader';

/** Every built-in site, in the order they are tried. */
export const INCIDENT_SOURCES: readonly IncidentSource[] = [pagerDuty, opsgenie, grafanaOnCall, incidentIo, pagerTree];

/** Pages the built-in content scripts run on, one script per site (self-hosted ones are registered at run time). */
export const INCIDENT_PAGE_MATCHES = INCIDENT_SOURCES.flatMap((source) => source.matches);

/** The site serving this URL as an incident page, and the incident id it shows (lib/sites/site-reader.ts). */
export function sourceForUrl(
  url: URL,
  sources: readonly IncidentSource[] = INCIDENT_SOURCES,
): { source: IncidentSource; incidentId: string } | undefined {
  return reader.sourceForUrl(url, sources);
}

/** The incident on this page, read by whichever built-in site serves it (lib/sites/site-reader.ts). */
export function readIncident(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[] = INCIDENT_SOURCES,
): IncidentSnapshot | undefined {
  return reader.readIncident(doc, href, sources);
}

/** What the URL alone gives of the incident on this page (lib/sites/site-reader.ts). */
export function readIncidentFromAddress(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[] = INCIDENT_SOURCES,
): IncidentSnapshot | undefined {
  return reader.readIncidentFromAddress(doc, href, sources);
}
