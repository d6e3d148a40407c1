// @vitest-environment node
// One contract for every incident source, run over the saved pages in test/fixtures/<site>/ (Sourcegraph's
// code-host tests are the model). Each page has a .url (where it is served) and an .expected.json (what a
// DOM-only read must give). Node environment with a happy-dom Window per page, as the page runs no script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentSnapshotSchema } from '@/lib/model/incident';
import { INCIDENT_SOURCES, readIncident, SELF_HOSTED_SOURCES, sourceForUrl } from '@/lib/sources/registry';
import type { IncidentSource } from '@/lib/sources/types';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/sources/', import.meta.url));

interface SavedPage {
  site: string;
  name: string;
  url: string;
  html: string;
  expected: Record<string, unknown>;
}

const savedPages: SavedPage[] = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(join(FIXTURES, dir.name))
      .filter((file) => file.endsWith('.expected.json'))
      .map((file) => {
        const base = join(FIXTURES, dir.name, file.replace('.expected.json', ''));
        const { page_url, ...expected } = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8'));
        return {
          site: dir.name,
          name: file.replace('.expected.json', ''),
          url: readFileSync(`${base}.url`, 'utf8').trim(),
          html: readFileSync(`${base}.html`, 'utf8'),
          expected: { ...expected, url: page_url ?? expected.url },
        };
      }),
  );

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
    expect(existsSync(join(DOCS, `${source.id}.md`))).toBe(true);
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
    for (const page of pages) {
      const { sources, source: reader } = sourcesFor(page);
      const doc = load(page.url, '<!doctype html><html><head></head><body><main></main></body></html>');
      expect(reader.findAnchor(doc)).toBeUndefined();
      const incident = readIncident(doc, page.url, sources);
      // Only what the URL gives: the ids, the page and its canonical link.
      if (incident) expect(['html_url', 'id', 'site', 'url']).toEqual(expect.arrayContaining(Object.keys(incident)));
      if (incident) expect(incident).toMatchObject({ site: source.id, id: page.expected.id, url: page.url });
    }
  });

  it('ignores pages that are not incidents', () => {
    for (const page of pages) {
      const url = new URL(page.url);
      expect(source.incidentIdFromUrl(new URL('/', url))).toBeUndefined();
      expect(source.incidentIdFromUrl(new URL(`https://evil.example${url.pathname}`))).toBeUndefined();
    }
  });
});
