import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The saved vendor pages and API answers, kept beside each site's adapter in `lib/sites/<site>/fixtures/`.
 * Paths are built with node:path from this file's own path, never with `new URL(…, import.meta.url)`: under
 * happy-dom the global URL resolves against the window's location instead of file:.
 */
export const SITES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lib', 'sites');

function fixturePath(site: string, name: string): string {
  return join(SITES_DIR, site, 'fixtures', name);
}

export function readFixture(site: string, name: string): string {
  return readFileSync(fixturePath(site, name), 'utf8');
}

export function readFixtureJson<T = Record<string, unknown>>(site: string, name: string): T {
  return JSON.parse(readFixture(site, name)) as T;
}

/** A saved page: where it is served (`<name>.url`), its HTML, and what a DOM-only read gives (`.expected.json`). */
export interface SavedPage {
  site: string;
  name: string;
  url: string;
  html: string;
  expected: Record<string, unknown>;
}

/** Every site folder that has a `fixtures/` folder, by folder name. */
function sitesWithFixtures(): string[] {
  return readdirSync(SITES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SITES_DIR, entry.name, 'fixtures')))
    .map((entry) => entry.name)
    .sort();
}

/** Every saved page (a `.url` and its `.html`) of every site, with its expected read when it has one. */
export function savedPages(): SavedPage[] {
  return sitesWithFixtures().flatMap((site) =>
    readdirSync(join(SITES_DIR, site, 'fixtures'))
      .filter((file) => file.endsWith('.url'))
      .map((file) => {
        const name = file.slice(0, -'.url'.length);
        const expectedFile = `${name}.expected.json`;
        const { page_url, ...expected } = existsSync(fixturePath(site, expectedFile))
          ? readFixtureJson(site, expectedFile)
          : {};
        return {
          site,
          name,
          url: readFixture(site, file).trim(),
          html: readFixture(site, `${name}.html`),
          expected: { ...expected, url: page_url ?? expected.url },
        };
      }),
  );
}
