import { MatchPattern } from 'wxt/utils/match-patterns';
import type { CustomSite } from '../../model/custom-site';
import { readFields, safeQuery } from '../read-fields';
import { SELF_HOSTED_SOURCES } from '../self-hosted';
import type { IncidentSource } from '../site';

export function customSiteId(site: Pick<CustomSite, 'id'>): string {
  return `custom:${site.id}`;
}

/** The adapter for a site the user defined in the options page (lib/sites/README.md). */
export function customSource(site: CustomSite): IncidentSource {
  return (site.reads && builtInReader(site, site.reads)) || selectorSource(site);
}

/**
 * A self-hosted Grafana or a Jira site on a custom domain registered as a site: that built-in site's adapter on the
 * pattern's one host and scheme, under the name the user gave. A pattern it cannot take (`*.` subdomains, http for
 * Jira) falls back to the selectors, which still give the id.
 */
function builtInReader(site: CustomSite, reads: NonNullable<CustomSite['reads']>): IncidentSource | undefined {
  const [, scheme, host] = /^(https?):\/\/([^/*]+)\//i.exec(site.urlPattern) ?? [];
  if (!scheme || !host) return undefined;
  const protocol = scheme.toLowerCase() === 'http' ? 'http:' : 'https:';
  const reader = SELF_HOSTED_SOURCES[reads];
  if (!reader) return undefined;
  try {
    return { ...reader(host, protocol), name: site.name };
  } catch {
    return undefined;
  }
}

function selectorSource(site: CustomSite): IncidentSource {
  const pattern = new MatchPattern(site.urlPattern);
  const idRegex = new RegExp(site.incidentIdRegex);
  return {
    id: customSiteId(site),
    name: site.name,
    matches: [site.urlPattern],
    incidentIdFromUrl(url) {
      // A string, not the URL: MatchPattern tests `instanceof Location`, which a service worker lacks.
      if (!pattern.includes(url.href)) return undefined;
      const id = idRegex.exec(url.pathname + url.search)?.[1];
      return id && id.length <= 200 ? id : undefined;
    },
    readPage: (doc) => readFields(doc, site.fields),
    findAnchor: (doc) => (site.anchorSelector ? (safeQuery(doc, site.anchorSelector) ?? undefined) : undefined),
  };
}
