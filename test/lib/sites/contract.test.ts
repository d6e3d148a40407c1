// @vitest-environment node
// One contract for every incident source, run over the saved pages in lib/sites/<site>/fixtures/ (Sourcegraph's
// code-host tests are the model). Each page has a .url (where it is served) and an .expected.json (what a
// DOM-only read must give). Node environment with a happy-dom Window per page, as the page runs no script.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { nextReading } from '@/lib/messaging/site-readings';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { IncidentSnapshotSchema } from '@/lib/model/incident';
import { fieldOrigins } from '@/lib/sites/field-origins';
import { withApiFields } from '@/lib/sites/merge-api-fields';
import {
  findDock,
  INCIDENT_SOURCES,
  readIncident,
  readIncidentFromAddress,
  SELF_HOSTED_SOURCES,
  sourceForUrl,
} from '@/lib/sites/registry';
import type { IncidentSource } from '@/lib/sites/site';
import { savedPages as allSavedPages, type SavedPage, SITES_DIR } from '../../support/site-fixtures';
import { EXPECTED, type Site, VENDORS } from '../../support/vendor-apis';

const savedPages: SavedPage[] = allSavedPages().filter((page) => page.site !== 'custom');

let open: Window[] = [];
afterEach(async () => {
  await Promise.all(open.map((window) => window.happyDOM.close()));
  open = [];
});

/**
 * The sources a page is read with: the built-in ones, plus, for a `self-hosted-*` page, the site's adapter
 * for that page's host, as the user's registration of the host would add it.
 */
function sourcesFor(page: SavedPage): { sources: readonly IncidentSource[]; source: IncidentSource } {
  const builtIn = INCIDENT_SOURCES.find((source) => source.id === page.site);
  if (!builtIn) throw new Error(`no adapter for ${page.site}`);
  if (!page.name.startsWith('self-hosted')) return { sources: INCIDENT_SOURCES, source: builtIn };
  const selfHosted = SELF_HOSTED_SOURCES[page.site]?.(new URL(page.url).host);
  if (!selfHosted) throw new Error(`${page.site} has a self-hosted page but no self-hosted adapter`);
  return { sources: [...INCIDENT_SOURCES, selfHosted], source: selfHosted };
}

/**
 * The page as its vendor might ship it next week: the same text, but every element of the body a bare `div` with
 * no attribute, and no tab title. No tag, class, id, `data-*`, ARIA or label structure an adapter keys on is left.
 */
function withUnknownMarkup(doc: Document): void {
  doc.title = '';
  for (const element of [...doc.body.querySelectorAll('*')].reverse()) {
    const plain = doc.createElement('div');
    plain.append(...element.childNodes);
    element.replaceWith(plain);
  }
  for (const name of doc.body.getAttributeNames()) doc.body.removeAttribute(name);
}

/**
 * A saved page named `unknown-markup*` is one whose markup the adapter does not know: it reads only what the URL gives
 * and finds no dock, so the buttons float.
 */
const unknownMarkup = (page: SavedPage) => page.name.startsWith('unknown-markup');

/** What the content script reports of a page: the dock, and where each field came from. */
function readingOf(source: IncidentSource, doc: Document, url: string) {
  return { docked: findDock(source, doc) !== undefined, fields: fieldOrigins(source, undefined, doc, new URL(url)) };
}

function load(url: string, html: string): Document {
  const window = new Window({ url });
  open.push(window);
  window.document.write(html);
  return window.document as unknown as Document;
}

it('every site with saved pages has an adapter', () => {
  const sites = new Set(savedPages.map((page) => page.site));
  expect([...sites].sort()).toEqual(INCIDENT_SOURCES.map((source) => source.id).sort());
});

describe.each(INCIDENT_SOURCES.map((source) => [source.name, source] as const))('%s', (_name, source) => {
  const pages = savedPages.filter((page) => page.site === source.id);

  it('has at least two saved pages and a source note', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(SITES_DIR, source.id, 'README.md'))).toBe(true);
  });

  it.each(pages.map((page) => [page.name, page] as const))('reads %s as the page shows it', (_page, page) => {
    const doc = load(page.url, page.html);
    const { sources } = sourcesFor(page);
    expect(sourceForUrl(new URL(page.url), sources)?.source.id).toBe(source.id);
    const incident = readIncident(doc, page.url, sources);
    expect(incident).toEqual(page.expected);
    // What the adapter reads is what the background accepts.
    expect(IncidentSnapshotSchema.safeParse(incident).success).toBe(true);
  });

  it.each(pages.filter((page) => !unknownMarkup(page)).map((page) => [page.name, page] as const))(
    'docks on %s, at the same place each time',
    (_page, page) => {
      const doc = load(page.url, page.html);
      const reader = sourcesFor(page).source;
      const anchor = reader.findAnchor(doc);
      expect(anchor).toBeDefined();
      expect(anchor?.isConnected).toBe(true);
      expect(reader.findAnchor(doc)).toBe(anchor);
    },
  );

  it.each(pages.filter(unknownMarkup).map((page) => [page.name, page] as const))(
    'floats on %s, whose markup it does not know, with what the URL gives',
    (_page, page) => {
      const doc = load(page.url, page.html);
      expect(findDock(source, doc)).toBeUndefined();
      expect(readIncident(doc, page.url)).toEqual(readIncidentFromAddress(doc, page.url));
    },
  );

  it('finds no dock and reads only what the URL gives on a page without the incident', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const { sources, source: reader } = sourcesFor(page);
      const doc = load(page.url, '<!doctype html><html><head></head><body><main></main></body></html>');
      expect(reader.findAnchor(doc)).toBeUndefined();
      const incident = readIncident(doc, page.url, sources);
      if (page.name.startsWith('self-hosted')) {
        // A host the user registered is confirmed by the site's page markers: without them nothing is read.
        expect(reader.detect?.(doc), `${page.name}: detected without its markers`).toBe(false);
        expect(incident).toBeUndefined();
        continue;
      }
      // A built-in site needs no marker: its URL decides.
      expect(reader.detect?.(doc) ?? true, `${page.name}: the URL alone is not enough`).toBe(true);
      // Only what the URL gives: the ids, the page, its canonical link (and its number where the URL holds it).
      expect(incident).toMatchObject({ site: source.id, id: page.expected.id, url: page.url });
      expect(['html_url', 'id', 'number', 'site', 'url']).toEqual(expect.arrayContaining(Object.keys(incident ?? {})));
      expect(incident).toEqual(readIncidentFromAddress(doc, page.url, sources));
    }
  });

  it.each(pages.filter((page) => !page.name.startsWith('self-hosted')).map((page) => [page.name, page] as const))(
    'on %s with new markup, where every selector misses: floating, with the id and the API values',
    (_page, page) => {
      const doc = load(page.url, page.html);
      // What the options page learnt from the page as saved, then from the same page next week.
      const before = nextReading(undefined, readingOf(source, doc, page.url), 1);
      withUnknownMarkup(doc);
      const after = nextReading(before, readingOf(source, doc, page.url), 2);
      // The drift warning: every field the saved page gave is named as lost, and the buttons float.
      const readBefore = Object.keys(before.fields).filter((field) => before.fields[field] === 'page');
      expect(after).toMatchObject({ docked: false, lost: readBefore });
      if (!unknownMarkup(page)) expect(readBefore.length).toBeGreaterThan(0);
      // No dock: the content script shows the floating bar.
      expect(findDock(source, doc)).toBeUndefined();
      const incident = readIncident(doc, page.url);
      expect(incident).toEqual(readIncidentFromAddress(doc, page.url));
      expect(incident).toMatchObject({ site: source.id, id: page.expected.id, url: page.url });
      // The vendor's API fills what the page no longer shows.
      const vendor = VENDORS[source.id as Site];
      const completed = withApiFields(incident as IncidentSnapshot, vendor.api.map(vendor.answers()));
      const api = { ...EXPECTED[source.id as Site], site: source.id, id: page.expected.id, url: page.url };
      expect(completed).toEqual({ ...incident, ...api });
    },
  );

  it('ignores pages that are not incidents', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const url = new URL(page.url);
      expect(source.incidentIdFromUrl(new URL('/', url))).toBeUndefined();
      expect(source.incidentIdFromUrl(new URL(`https://evil.example${url.pathname}`))).toBeUndefined();
    }
  });
});

describe('a read that throws', () => {
  const throwing: IncidentSource = {
    id: 'throwing',
    name: 'Throwing',
    matches: ['https://throwing.example/*'],
    incidentIdFromUrl: (url) => /^\/incidents\/(\d+)$/.exec(url.pathname)?.[1],
    readPage: () => {
      throw new SyntaxError("'::bad' is not a valid selector");
    },
    findAnchor: () => {
      throw new SyntaxError("'::bad' is not a valid selector");
    },
  };

  it('costs the values, never the incident or the buttons', () => {
    const href = 'https://throwing.example/incidents/42';
    const doc = load(href, '<!doctype html><html><body><h1>Down</h1></body></html>');
    expect(readIncident(doc, href, [throwing])).toEqual({ site: 'throwing', id: '42', url: href });
    expect(findDock(throwing, doc)).toBeUndefined();
  });
});
