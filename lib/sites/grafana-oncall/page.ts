import { MAX_FIELD_CHARS } from '../../core/limits';
import type { IncidentFields } from '../../model/incident';
import { firstElement, textOf } from '../page-dom';
import type { IncidentSource } from '../site';

/**
 * An alert group of the OnCall plugin or of IRM (its Grafana Cloud successor), `/incidents/` being the older
 * route name. Group 1 is Grafana's sub-path (`/grafana` behind a proxy; empty on Grafana Cloud). Ids are `I` and
 * 12 random characters, up to 4 more when the first draws collided (grafana/oncall public_primary_keys.py).
 */
const ALERT_GROUP_PATH =
  /^((?:\/[\w.~-]{1,100}){0,5})\/a\/(grafana-oncall-app|grafana-irm-app)\/(?:alert-groups|incidents)\/(I[A-Z0-9]{12,16})\/?$/;
/** Grafana Cloud stacks; `grafana.net` itself is the company's site, not a stack. */
const CLOUD_HOST = /^[a-z0-9-]+\.grafana\.net$/;
/** A host as people type it for a self-hosted Grafana: name and optional port, no scheme or path. */
const SELF_HOSTED_HOST =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/**
 * Where the plugin shows each field (grafana/oncall Incident.tsx): test ids and visible words, never the emotion
 * `css-…` class names, which change with every build. Kept as data next to the saved pages in
 * lib/sites/grafana-oncall/fixtures/ (lib/sites/grafana-oncall/README.md).
 */
const GRAFANA_ONCALL_SELECTORS = {
  /** `#4211 [firing:3] KubePodCrashLooping checkout-api`. */
  title: ['[data-testid="incident-title"]'],
  message: '[data-testid="incident-message"]',
  timeline: '[data-testid="incident-timeline-list"]',
  integration: 'a[href*="/integrations/"]',
  /** The title row's icon buttons: where to dock when the actions row is not there. */
  anchorFallback: ['button[aria-label="Copy link"]', 'button[aria-label="Go Back"]'],
} as const;

const INTEGRATION_ID = /\/a\/grafana-(?:oncall|irm)-app\/integrations\/(C[A-Z0-9]{12,16})(?:[/?#]|$)/;
/** The status tag's words (`IncidentStatus`). */
const STATUSES = new Set(['firing', 'acknowledged', 'resolved', 'silenced']);
/** Buttons of the alert group's own actions row: we dock next to them. */
const ACTION_BUTTONS = new Set(['acknowledge', 'unacknowledge', 'resolve', 'unresolve', 'unsilence', 'silence']);

export const grafanaOnCall: IncidentSource = {
  id: 'grafana-oncall',
  name: 'Grafana OnCall and IRM',
  // Whole origins: the plugin routes client-side. Self-hosted Grafana is added per host by grafanaSelfHosted().
  matches: ['https://*.grafana.net/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:' || !CLOUD_HOST.test(url.hostname)) return undefined;
    const match = ALERT_GROUP_PATH.exec(url.pathname);
    // Grafana Cloud serves at the root: a sub-path here is some other page.
    return match && match[1] === '' ? match[3] : undefined;
  },
  readPage: readAlertGroupPage,
  findAnchor,
};

/**
 * The same adapter for one self-hosted Grafana, registered at run time by the person who runs it (`host` as in
 * `url.host`: `grafana.example.com` or `grafana.example.com:3000`). Any sub-path; the page must also carry
 * Grafana's own markers (detect), since the host alone says nothing about what it serves. Plain `http:` (Grafana's
 * default `root_url`, common inside networks) only when the person registers the host with it, and the options page
 * warns them.
 */
export function grafanaSelfHosted(host: string, protocol: 'https:' | 'http:' = 'https:'): IncidentSource {
  const registered = host.toLowerCase().replace(protocol === 'https:' ? /:443$/ : /:80$/, '');
  if (!SELF_HOSTED_HOST.test(registered)) throw new Error(`Not a host name: ${JSON.stringify(host)}`);
  return {
    ...grafanaOnCall,
    // Match patterns carry no port: the port is checked by incidentIdFromUrl.
    matches: [`${protocol}//${registered.replace(/:\d+$/, '')}/*`],
    incidentIdFromUrl(url) {
      if (url.protocol !== protocol || url.host !== registered) return undefined;
      return ALERT_GROUP_PATH.exec(url.pathname)?.[3];
    },
    detect: isGrafanaPage,
  };
}

/**
 * Grafana's index template (lib/sites/grafana-oncall/README.md): `<base href>` equal to the sub-path in the URL, the
 * `#reactRoot` mount point, and one more of: the `app-grafana` body class, the mask icon, the boot-data script.
 * Only attributes and script text are compared; nothing from the page is run or turned into a selector.
 */
function isGrafanaPage(doc: Document): boolean {
  const subPath = ALERT_GROUP_PATH.exec(doc.location?.pathname ?? '')?.[1];
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  if (subPath === undefined || base !== `${subPath}/` || !doc.getElementById('reactRoot')) return false;
  return (
    [...(doc.body?.classList ?? [])].some((name) => name.startsWith('app-grafana')) ||
    doc.querySelector('link[rel="mask-icon"][href$="grafana_mask_icon.svg"]') !== null ||
    [...doc.querySelectorAll('script:not([src])')].some((script) =>
      script.textContent?.includes('window.grafanaBootData'),
    )
  );
}

function readAlertGroupPage(doc: Document, url: URL): IncidentFields {
  const titleElement = firstElement(doc, GRAFANA_ONCALL_SELECTORS.title);
  const heading = textOf(titleElement);
  const match = ALERT_GROUP_PATH.exec(url.pathname);
  // The alert group's own address, whichever route name or list query led here.
  const html_url = match ? `${url.origin}${match[1]}/a/${match[2]}/alert-groups/${match[3]}` : undefined;
  // Before the plugin renders the alert group (or on a page without it) only the URL is there to read.
  if (!titleElement || !heading) return html_url ? { html_url } : {};
  const header = headerOf(doc, titleElement);
  const [, number, title] = /^#(\d{1,9})\s+(.*)$/.exec(heading) ?? [undefined, undefined, heading];
  const fields: IncidentFields = {
    number: number ? Number(number) : undefined,
    title: withinLimit(title, MAX_FIELD_CHARS),
    status: statusTag(header, titleElement),
    service: integration(header),
    html_url,
    alert_details: withinLimit(textOf(doc.querySelector(GRAFANA_ONCALL_SELECTORS.message)), MAX_FIELD_CHARS),
  };
  // Only what the page showed: absent stays absent, so a template can tell "missing" from "empty".
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IncidentFields;
}

function findAnchor(doc: Document): Element | undefined {
  const titleElement = firstElement(doc, GRAFANA_ONCALL_SELECTORS.title);
  if (!titleElement) return undefined;
  const header = headerOf(doc, titleElement);
  const buttons = [...header.querySelectorAll('button')].filter((b) =>
    ACTION_BUTTONS.has(textOf(b)?.toLowerCase() ?? ''),
  );
  if (buttons.length > 0) return actionsRow(buttons, header);
  return firstElement(header, GRAFANA_ONCALL_SELECTORS.anchorFallback)?.parentElement ?? undefined;
}

/**
 * The row holding the alert group's action buttons (`getActionButtons` in grafana/oncall Incident.helpers.tsx): the
 * closest ancestor holding all of them and something more. For a user without write permission each button sits
 * in its own tooltip wrapper (`WithPermissionControlTooltip`, a `div` around the one disabled button), so the
 * button's parent is that wrapper, not the row; a lone button (Unresolve) climbs out of its one-button group too.
 */
function actionsRow(buttons: Element[], header: Element): Element {
  let row = buttons[0]?.parentElement ?? header;
  while (row !== header && row.parentElement && (row.children.length < 2 || !buttons.every((b) => row.contains(b)))) {
    row = row.parentElement;
  }
  return row;
}

/**
 * The alert group's header block: the largest ancestor of the title that holds neither the alert's message nor
 * its timeline, so text the alert's sender wrote cannot pass for the status tag or an action button.
 */
function headerOf(doc: Document, title: Element): Element {
  const alertBody = `${GRAFANA_ONCALL_SELECTORS.message}, ${GRAFANA_ONCALL_SELECTORS.timeline}`;
  let header = title;
  for (let parent = title.parentElement; parent && parent !== doc.body; parent = parent.parentElement) {
    if (parent.querySelector(alertBody)) break;
    header = parent;
  }
  return header;
}

/** The element whose whole text is one of the status words, lower-cased; not the title or around it. */
function statusTag(header: Element, title: Element): string | undefined {
  for (const element of header.querySelectorAll('*')) {
    if (element.contains(title) || title.contains(element) || element.closest('button')) continue;
    const text = textOf(element)?.toLowerCase();
    if (text && STATUSES.has(text)) return text;
  }
  return undefined;
}

/** The integration button, a link to `…/integrations/<id>` with the integration's name. */
function integration(header: Element): { id: string; name: string } | undefined {
  for (const link of header.querySelectorAll(GRAFANA_ONCALL_SELECTORS.integration)) {
    const id = INTEGRATION_ID.exec(link.getAttribute('href') ?? '')?.[1];
    const name = withinLimit(textOf(link), 1_000);
    if (id && name) return { id, name };
  }
  return undefined;
}

/** Text within the length the background accepts for the field, else left out rather than cut. */
function withinLimit(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length <= max ? text : undefined;
}
