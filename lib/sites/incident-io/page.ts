import { isUsableKey } from '../../core/reserved-keys';
import type { IncidentFields } from '../../model/incident';
import { firstElement, firstText, labelledValues, textOf } from '../page-dom';
import type { IncidentSource } from '../site';

/**
 * `/<org-slug>/incidents/1432`, `/~/incidents/1432` (current org) and the legacy `/incidents/1432`; the id is the
 * number of `INC-1432`, or a ULID. The list (`/<org>/incidents`) and other products (`/<org>/on-call/…`) are not
 * incidents. Sub-pages keep the incident's id.
 */
const INCIDENT_PATH = /^((?:\/[A-Za-z0-9_~-]{1,100})?\/incidents\/([0-9]{1,12}|[0-9A-HJKMNP-TV-Z]{26}))(?:\/|$)/;

/** ISO 8601 as `<time datetime>` carries it; anything else is left out rather than guessed. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Where incident.io shows each field. No public capture of the app exists, so this keys on the words a responder
 * reads (labels, landmarks) rather than on class names; kept as data next to the saved pages in
 * lib/sites/incident-io/fixtures/ that they must match (lib/sites/incident-io/README.md).
 */
const INCIDENT_IO_PAGE = {
  title: ['header h1', 'h1'],
  /** The details side panel; the whole page when it is missing. */
  details: ['[aria-label="Incident details"]', 'aside'],
  reference: ['nav[aria-label="Breadcrumb"]'],
  user: ['[aria-label="User menu"] .user-name', '[aria-label="User menu"]'],
  anchor: ['header [role="toolbar"]', '[role="toolbar"][aria-label="Incident actions"]'],
  /** `INC-1432 <name> | incident.io` */
  documentTitle: /^INC-(\d{1,12}) (.+) \| incident\.io$/,
  referenceNumber: /\bINC-(\d{1,12})\b/,
  /** Visible labels, lower-case as labelledValues() keys them. Lead role, status and severity are the defaults. */
  labels: {
    status: 'status',
    severity: 'severity',
    incidentType: 'incident type',
    lead: 'incident lead',
    reportedAt: 'reported at',
  },
  /** Read into custom_fields under this name, as the page shows it. */
  incidentTypeField: 'Incident type',
  /** The heading above the organisation's own fields. */
  customFieldsHeading: 'custom fields',
} as const;

const P = INCIDENT_IO_PAGE;

/** The tab title, whitespace collapsed. */
const tabTitle = (doc: Document) => doc.title.replace(/\s+/g, ' ').trim();

export const incidentIo: IncidentSource = {
  id: 'incident-io',
  name: 'incident.io',
  // The whole origin: the app is a single-page app, so an incident opened from the list arrives without a load.
  matches: ['https://app.incident.io/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:' || url.hostname !== 'app.incident.io') return undefined;
    return INCIDENT_PATH.exec(url.pathname)?.[2];
  },
  readPage(doc, url) {
    const fields: IncidentFields = {};
    const pageTitle = P.documentTitle.exec(tabTitle(doc));

    const path = INCIDENT_PATH.exec(url.pathname);
    // The URL holds the number unless it holds the ULID; then the reference the page shows (`INC-1432`).
    const fromUrl = path?.[2] && /^\d+$/.test(path[2]) ? path[2] : undefined;
    const number = Number(fromUrl ?? P.referenceNumber.exec(firstText(doc, P.reference) ?? '')?.[1] ?? pageTitle?.[1]);
    if (Number.isSafeInteger(number)) fields.number = number;

    const title = firstText(doc, P.title) ?? pageTitle?.[2];
    if (title) fields.title = title;

    const details = firstElement(doc, P.details) ?? doc;
    const labelled = labelledValues(details);
    const status = textOf(labelled.get(P.labels.status));
    if (status) fields.status = status.toLowerCase();
    const severity = textOf(labelled.get(P.labels.severity));
    if (severity) fields.priority = severity;
    const lead = textOf(labelled.get(P.labels.lead));
    if (lead) fields.assignees = [{ name: lead }];
    const reportedAt = labelled
      .get(P.labels.reportedAt)
      ?.querySelector('time[datetime]')
      ?.getAttribute('datetime')
      ?.trim();
    if (reportedAt && ISO_TIME.test(reportedAt)) fields.created_at = reportedAt;

    // The canonical link is the incident's own path, without sub-page, query or fragment.
    if (path) fields.html_url = `${url.origin}${path[1]}`;

    const custom: Record<string, string> = {};
    const incidentType = textOf(labelled.get(P.labels.incidentType));
    if (incidentType) custom[P.incidentTypeField] = incidentType;
    for (const [name, value] of customFields(details)) custom[name] = value;
    if (Object.keys(custom).length > 0) fields.custom_fields = custom;

    const user = firstText(doc, P.user);
    if (user) fields.user = { name: user };
    return fields;
  },
  findAnchor: (doc) => firstElement(doc, P.anchor),
};

/**
 * The organisation's custom fields: the label/value pairs of the list after the "Custom fields" heading, keyed
 * by the label as shown (field names are the organisation's, so case is kept).
 */
function customFields(details: ParentNode): [string, string][] {
  const heading = [...details.querySelectorAll('h2, h3, h4')].find(
    (element) => textOf(element)?.toLowerCase() === P.customFieldsHeading,
  );
  const list = heading?.nextElementSibling;
  if (list?.tagName !== 'DL') return [];
  const entries: [string, string][] = [];
  for (const term of list.querySelectorAll(':scope > dt')) {
    const name = textOf(term);
    const value = term.nextElementSibling?.tagName === 'DD' ? textOf(term.nextElementSibling) : undefined;
    if (isUsableKey(name) && value !== undefined) entries.push([name, value]);
  }
  return entries;
}
