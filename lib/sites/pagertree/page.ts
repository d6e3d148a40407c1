import { isUsableKey } from '../../core/reserved-keys';
import type { IncidentFields } from '../../model/incident';
import { firstElement, firstText, labelledValues, textOf } from '../page-dom';
import type { IncidentSource } from '../site';

/**
 * `/<account ULID>/alerts/<alert>`: PagerTree v4's links from notifications put the account in the path (Rails path
 * tenancy, `alert_url(alert, script_name: "/<account_id>")`); pages opened inside the app may have no account
 * segment (`/alerts/<alert>`). An alert is linked by its prefix id (`alt_…`), or its ULID. `/alerts`,
 * `/alerts/new` and other records are not alerts. Sub-pages keep the alert's id.
 */
const ALERT_PATH = /^((?:\/[0-9A-HJKMNP-TV-Z]{26})?\/alerts\/(alt_[A-Za-z0-9]{1,64}|[0-9A-HJKMNP-TV-Z]{26}))(?:\/|$)/;

/**
 * Where PagerTree shows each field of an alert. Labels follow PagerTree's annotated alert UI (its docs,
 * PagerTree/pt4-docusaurus docs/alerts.md: "Alert Source", and no creation time, which comes from the API); element types are inferred, so
 * this keys on labels and landmarks rather than class names. Kept as data next to the saved pages in
 * lib/sites/pagertree/fixtures/ that they must match (lib/sites/pagertree/README.md).
 */
const PAGERTREE_PAGE = {
  title: ['h1'],
  /** The label/value list of the alert; without it, no labelled field is read (Additional Data uses labels too). */
  details: ['[aria-label="Alert details"]', 'dl'],
  reference: ['nav[aria-label="Breadcrumb"]'],
  /** The red incident banner above the title: `SEV-2` then the incident message. Flash messages share the role. */
  banner: '[role="alert"]',
  severity: /^SEV-(?:\d|UNKNOWN)$/,
  user: ['[aria-label="User menu"] .user-name', '[aria-label="User menu"]'],
  anchor: ['[role="toolbar"][aria-label="Alert actions"]', '.alert-actions'],
  /** `Alert #1287 <title> | PagerTree`, `Incident #1291 <title> | PagerTree` (the format of its chat messages). */
  documentTitle: /^(?:Alert|Incident) #(\d{1,12}) (.+) \| PagerTree$/,
  tinyId: /#(\d{1,12})\b/,
  /** Visible labels, lower-case as labelledValues() keys them. */
  labels: {
    status: 'status',
    urgency: 'urgency',
    source: 'alert source',
    destinations: 'destinations',
    responders: 'responders',
    thirdPartyId: 'third party id',
  },
  /** Destinations link to teams, routers and users; only teams are teams. */
  teamPath: /\/teams\/([A-Za-z0-9_-]{1,200})\/?$/,
  /** The id of the record a Source link points at (integration or user). */
  recordPath: /\/(?:integrations|users|email_integrations)\/([A-Za-z0-9_-]{1,200})\/?$/,
  additionalDataHeading: 'additional data',
  incidentMessageField: 'Incident message',
  /** What PagerTree shows for an empty value. */
  empty: new Set(['-', '—']),
} as const;

const P = PAGERTREE_PAGE;

/** The tab title, whitespace collapsed. */
const tabTitle = (doc: Document) => doc.title.replace(/\s+/g, ' ').trim();

/** Text of a value, without PagerTree's placeholder for "nothing". */
function shownValue(element: Element | undefined): string | undefined {
  const text = textOf(element);
  return text === undefined || P.empty.has(text) ? undefined : text;
}

/** The path of a link, resolved against the page; undefined for links that do not parse. */
function linkPath(link: Element): string | undefined {
  const href = link.getAttribute('href');
  if (!href) return undefined;
  try {
    return new URL(href, 'https://app.pagertree.com/').pathname;
  } catch {
    return undefined;
  }
}

export const pagerTree: IncidentSource = {
  id: 'pagertree',
  name: 'PagerTree',
  // The whole origin: Turbo navigations open an alert from the list without a page load.
  matches: ['https://app.pagertree.com/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:' || url.hostname !== 'app.pagertree.com') return undefined;
    return ALERT_PATH.exec(url.pathname)?.[2];
  },
  readPage(doc, url) {
    const fields: IncidentFields = {};
    const pageTitle = P.documentTitle.exec(tabTitle(doc));

    // The tiny id (`#1287`) is per account; the breadcrumb shows it, and so does the tab title.
    const number = Number(P.tinyId.exec(firstText(doc, P.reference) ?? '')?.[1] ?? pageTitle?.[1]);
    if (Number.isSafeInteger(number)) fields.number = number;

    const title = firstText(doc, P.title) ?? pageTitle?.[2];
    if (title) fields.title = title;

    const details = firstElement(doc, P.details);
    const labelled = details ? labelledValues(details) : new Map<string, Element>();
    const status = shownValue(labelled.get(P.labels.status));
    if (status) fields.status = status.toLowerCase();
    const urgency = shownValue(labelled.get(P.labels.urgency));
    if (urgency) fields.urgency = urgency.toLowerCase();

    const banner = incidentBanner(doc);
    if (banner) fields.priority = banner.severity;

    const service = source(labelled.get(P.labels.source));
    if (service) fields.service = service;

    const responders = people(labelled.get(P.labels.responders));
    if (responders.length > 0) fields.assignees = responders;

    const teams = [...(labelled.get(P.labels.destinations)?.querySelectorAll('a[href]') ?? [])].flatMap((link) => {
      const id = P.teamPath.exec(linkPath(link) ?? '')?.[1];
      const name = textOf(link);
      return id && name ? [{ id, name }] : [];
    });
    if (teams.length > 0) fields.teams = teams;

    const path = ALERT_PATH.exec(url.pathname);
    // The canonical link is the alert's own path, without sub-page, query or fragment.
    if (path) fields.html_url = `${url.origin}${path[1]}`;

    const thirdPartyId = shownValue(labelled.get(P.labels.thirdPartyId));
    if (thirdPartyId) fields.incident_key = thirdPartyId;

    if (banner?.message) fields.custom_fields = { [P.incidentMessageField]: banner.message };

    const additional = additionalData(doc);
    if (Object.keys(additional).length > 0) fields.alert_details = additional;

    const user = firstText(doc, P.user);
    if (user) fields.user = { name: user };
    return fields;
  },
  findAnchor: (doc) => firstElement(doc, P.anchor),
};

/**
 * The incident banner: a `[role=alert]` that starts with the severity (`SEV-2`), then the incident message.
 * Other alerts (flash messages) do not start with a severity and are skipped.
 */
function incidentBanner(doc: Document): { severity: string; message?: string } | undefined {
  for (const banner of doc.querySelectorAll(P.banner)) {
    const severity = textOf(banner.firstElementChild);
    if (!severity || !P.severity.test(severity)) continue;
    const message = textOf(banner)?.slice(severity.length).trim();
    return message ? { severity, message } : { severity };
  }
  return undefined;
}

/** The alert's source: an integration or a user, linked to its record. */
function source(value: Element | undefined): { id?: string; name: string } | undefined {
  const link = value?.querySelector('a[href]');
  const name = shownValue(link ?? value);
  if (!name) return undefined;
  const id = link ? P.recordPath.exec(linkPath(link) ?? '')?.[1] : undefined;
  return id ? { id, name } : { name };
}

/** People listed in a value, one per child element (or the whole text when it has none). */
function people(value: Element | undefined): { name: string }[] {
  if (!value) return [];
  const names = value.children.length > 0 ? [...value.children].map((child) => shownValue(child)) : [shownValue(value)];
  return names.filter((name): name is string => name !== undefined).map((name) => ({ name }));
}

/**
 * The Additional Data table (key/value pairs from the integration's payload), keyed as shown. Found by its
 * heading, not by the page-wide labels, so payload keys like `status` never stand in for the alert's own.
 */
function additionalData(doc: Document): Record<string, string> {
  const data: Record<string, string> = {};
  const heading = [...doc.querySelectorAll('h2, h3, h4')].find(
    (element) => textOf(element)?.toLowerCase() === P.additionalDataHeading,
  );
  const section = heading?.parentElement;
  if (!section) return data;
  for (const header of section.querySelectorAll('tr > th')) {
    const name = textOf(header);
    const value = header.nextElementSibling?.tagName === 'TD' ? textOf(header.nextElementSibling) : undefined;
    if (isUsableKey(name) && value !== undefined && !Object.hasOwn(data, name)) data[name] = value;
  }
  return data;
}
