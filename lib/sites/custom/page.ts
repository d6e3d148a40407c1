import { MatchPattern } from 'wxt/utils/match-patterns';
import type { CustomField, CustomSite } from '../../model/custom-site';
import type { IncidentFields } from '../../model/incident';
import { textOf } from '../page-dom';
import { SELF_HOSTED_SOURCES } from '../registry';
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

function readFields(doc: Document, fields: CustomField[]): IncidentFields {
  const read: IncidentFields = {};
  const custom: Record<string, string> = {};
  for (const field of fields) {
    const value = readField(doc, field);
    if (value === undefined) continue;
    if (field.field.startsWith('custom_fields.')) {
      // Defined, not assigned: a stored definition is data, and "__proto__" must stay a plain key.
      Object.defineProperty(custom, field.field.slice('custom_fields.'.length), {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (field.field === 'number') {
      const number = Number(value.replace(/^#/, ''));
      if (Number.isFinite(number)) read.number = number;
    } else if (field.field === 'service') read.service = { name: value };
    else read[field.field as 'title'] = value;
  }
  if (Object.keys(custom).length > 0) read.custom_fields = custom;
  return read;
}

function readField(doc: Document, field: CustomField): string | undefined {
  const element = safeQuery(doc, field.selector);
  if (!element) return undefined;
  const raw = field.attribute ? (element.getAttribute(field.attribute) ?? undefined) : textOf(element);
  if (raw === undefined || !field.regex) return raw;
  const match = new RegExp(field.regex).exec(raw);
  return match ? (match[1] ?? match[0]) : undefined;
}

/** A selector typed by a person may be invalid on a page it was not written for: read nothing, do not throw. */
function safeQuery(doc: Document, selector: string): Element | null {
  try {
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}
