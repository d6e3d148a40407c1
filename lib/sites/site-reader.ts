import type { IncidentFields, IncidentSnapshot } from '../model/incident';
import type { IncidentSource } from './site';

/*
 * Reading an incident page with a given list of sites. A content script passes only its own site's adapter, so that
 * no other vendor's code reaches the page; lib/sites/registry.ts gives these every built-in site.
 */

/** The site serving this URL as an incident page, and the incident id it shows. */
export function sourceForUrl(
  url: URL,
  sources: readonly IncidentSource[],
): { source: IncidentSource; incidentId: string } | undefined {
  for (const source of sources) {
    const incidentId = source.incidentIdFromUrl(url);
    if (incidentId !== undefined) return { source, incidentId };
  }
  return undefined;
}

/**
 * Reads the incident on this page, or undefined when the URL is not an incident of a known site (or a
 * registered host's page lacks its site's markers). A matched URL always gives at least what the URL alone gives:
 * a page whose markup the adapter does not recognise, or on which a read throws, still has its incident.
 */
export function readIncident(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[],
): IncidentSnapshot | undefined {
  return readWith(doc, href, sources, (source, url) => {
    try {
      return source.readPage(doc, url);
    } catch {
      return fromAddress(source, doc, url);
    }
  });
}

/**
 * What the URL alone gives of the incident on this page (the page read as if empty), or undefined as for
 * readIncident. An incident equal to this one took nothing from the page (the modal says so).
 */
export function readIncidentFromAddress(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[],
): IncidentSnapshot | undefined {
  return readWith(doc, href, sources, (source, url) => fromAddress(source, doc, url));
}

function readWith(
  doc: Document,
  href: string,
  sources: readonly IncidentSource[],
  read: (source: IncidentSource, url: URL) => IncidentFields,
): IncidentSnapshot | undefined {
  const url = new URL(href);
  const found = sourceForUrl(url, sources);
  if (!found || !confirmed(found.source, doc)) return undefined;
  return { ...read(found.source, url), site: found.source.id, id: found.incidentId, url: url.href };
}

/** The site's dock on this page; undefined (the floating bar) when it is not there or its selector throws. */
export function findDock(source: IncidentSource, doc: Document): Element | undefined {
  try {
    return source.findAnchor(doc) ?? undefined;
  } catch {
    return undefined;
  }
}

function confirmed(source: IncidentSource, doc: Document): boolean {
  try {
    return source.detect?.(doc) ?? true;
  } catch {
    return false;
  }
}

/** The adapter's read of an empty page at this URL: only what it builds from the address. */
function fromAddress(source: IncidentSource, doc: Document, url: URL): IncidentFields {
  try {
    return source.readPage(doc.implementation.createHTMLDocument(''), url);
  } catch {
    return {};
  }
}
