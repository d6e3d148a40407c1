// @vitest-environment node
// One contract for every incident source, run over the saved pages in lib/sites/<site>/fixtures/ (Sourcegraph's
// code-host tests are the model). Each page has a .url (where it is served) and an .expected.json (what a
// DOM-only read must give). Node environment with a happy-dom Window per page, as the page runs no script.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentSnapshotSchema } from '@/lib/model/incident';
import { INCIDENT_SOURCES, readIncident, SELF_HOSTED_SOURCES, sourceForUrl } from '@/lib/sites/registry';
import type { IncidentSource } from '@/lib/sites/site';
import { savedPages as allSavedPages, type SavedPage, SITES_DIR } from '../../support/site-fixtures';

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
 * Sites whose adapter confirms a page by its markers and not by the host alone (lib/sites/<site>/README.md): on a
 * page without them nothing is read. A self-hosted page is confirmed by its markers too.
 */
const CONFIRMED_BY_MARKERS = new Set(['incident-io', 'pagertree']);

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

  it.each(pages.map((page) => [page.name, page] as const))(
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

  it('finds no dock and reads only what the URL gives on a page without the incident', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const { sources, source: reader } = sourcesFor(page);
      const doc = load(page.url, '<!doctype html><html><head></head><body><main></main></body></html>');
      expect(reader.findAnchor(doc)).toBeUndefined();
      const incident = readIncident(doc, page.url, sources);
      const byMarkers = page.name.startsWith('self-hosted') || CONFIRMED_BY_MARKERS.has(source.id);
      expect(reader.detect(doc), `${page.name}: detected without its markers`).toBe(!byMarkers);
      if (byMarkers) {
        // A site recognised by its page markers (self-hosted) reads nothing until they are there.
        expect(incident).toBeUndefined();
        continue;
      }
      // Only what the URL gives: the ids, the page and its canonical link.
      expect(incident).toMatchObject({ site: source.id, id: page.expected.id, url: page.url });
      expect(['html_url', 'id', 'site', 'url']).toEqual(expect.arrayContaining(Object.keys(incident ?? {})));
    }
  });

  it('ignores pages that are not incidents', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const url = new URL(page.url);
      expect(source.incidentIdFromUrl(new URL('/', url))).toBeUndefined();
      expect(source.incidentIdFromUrl(new URL(`https://evil.example${url.pathname}`))).toBeUndefined();
    }
  });
});
