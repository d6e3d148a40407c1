import { MAX_FIELD_CHARS } from '../../core/limits';
import { isUsableKey } from '../../core/reserved-keys';
import type { IncidentFields } from '../../model/incident';
import { firstElement, labelledValues, textOf } from '../page-dom';
import type { IncidentSource } from '../site';

/**
 * An alert id: a lower-case UUID, followed in every real link by `-<epoch ms>` (`22a1d1f7-…-1689010338026`, and the
 * JSM docs' `9b251e07-…-1704440650350`) [E S3 S11]; a bare UUID in the API's sample [E S12]. Nothing else.
 */
const ALERT_ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-[0-9]{13})?)';
/**
 * Opsgenie swaps the last segment per tab (`/details` [E S1 S3], `/logs` [E S3]; others [I]); incidents
 * (`/incident/detail/…`) and the lists are not alerts. JSM Operations has one alert page [E S10 S11].
 */
const OPSGENIE_PATH = new RegExp(`^/alert/detail/${ALERT_ID}(?:/[a-z-]{1,30})?/?$`);
const JSM_PATH = new RegExp(`^/jira/ops/alerts/${ALERT_ID}/?$`);
/** One DNS label: what an Opsgenie account or a Jira site name can be. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/**
 * Opsgenie's own hosts: `<account>.app.opsgenie.com` [E S3], `<account>.app.eu.opsgenie.com` [E S6 S7],
 * `app.opsgenie.com` [E S5], `<site>.atlassian-app.opsgenie.com` [E S13]. Not `opsg.in` (short links that redirect).
 */
const OPSGENIE_HOST = new RegExp(`^(?:(?:${LABEL}\\.)?app(?:\\.eu)?|${LABEL}\\.atlassian-app)\\.opsgenie\\.com$`);
/**
 * Jira Cloud sites, `<site>.atlassian.net` [E S10 S11]. A site on a custom domain [E S10] is registered by the user at
 * run time (jsmOnCustomDomain below).
 */
const JSM_HOST = new RegExp(`^${LABEL}\\.atlassian\\.net$`);

/**
 * Where Opsgenie (`og-*` Vue app) and JSM Operations (Atlaskit) show each field, visible words first. The
 * container classes are inferred from the saved pages in lib/sites/opsgenie/fixtures/ (lib/sites/opsgenie/README.md), so
 * each is only a first try before a structural fallback.
 */
const OPSGENIE_SELECTORS = {
  title: ['.og-alert-detail__header__title', '#app h1', 'main h1'],
  /** The header block around the title; else the title's parent. */
  header: ['.og-alert-detail__header', 'section[aria-label="Alert header"]'],
  status: ['[role="status"]', '.og-lozenge'],
  /** Opsgenie's section headings, each followed by its value (`.section__title` + `.section__body`). */
  sectionLabel: '.section__title',
  teamResponder: '[data-responder-type="team"]',
  anchor: ['.og-alert-detail__header__actions', '[role="group"][aria-label="Alert actions"]'],
} as const;

/** The visible labels of each field, lower-case, without a trailing colon. */
const LABELS = {
  owner: ['owner'],
  responders: ['responders'],
  alias: ['alias'],
  description: ['description'],
  extraProperties: ['extra properties'],
} as const;

/** Buttons of the alert's own actions row: we dock next to them. */
const ACTION_BUTTONS = new Set(['acknowledge', 'unacknowledge', 'close', 'snooze', 'take action', 'more actions']);

export const opsgenie: IncidentSource = {
  id: 'opsgenie',
  name: 'Opsgenie and Jira Service Management',
  // Whole origins: both UIs are single-page apps, so an alert opened from the list arrives without a page load.
  // *.opsgenie.com covers the US and EU instances.
  matches: ['https://*.opsgenie.com/*', 'https://*.atlassian.net/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:') return undefined;
    if (OPSGENIE_HOST.test(url.hostname)) return OPSGENIE_PATH.exec(url.pathname)?.[1];
    if (JSM_HOST.test(url.hostname)) return JSM_PATH.exec(url.pathname)?.[1];
    return undefined;
  },
  readPage: readOpsgeniePage,
  findAnchor(doc) {
    const header = alertHeader(doc);
    const button = header
      ? [...header.querySelectorAll('button')].find((b) => ACTION_BUTTONS.has(textOf(b)?.toLowerCase() ?? ''))
      : undefined;
    return button?.parentElement ?? firstElement(doc, OPSGENIE_SELECTORS.anchor);
  },
};

/**
 * JSM Operations alerts on one Jira Cloud site served at a custom domain (`host` as in `url.host`), registered at run
 * time by the person who uses it, as self-hosted Grafana is. `https:` only. Custom domains are evidenced for Jira's
 * alert list [E S10]; the alert page there is [I]. The host alone says nothing, so the page must carry Jira Cloud's shell
 * markers (isJiraPage).
 */
export function jsmOnCustomDomain(host: string, protocol: 'https:' | 'http:' = 'https:'): IncidentSource {
  const registered = host.toLowerCase().replace(/:443$/, '');
  if (protocol !== 'https:' || !CUSTOM_DOMAIN.test(registered)) {
    throw new Error(`Not a Jira site's https host: ${JSON.stringify(host)}`);
  }
  return {
    ...opsgenie,
    matches: [`https://${registered.replace(/:\d+$/, '')}/*`],
    incidentIdFromUrl(url) {
      if (url.protocol !== 'https:' || url.host !== registered) return undefined;
      return JSM_PATH.exec(url.pathname)?.[1];
    },
    detect: isJiraPage,
  };
}

const CUSTOM_DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+(?::\\d{1,5})?$`);

/**
 * Jira Cloud's page shell [E S15 S16]: `<meta name="application-name" content="JIRA">` and one more of `ajs-cloud-id`,
 * `body#jira`, `#jira-frontend`. Attributes only; nothing from the page is run.
 */
function isJiraPage(doc: Document): boolean {
  if (doc.querySelector('meta[name="application-name"]')?.getAttribute('content')?.toUpperCase() !== 'JIRA')
    return false;
  return (
    doc.querySelector('meta[name="ajs-cloud-id"]') !== null ||
    doc.body?.id === 'jira' ||
    doc.getElementById('jira-frontend') !== null
  );
}

function readOpsgeniePage(doc: Document, url: URL): IncidentFields {
  const title = firstElement(doc, OPSGENIE_SELECTORS.title);
  const html_url = canonicalUrl(url);
  // Before the app renders the alert (or on a page without it) only the URL is there to read.
  if (!title) return html_url ? { html_url } : {};
  const header = alertHeader(doc) ?? doc.body;
  const labelled = labelledValues(doc, OPSGENIE_SELECTORS.sectionLabel);
  // A label inside another label's value is markup the alert's sender wrote (a description may carry HTML), not
  // the page's: dropped, and with it the field, rather than read from the sender.
  for (const [label, value] of labelled) if (value.parentElement?.closest('dd, .section__body')) labelled.delete(label);
  for (const [label, value] of inlineLabels(header)) if (!labelled.has(label)) labelled.set(label, value);
  const value = (labels: readonly string[]) => labels.map((label) => labelled.get(label)).find(Boolean);

  const owner = withinLimit(textOf(value(LABELS.owner)), 1_000);
  const teams = [...(value(LABELS.responders)?.querySelectorAll(OPSGENIE_SELECTORS.teamResponder) ?? [])]
    .map((team) => withinLimit(textOf(team), 1_000))
    .filter((name) => name !== undefined)
    .map((name) => ({ name }));
  const number = textMatching(header, /^#(\d{1,9})$/, title)?.[1];
  const fields: IncidentFields = {
    number: number ? Number(number) : undefined,
    title: withinLimit(textOf(title), MAX_FIELD_CHARS),
    status: withinLimit(textOf(firstElement(header, OPSGENIE_SELECTORS.status))?.toLowerCase(), 100),
    priority: textMatching(header, /^P[1-5]$/, title)?.[0],
    assignees: owner ? [{ name: owner }] : undefined,
    teams: teams.length > 0 ? teams : undefined,
    html_url,
    incident_key: withinLimit(textOf(value(LABELS.alias)), 2_000),
    custom_fields: extraProperties(value(LABELS.extraProperties)),
    alert_details: withinLimit(textOf(value(LABELS.description)), MAX_FIELD_CHARS),
  };
  // Only what the page showed: absent stays absent, so a template can tell "missing" from "empty".
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IncidentFields;
}

function alertHeader(doc: Document): Element | undefined {
  return (
    firstElement(doc, OPSGENIE_SELECTORS.header) ??
    firstElement(doc, OPSGENIE_SELECTORS.title)?.parentElement ??
    undefined
  );
}

/** The alert's own address: Opsgenie's Details tab whatever tab is open; JSM's one page. */
function canonicalUrl(url: URL): string | undefined {
  const opsgenieId = OPSGENIE_PATH.exec(url.pathname)?.[1];
  if (opsgenieId) return `${url.origin}/alert/detail/${opsgenieId}/details`;
  const jsmId = JSM_PATH.exec(url.pathname)?.[1];
  return jsmId ? `${url.origin}/jira/ops/alerts/${jsmId}` : undefined;
}

/**
 * `<span>Owner: <b>Jane Doe</b></span>`: a label written as the element's leading text, its value the first
 * child element. Opsgenie's header shows owner and created date this way.
 */
function inlineLabels(root: Element): Map<string, Element> {
  const found = new Map<string, Element>();
  for (const element of root.querySelectorAll('*')) {
    const lead = element.firstChild;
    const value = element.firstElementChild;
    if (lead?.nodeType !== 3 || !value) continue;
    const label = /^(.{1,60}):$/.exec((lead.textContent ?? '').replace(/\s+/g, ' ').trim())?.[1]?.toLowerCase();
    if (label && !found.has(label)) found.set(label, value);
  }
  return found;
}

/** The first element under `root` (not the title or around it) whose whole text matches, e.g. `#1932`, `P1`. */
function textMatching(root: Element, pattern: RegExp, title: Element): RegExpExecArray | undefined {
  for (const element of root.querySelectorAll('*')) {
    if (element.contains(title) || title.contains(element)) continue;
    const match = pattern.exec(textOf(element) ?? '');
    if (match) return match;
  }
  return undefined;
}

/** The "Extra properties" table: one `key | value` row each, as strings. */
function extraProperties(element: Element | undefined): Record<string, string> | undefined {
  const properties: Record<string, string> = {};
  for (const row of element?.querySelectorAll('tr') ?? []) {
    const [keyCell, valueCell] = row.children;
    if (!valueCell) continue;
    const key = textOf(keyCell);
    const value = withinLimit(textOf(valueCell) ?? '', MAX_FIELD_CHARS);
    if (!isUsableKey(key) || value === undefined || Object.hasOwn(properties, key)) continue;
    properties[key] = value;
  }
  return Object.keys(properties).length > 0 ? properties : undefined;
}

/** Text within the length the background accepts for the field, else left out rather than cut. */
function withinLimit(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length <= max ? text : undefined;
}
