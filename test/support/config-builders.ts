/**
 * Builders shared by the config sharing tests (test/lib/sharing/: reading a file, the import plan, applying
 * it, exporting, the round trips): databases seeded as a person's would be, config files as text, and the
 * import as the options page runs it. Not a test file itself (vitest only collects *.test.ts[x]).
 */
import type { Action, ManagedBy } from '@/lib/model/action';
import type { CustomSite } from '@/lib/model/custom-site';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import { CONFIG_FORMAT, CONFIG_VERSION } from '@/lib/sharing/config-file';
import type { LocalConfig } from '@/lib/sharing/export-config';
import { type ImportMode, planImport } from '@/lib/sharing/import-plan';
import { type ReadResult, readConfig } from '@/lib/sharing/read-config';
import { actionOriginPattern, siteOriginPattern } from '@/lib/sharing/references';
import { saveAction } from '@/lib/storage/actions-store';
import { readLocalState } from '@/lib/storage/config-store';
import { saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { saveSecret } from '@/lib/storage/secrets-store';
import { saveCustomSite } from '@/lib/storage/sites-store';
import { freshDatabase, makeAction } from './builders';

/** The clock every config test reads and imports at. */
export const NOW = 1_750_000_000_000;

const opened: Database[] = [];

/** A fresh database, closed by `closeOpenedDatabases` (call it in the file's afterEach). */
export async function openDb(): Promise<Database> {
  const db = await freshDatabase();
  opened.push(db);
  return db;
}

export function closeOpenedDatabases(): void {
  for (const db of opened.splice(0)) db.close();
}

/** Every store, keys and values: what "the database did not change" is compared with. */
export async function snapshot(db: Database): Promise<Record<string, { keys: unknown[]; values: unknown[] }>> {
  const stores: Record<string, { keys: unknown[]; values: unknown[] }> = {};
  for (const name of [...db.objectStoreNames].sort())
    stores[name] = { keys: await db.getAllKeys(name), values: await db.getAll(name) };
  return stores;
}

/** The host permissions a config needs: given all of them, nothing waits for a grant. */
export function everyOrigin(config: { actions: Action[]; sites: CustomSite[] }): Set<string> {
  const origins = new Set(config.sites.map(siteOriginPattern));
  for (const action of config.actions) {
    const pattern = actionOriginPattern(action);
    if (pattern) origins.add(pattern);
  }
  return origins;
}

/** The config read, or the test fails with the problems readConfig found. */
export function mustRead(text: string, now = NOW): Extract<ReadResult, { ok: true }>['value'] {
  const read = readConfig(text, now);
  if (!read.ok) throw new Error(`expected the config to read, got ${JSON.stringify(read.problems)}`);
  return read.value;
}

/** Writes a local config as the options page saves it. */
export async function seedLocal(db: Database, config: LocalConfig): Promise<void> {
  for (const action of config.actions) await saveAction(db, action);
  for (const site of config.sites) await saveCustomSite(db, site);
  if (config.constants.length > 0) await saveConstants(db, config.constants);
}

export const SITE: CustomSite = {
  id: 'oncall',
  name: 'On-call portal',
  urlPattern: 'https://oncall.example.com/*',
  incidentIdRegex: '^/incidents/([A-Z0-9]+)',
  fields: [{ field: 'title', selector: 'h1' }],
  createdAt: 1_000,
  updatedAt: 1_000,
};

/** A database with one action (holding an inline secret), one site, constants and a saved secret. */
export async function seededDb(): Promise<Database> {
  const db = await openDb();
  await saveAction(
    db,
    makeAction({ id: 'restart', headers: [{ name: 'X-Api-Key', value: 'sk_live_seeded', secret: true }] }),
  );
  await saveCustomSite(db, SITE);
  await saveConstants(db, [{ name: 'env', value: 'prod' }]);
  await saveSecret(db, { name: 'rundeck_token', value: 'tok-123', savedAt: 1 });
  return db;
}

/** The import as the options page runs it: read, and only when that worked, plan and apply. */
export async function importText(
  db: Database,
  text: string,
  options: { mode?: ImportMode; granted?: Set<string>; secretValues?: Record<string, string> } = {},
): Promise<ReadResult> {
  const read = readConfig(text, NOW);
  if (!read.ok) return read;
  const plan = planImport(await readLocalState(db), read.value, {
    mode: options.mode ?? 'replace',
    granted: options.granted ?? new Set(['<all_urls>']),
  });
  await applyImportPlan(db, plan, {
    now: NOW,
    ...(options.secretValues ? { secretValues: options.secretValues } : {}),
  });
  return read;
}

/** An action as a config file writes it (no timestamps); override any field. */
export function fileAction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'deploy',
    label: 'Deploy',
    enabled: true,
    method: 'POST',
    url: 'https://hooks.example.com/deploy',
    headers: [],
    body: '',
    ...overrides,
  };
}

/** A current config file holding `fileAction()`, as text; override any top-level field. */
export const configText = (overrides: Record<string, unknown> = {}, space?: number) =>
  JSON.stringify(
    { format: CONFIG_FORMAT, version: CONFIG_VERSION, actions: [fileAction()], ...overrides },
    null,
    space,
  );

/** `depth` arrays, one inside the other, around a string. */
export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** One of a person's own actions, as saved. */
export const own = (id: string, overrides: Partial<Action> = {}) =>
  makeAction({ id, url: 'https://hooks.example.com/run', createdAt: 500, updatedAt: 500, ...overrides });
export const SUB: ManagedBy = { kind: 'subscription', subscriptionId: 'sub-0a1b2c3d' };
export const OTHER_SUB: ManagedBy = { kind: 'subscription', subscriptionId: 'sub-99999999' };
export const POLICY: ManagedBy = { kind: 'policy' };

/** A database holding these actions (managed ones too), sites and constants. */
export async function dbWith(
  actions: Action[],
  sites: CustomSite[] = [],
  constants = [{ name: 'env', value: 'prod' }],
): Promise<Database> {
  const db = await openDb();
  // Managed actions are written as an import writes them (saveAction refuses them).
  for (const action of actions) await db.put('actions', action);
  for (const site of sites) await saveCustomSite(db, site);
  await saveConstants(db, constants);
  return db;
}

/** The file's form of `own(id)`: the same fields, so that only the overrides differ. */
export const fileOf = (id: string, overrides: Record<string, unknown> = {}) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = own(id);
  return { ...rest, ...overrides };
};

/** The ids, sorted. */
export const ids = (list: Action[]) => list.map((action) => action.id).sort();

/** Every host granted. */
export const ALL = new Set(['<all_urls>']);
