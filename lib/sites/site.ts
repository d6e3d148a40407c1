import type { IncidentFields } from '../model/incident';

/**
 * One incident site, as a plain object (Sourcegraph's code hosts are the model). The content script asks
 * each adapter in turn; the first whose URL check passes serves the page. The URL alone is enough: it gives the
 * incident id (and what the adapter builds from the address), the buttons show docked or floating, and the vendor's
 * API fills the rest; reading the page only adds what the API lacks. A selector that misses, or throws, costs
 * that one value, never the buttons (design rule 12).
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
  /**
   * Page markers confirming the site, only for a host the user registered that is not the vendor's own
   * (self-hosted): there the host alone says nothing about what it serves. A built-in site on the vendor's own
   * hosts has none, or one that is always true: its URL decides.
   */
  detect?(doc: Document): boolean;
  /**
   * What the page shows of the incident, and what the adapter builds from the URL (its canonical link). On a
   * page where nothing is recognised it returns only the URL's part.
   */
  readPage(doc: Document, url: URL): IncidentFields;
  /** Where the buttons dock in the site's header or actions area; undefined: the floating bar. */
  findAnchor(doc: Document): Element | undefined;
}

/** One GET below the API base; its JSON answer reaches `map` under `key`. */
interface ApiCall {
  key: string;
  /** Path and query below the base, ids already percent-encoded. */
  path: string;
  /** Whether the incident's values are useless without this answer (the main object) or merely richer. */
  required: boolean;
}

/**
 * A vendor's documented incident API, as data and pure functions (zod-free: the content script may bundle
 * one). The background calls it with the token the user saved for the site; lib/sites/<site>/README.md says
 * where each shape comes from, and lib/sites/<site>/fixtures/api-*.json are answers shaped as the vendor documents.
 */
export interface IncidentApi {
  /** The `IncidentSource.id` this API serves. */
  site: string;
  /** Shown next to the token field: what kind of key, and where the user makes one. */
  tokenHelp: string;
  /**
   * The API base for an incident page on this host (PagerDuty EU pages use the EU API), or undefined when
   * only the user knows it (Grafana OnCall's per-stack API URL).
   */
  defaultBase(pageUrl: URL): string | undefined;
  calls(incidentId: string): ApiCall[];
  /** Request headers carrying the token (and any the vendor requires, such as an Accept version). */
  headers(token: string, pageUrl: URL): Record<string, string>;
  /** Normalized fields from the answers that arrived; an optional call that failed is simply absent. */
  map(answers: Readonly<Record<string, unknown>>): IncidentFields;
  /**
   * Another API of the same site to call instead at this saved base, or undefined for this one. Only for a site
   * whose one saved token can belong to two vendor APIs (Opsgenie's, or JSM Operations' for a JSM base): the base
   * the user saved is the only thing that tells them apart, and `headers(token, pageUrl)` cannot see it.
   */
  forBase?(base: string): IncidentApi | undefined;
  /** Names the API in messages when the site's name would mislead ("Jira Service Management Operations"). */
  vendor?: string;
}
