import type { IncidentFields } from '../../model/incident';
import { firstElement, firstText, labelledValues, textOf } from '../page-dom';
import type { IncidentSource } from '../site';

/**
 * `/incidents/<ID>` and its sub-pages; not the list. PagerDuty's object ids are upper-case letters and digits: the
 * older incidents 7 characters starting with `P` (`PT4KHLK`), current ones 14 starting with `Q` (`Q0SDD3HB6SGFTI`),
 * as in every id of PagerDuty's REST schema and webhook examples (lib/sites/pagerduty/README.md). The lengths in
 * between are accepted, as no document fixes them; lower case is not an id (`/incidents/types` is a page).
 */
const INCIDENT_PATH = /^\/incidents\/([A-Z0-9]{7,14})(?:[/?#]|$)/;

/**
 * An account's web app: `<subdomain>.pagerduty.com`, or `<subdomain>.eu.pagerduty.com` in the EU service region.
 * Subdomains are at least 4 characters (5 for new accounts; support doc "Account Subdomains"), which already
 * leaves out `app`, `api`, `www`, `go`.
 */
const ACCOUNT_HOST = /^([a-z0-9](?:[a-z0-9-]{2,61}[a-z0-9]))(?:\.eu)?\.pagerduty\.com$/;
/**
 * PagerDuty's own hosts of 4 or more characters that serve no account (lib/sites/pagerduty/README.md, *URL
 * patterns*): the status page, docs, community, APIs, SSO and static files.
 */
const NOT_ACCOUNTS = new Set([
  'status',
  'support',
  'developer',
  'community',
  'events',
  'identity',
  'webhooks',
  'webcal',
  'pd-static-assets',
]);

/** Whether this host is an account's web app (not one of PagerDuty's own sites). */
function isAccountHost(hostname: string): boolean {
  const subdomain = ACCOUNT_HOST.exec(hostname)?.[1];
  return subdomain !== undefined && !NOT_ACCOUNTS.has(subdomain);
}

/**
 * Where PagerDuty shows each field: the current React app first, then the classic app. CSS-module class
 * names carry a build hash, so they are matched by prefix. Kept as data next to the saved pages in
 * lib/sites/pagerduty/fixtures/; lib/sites/pagerduty/README.md cites the public scripts that read the evidenced ones.
 * The rest is inferred: no public code reads them, so the API (at click time) is what fills those values.
 */
const PAGERDUTY_SELECTORS = {
  /** Evidenced: `IncidentTitle_incidentTitle__` (current app), `.page-header h1` (classic); the rest inferred. */
  title: [
    'h1[class^="IncidentTitle_incidentTitle__"]',
    '[data-testid="incidentHeader"] h1',
    '.page-header h1',
    '[data-testid="incident-title"]',
    '.incident-title',
    'h1',
  ],
  /** Inferred, both: the tab title `[#<n>] …` is read first. */
  number: ['[class^="IncidentHeader_number__"]', '.pd-incident-number'],
  /** Evidenced: the service's name in the current app, and the classic app's service link. */
  serviceName: ['span[class^="ServicePopover_serviceName"]', '.pd-service-name__name a'],
  /** Inferred: label elements followed by their value, in the current app's header. */
  headerLabel: '[class^="IncidentHeader_label__"]',
  /** Evidenced, both. */
  anchor: ['#actionsButtonsRow', '.pd-incident-actions'],
  currentUser: '#json-current_user[data-current_user]',
} as const;

/** The visible labels of each field, as lower-case text. */
const LABELS = {
  status: ['status'],
  urgency: ['urgency'],
  priority: ['priority'],
  service: ['service'],
  assignees: ['assigned to', 'assignees'],
  teams: ['teams', 'team'],
  escalationPolicy: ['escalation policy'],
  created: ['created'],
} as const;

export const pagerDuty: IncidentSource = {
  id: 'pagerduty',
  name: 'PagerDuty',
  // The whole origin, not only /incidents/*: the web app is a single-page app, so a responder who opens an
  // incident from the list arrives without a page load. *.pagerduty.com covers EU accounts too.
  matches: ['https://*.pagerduty.com/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:' || !isAccountHost(url.hostname)) return undefined;
    return INCIDENT_PATH.exec(url.pathname)?.[1];
  },
  detect: () => true,
  readPage: readPagerDutyPage,
  findAnchor: (doc) => firstElement(doc, PAGERDUTY_SELECTORS.anchor),
};

function readPagerDutyPage(doc: Document, url: URL): IncidentFields {
  const labelled = labelledValues(doc, PAGERDUTY_SELECTORS.headerLabel);
  const value = (labels: readonly string[]) => labels.map((label) => labelled.get(label)).find(Boolean);
  const id = INCIDENT_PATH.exec(url.pathname)?.[1];
  const fields: IncidentFields = {
    number: incidentNumber(doc),
    title: firstText(doc, PAGERDUTY_SELECTORS.title),
    status: textOf(value(LABELS.status))?.toLowerCase(),
    urgency: textOf(value(LABELS.urgency))?.toLowerCase(),
    priority: textOf(value(LABELS.priority)),
    service: service(doc) ?? reference(value(LABELS.service), SERVICE_ID_IN_HREF),
    assignees: references(value(LABELS.assignees), /\/users\/([A-Z0-9]+)/),
    teams: references(value(LABELS.teams), /\/teams\/([A-Z0-9]+)/),
    escalation_policy: reference(value(LABELS.escalationPolicy), /\/escalation_policies\/([A-Z0-9]+)/),
    created_at: value(LABELS.created)?.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined,
    html_url: id ? `${url.origin}/incidents/${id}` : undefined,
    user: currentUser(doc),
  };
  // Only what the page showed: absent stays absent, so a template can tell "missing" from "empty".
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IncidentFields;
}

/** `[#18342] Title - PagerDuty` in the document title, else `#18342` in the header. */
function incidentNumber(doc: Document): number | undefined {
  const digits =
    /^\[#(\d+)\]/.exec(doc.title)?.[1] ?? /#(\d+)/.exec(firstText(doc, PAGERDUTY_SELECTORS.number) ?? '')?.[1];
  return digits ? Number(digits) : undefined;
}

const SERVICE_ID_IN_HREF = /\/(?:service-directory|services)\/([A-Z0-9]+)/;

/** The service by its evidenced name element; its id from the link around it (inferred), when there is one. */
function service(doc: Document) {
  const element = firstElement(doc, PAGERDUTY_SELECTORS.serviceName);
  const name = textOf(element);
  if (!element || !name) return undefined;
  const link = element.closest('a[href]');
  const id = SERVICE_ID_IN_HREF.exec(link?.getAttribute('href') ?? '')?.[1];
  return id ? { id, name } : { name };
}

function reference(element: Element | undefined, idInHref: RegExp) {
  const name = textOf(element);
  if (!element || !name) return undefined;
  const link = element.matches('a[href]') ? element : element.querySelector('a[href]');
  const id = idInHref.exec(link?.getAttribute('href') ?? '')?.[1];
  return id ? { id, name } : { name };
}

function references(element: Element | undefined, idInHref: RegExp) {
  const links = element ? [...element.querySelectorAll('a[href]')] : [];
  const found = links.map((link) => reference(link, idInHref)).filter((ref) => ref !== undefined);
  return found.length > 0 ? found : undefined;
}

/** The classic app's data island with the signed-in user; strings only, whatever else it holds. */
function currentUser(doc: Document) {
  const raw = doc.querySelector(PAGERDUTY_SELECTORS.currentUser)?.getAttribute('data-current_user');
  if (!raw) return undefined;
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    const pick = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
    const user = { id: pick('id'), name: pick('name'), email: pick('email') };
    return user.id || user.name ? Object.fromEntries(Object.entries(user).filter(([, v]) => v)) : undefined;
  } catch {
    return undefined;
  }
}
