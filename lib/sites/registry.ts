import type { IncidentSnapshot } from '../model/incident';
import { grafanaOnCall, grafanaSelfHosted } from './grafana-oncall/page';
import { incidentIo } from './incident-io/page';
import { opsgenie } from './opsgenie/page';
import { pagerDuty } from './pagerduty/page';
import { pagerTree } from './pagertree/page';
import type { IncidentSource } from './site';

/** Every built-in site, in the order they are tried. */
export const INCIDENT_SOURCES: readonly IncidentSource[] = [pagerDuty, opsgenie, grafanaOnCall, incidentIo, pagerTree];

/**
 * Sites people also run on their own hosts: given a host the user registered, the adapter for it. Its
 * pages are recognised by path and page markers on that one host only.
 */
export const SELF_HOSTED_SOURCES: Readonly<Record<string, (host: string) => IncidentSource>> = {
  'grafana-oncall': grafanaSelfHosted,
};

/** Pages the content script runs on: every built-in site's (self-hosted ones are registered at run time). */
export const INCIDENT_PAGE_MATCHES = INCIDENT_SOURCES.flatMap((source) => source.matches);

/** The site serving this URL as an incident page, and the incident id it shows. */
export function sourceForUrl(
  url: URL,
  sources: readonly IncidentSource[] = INCIDENT_SOURCES,
): { source: IncidentSource; incidentId: string } | undefined {
  for (const source of sources) {
    const incidentId = source.incidentIdFromUrl(url);
    if (incidentId !== undefined) return { source, incidentId };
  }
  return undefined;
}

/** Reads the incident on this page, or undefined when the page is not an incident of a known site. */
export function readIncident(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[] = INCIDENT_SOURCES,
): IncidentSnapshot | undefined {
  const url = new URL(href);
  const found = sourceForUrl(url, sources);
  if (!found?.source.detect(doc)) return undefined;
  return { ...found.source.readPage(doc, url), site: found.source.id, id: found.incidentId, url: url.href };
}
