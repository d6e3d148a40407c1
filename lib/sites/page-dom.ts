import type { IncidentFields } from '../model/incident';

/**
 * One incident site, as a plain object (Sourcegraph's code hosts are the model). The content script asks
 * each adapter in turn; the first whose URL and page markers match reads the incident.
 * Every adapter passes the same contract test over its saved pages (test/lib/sites/contract.test.ts).
 */
export interface IncidentSource {
  /** `incident.site` in templates and the log. */
  id: string;
  /** Shown to people: "PagerDuty". */
  name: string;
  /** Manifest match patterns of the pages it can serve (the content script runs there). */
  matches: string[];
  /**
   * The incident id if this URL is an incident page of the site, read from the URL alone: cheap, so pages
   * that are not incidents cost nothing more.
   */
  incidentIdFromUrl(url: URL): string | undefined;
  /** Page markers confirming the site, for hosts that are not the vendor's own (self-hosted). */
  detect(doc: Document): boolean;
  /** What the page shows of the incident. */
  readPage(doc: Document, url: URL): IncidentFields;
  /** Where the buttons dock in the site's header or actions area; undefined: the floating bar. */
  findAnchor(doc: Document): Element | undefined;
}

/** Text of the first selector that has some, whitespace collapsed. */
export function firstText(root: ParentNode, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const text = root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}

export function firstElement(root: ParentNode, selectors: readonly string[]): Element | undefined {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return undefined;
}

/**
 * Values shown next to a visible label, keyed by the label's text (lower-case, whitespace collapsed, a
 * trailing colon dropped): `<dt>Label</dt><dd>value</dd>`, `<th>Label:</th><td>value</td>`, and any element
 * matching `labelSelector` followed by its value. Vendors rename classes with every build; the words a
 * responder reads change far less often.
 */
export function labelledValues(root: ParentNode, labelSelector?: string): Map<string, Element> {
  const values = new Map<string, Element>();
  const key = (element: Element) =>
    (element.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/:$/, '').trim().toLowerCase();
  // [label selector, tag the value element must have ('' = any)]
  const kinds: [string, string][] = [
    ['dt', 'DD'],
    ['tr > th', 'TD'],
  ];
  if (labelSelector) kinds.push([labelSelector, '']);
  for (const [selector, valueTag] of kinds) {
    for (const label of root.querySelectorAll(selector)) {
      const value = label.nextElementSibling;
      if (!value || (valueTag !== '' && value.tagName !== valueTag) || values.has(key(label))) continue;
      values.set(key(label), value);
    }
  }
  return values;
}

/** An element's text, whitespace collapsed; undefined when empty. */
export function textOf(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}
