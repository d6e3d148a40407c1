import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action, ManagedBy } from '@/lib/model/action';
import type { CustomSite } from '@/lib/model/custom-site';
import type { Subscription } from '@/lib/model/subscription';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import { CONFIG_FORMAT, CONFIG_VERSION, type ConfigFile } from '@/lib/sharing/config-file';
import { exportConfig, type LocalConfig } from '@/lib/sharing/export-config';
import { type ImportMode, type ImportPlan, planImport } from '@/lib/sharing/import-plan';
import { MAX_CONFIG_BYTES, type ReadResult, readConfig, secretReference } from '@/lib/sharing/read-config';
import { actionOriginPattern, secretsUsed, siteOriginPattern } from '@/lib/sharing/references';
import { saveAction } from '@/lib/storage/actions-store';
import { readLocalState } from '@/lib/storage/config-store';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { listSecrets, saveSecret } from '@/lib/storage/secrets-store';
import { saveCustomSite } from '@/lib/storage/sites-store';
import { freshDatabase, makeAction } from '../../support/builders';
import { INLINE_SECRET_PREFIX, localConfigArb } from '../../support/config-arbitraries';

const NOW = 1_750_000_000_000;
/** fast-check runs import and apply a hundred configs: more than the default 5 s. */
const PROPERTY_TIMEOUT = 120_000;

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
async function openDb(): Promise<Database> {
  const db = await freshDatabase();
  opened.push(db);
  return db;
}

/** Every store, keys and values: what "the database did not change" is compared with. */
async function snapshot(db: Database): Promise<Record<string, { keys: unknown[]; values: unknown[] }>> {
  const stores: Record<string, { keys: unknown[]; values: unknown[] }> = {};
  for (const name of [...db.objectStoreNames].sort())
    stores[name] = { keys: await db.getAllKeys(name), values: await db.getAll(name) };
  return stores;
}

/** The host permissions a config needs: given all of them, nothing waits for a grant. */
function everyOrigin(config: { actions: Action[]; sites: CustomSite[] }): Set<string> {
  const origins = new Set(config.sites.map(siteOriginPattern));
  for (const action of config.actions) {
    const pattern = actionOriginPattern(action);
    if (pattern) origins.add(pattern);
  }
  return origins;
}

const isInline = (header: Action['headers'][number]) => header.secret && header.value.startsWith(INLINE_SECRET_PREFIX);

function mustRead(text: string, now = NOW): Extract<ReadResult, { ok: true }>['value'] {
  const read = readConfig(text, now);
  if (!read.ok) throw new Error(`expected the config to read, got ${JSON.stringify(read.problems)}`);
  return read.value;
}

async function seedLocal(db: Database, config: LocalConfig): Promise<void> {
  for (const action of config.actions) await saveAction(db, action);
  for (const site of config.sites) await saveCustomSite(db, site);
  if (config.constants.length > 0) await saveConstants(db, config.constants);
}

const withoutExportedAt = ({ exportedAt: _e, ...rest }: ConfigFile) => JSON.parse(JSON.stringify(rest));

describe('export → import is lossless (fast-check)', () => {
  it(
    'no inline secret header value is ever written to the file, for all actions or any selection',
    () => {
      fc.assert(
        fc.property(localConfigArb, fc.array(fc.boolean(), { maxLength: 6 }), (local, picks) => {
          const inline = local.actions.flatMap((action) => action.headers.filter(isInline).map((h) => h.value));
          const selected = local.actions.filter((_, index) => picks[index]).map((action) => action.id);
          for (const file of [exportConfig(local, 'all', NOW), exportConfig(local, selected, NOW)]) {
            const text = JSON.stringify(file);
            for (const value of inline) expect(text).not.toContain(value);
            expect(text).not.toContain(INLINE_SECRET_PREFIX);
          }
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'read back into an empty database, every action, site and constant is as it was; inline secrets become saved secrets',
    async () => {
      await fc.assert(
        fc.asyncProperty(localConfigArb, async (local) => {
          const file = exportConfig(local, 'all', NOW);
          const incoming = mustRead(JSON.stringify(file), NOW + 1);
          expect(incoming.migratedFrom).toBeUndefined();

          // What each inline value is called in the file: one name per value, never a name another template uses.
          const referenced = new Set(local.actions.flatMap(secretsUsed));
          const secretValues: Record<string, string> = {};
          const expected = local.actions.map((action, index) => {
            const fileAction = file.actions[index];
            expect(fileAction?.id).toBe(action.id);
            if (!action.headers.some(isInline)) return action;
            return {
              ...action,
              headers: action.headers.map((header, h) => {
                const fileHeader = fileAction?.headers[h];
                if (!isInline(header)) return header;
                if (!fileHeader || !('placeholder' in fileHeader))
                  throw new Error('an inline secret header lost its placeholder');
                const name = fileHeader.placeholder;
                expect(referenced.has(name), `placeholder ${name} is also a secret some template names`).toBe(false);
                if (name in secretValues)
                  expect(secretValues[name], `one placeholder for two values`).toBe(header.value);
                secretValues[name] = header.value;
                return { ...header, value: secretReference(name) };
              }),
            };
          });

          const db = await openDb();
          const plan = planImport(await readLocalState(db), incoming, {
            mode: 'merge',
            granted: everyOrigin(local),
          });
          expect(plan.origins).toEqual([]);
          expect(plan.actions.added).toHaveLength(local.actions.length);
          expect(plan.secrets).toEqual(
            [...new Set([...referenced, ...Object.keys(secretValues)])].sort().map((name) => ({ name, saved: false })),
          );
          await applyImportPlan(db, plan, { secretValues, now: NOW });

          const stored = await db.getAll('actions');
          expect(stored).toHaveLength(expected.length);
          for (const action of expected) expect(await db.get('actions', action.id)).toStrictEqual(action);
          const sites = await db.getAll('sites');
          expect(sites).toHaveLength(local.sites.length);
          for (const site of local.sites) expect(await db.get('sites', site.id)).toStrictEqual(site);
          expect(await getConstants(db)).toStrictEqual(local.constants);
          const saved = await listSecrets(db);
          expect(Object.fromEntries(saved.map((secret) => [secret.name, secret.value]))).toStrictEqual(secretValues);
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'importing an export into the database it came from changes nothing (merge and replace)',
    async () => {
      await fc.assert(
        fc.asyncProperty(localConfigArb, async (config) => {
          const db = await openDb();
          await seedLocal(db, config);
          const before = await snapshot(db);
          const local = await readLocalState(db);
          const incoming = mustRead(JSON.stringify(exportConfig(local, 'all', NOW)), NOW + 60_000);
          for (const mode of ['merge', 'replace'] as ImportMode[]) {
            const plan = planImport(local, incoming, { mode, granted: everyOrigin(config) });
            for (const part of [plan.actions, plan.sites, plan.constants]) {
              expect(part.added).toEqual([]);
              expect(part.changed).toEqual([]);
              expect(part.removed).toEqual([]);
            }
            expect(plan.actions.unchanged).toHaveLength(config.actions.length);
            expect(plan.sites.unchanged).toHaveLength(config.sites.length);
            expect(plan.constants.unchanged).toHaveLength(config.constants.length);
            expect(plan.origins).toEqual([]);
            await applyImportPlan(db, plan, { now: NOW + 60_000 });
          }
          // Inline secret values stayed in their headers: nothing was replaced by a placeholder.
          expect(await snapshot(db)).toStrictEqual(before);
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'export → read → export gives the same file but for exportedAt (all, or a selection)',
    () => {
      fc.assert(
        fc.property(localConfigArb, fc.array(fc.boolean(), { maxLength: 6 }), (local, picks) => {
          const selected = local.actions.filter((_, index) => picks[index]).map((action) => action.id);
          for (const selection of ['all', selected] as const) {
            const first = exportConfig(local, selection, NOW);
            const incoming = mustRead(JSON.stringify(first), NOW + 1);
            const second = exportConfig(incoming, 'all', NOW + 86_400_000);
            expect(second.exportedAt).not.toBe(first.exportedAt);
            expect(withoutExportedAt(second)).toStrictEqual(withoutExportedAt(first));
          }
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

// ——— Files that must be refused ———

const SITE: CustomSite = {
  id: 'oncall',
  name: 'On-call portal',
  urlPattern: 'https://oncall.example.com/*',
  incidentIdRegex: '^/incidents/([A-Z0-9]+)',
  fields: [{ field: 'title', selector: 'h1' }],
  createdAt: 1_000,
  updatedAt: 1_000,
};

/** A database with one action (holding an inline secret), one site, constants and a saved secret. */
async function seededDb(): Promise<Database> {
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
async function importText(
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

function fileAction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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

const configText = (overrides: Record<string, unknown> = {}, space?: number) =>
  JSON.stringify(
    { format: CONFIG_FORMAT, version: CONFIG_VERSION, actions: [fileAction()], ...overrides },
    null,
    space,
  );

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe('a malformed, huge, polluted, future or wrong file is refused with where and why, and nothing changes', () => {
  const cases: [name: string, text: string, path: string | RegExp, message: RegExp][] = [
    [
      'a trailing comma in an object',
      '{\n  "format": "incident-actions/config",\n}',
      '$',
      /Not valid JSON.*line 3, column 1/,
    ],
    [
      'a missing comma between two fields',
      '{\n  "format": "incident-actions/config"\n  "version": 2\n}',
      '$',
      /Not valid JSON.*line 3, column 3/,
    ],
    ['a truncated file', '{\n  "format": "incident-actions/config",\n  "actions": [', '$', /Not valid JSON.*line 3/],
    ['a trailing comma in an array', '{\n  "actions": [\n    {},\n  ]\n}', '$', /Not valid JSON.*line 4, column 3/],
    ['a bare word', '{\n  "enabled": tru\n}', '$', /Not valid JSON.*line 2, column/],
    ['an array', '[]', '$', /JSON object with "format", "version" and "actions"/],
    ['null', 'null', '$', /JSON object/],
    ['a string', '"incident-actions/config"', '$', /JSON object/],
    ['another format', configText({ format: 'other-tool/config' }), '$.format', /Not an Incident Actions config/],
    [
      'version 3',
      configText({ version: 3 }),
      '$.version',
      /version 3, written by a newer Incident Actions.*up to version 2.*Update the extension/,
    ],
    ['version 0', configText({ version: 0 }), '$.version', /missing or not a whole number/],
    ['version "2"', configText({ version: '2' }), '$.version', /missing or not a whole number/],
    ['version 1.5', configText({ version: 1.5 }), '$.version', /missing or not a whole number/],
    ['no version', JSON.stringify({ format: CONFIG_FORMAT, actions: [] }), '$.version', /missing/],
    ['no actions', JSON.stringify({ format: CONFIG_FORMAT, version: 2 }), '$.actions', /./],
    ['an unknown top-level field', configText({ extra: 1 }), /^\$(\.extra)?$/, /Unknown field "extra"/],
    [
      'an unknown field in an action',
      configText({ actions: [fileAction({ colour: 'red' })] }),
      '$.actions[0].colour',
      /colour/,
    ],
    [
      'a bad URL',
      configText({ actions: [fileAction(), fileAction({ id: 'second', url: 'ftp://files.example.com/x' })] }),
      '$.actions[1].url',
      /http/,
    ],
    [
      'a URL with a placeholder in its host',
      configText({
        actions: [fileAction(), fileAction({ id: 'second', url: 'https://{{ incident.id }}.example.com/' })],
      }),
      '$.actions[1].url',
      /host/,
    ],
    [
      'a duplicate action id',
      configText({ actions: [fileAction(), fileAction({ label: 'Deploy again' })] }),
      '$.actions[1].id',
      /Used twice/,
    ],
    [
      'a managed-looking id',
      configText({ actions: [fileAction({ id: 'sub-0a1b2c3d:deploy' })] }),
      '$.actions[0].id',
      /letters, digits/,
    ],
    [
      'a bad constant name',
      configText({ constants: [{ name: 'Env', value: 'x' }] }),
      '$.constants[0].name',
      /lower-case/,
    ],
    [
      'a duplicate constant',
      configText({
        constants: [
          { name: 'env', value: 'a' },
          { name: 'env', value: 'b' },
        ],
      }),
      '$.constants[1].name',
      /own name/,
    ],
    [
      'a site matching every host',
      configText({ sites: [{ ...SITE, urlPattern: '<all_urls>' }] }),
      '$.sites[0].urlPattern',
      /one host/,
    ],
    [
      'a GET with a body',
      configText({ actions: [fileAction({ method: 'GET', body: '{"a":1}' })] }),
      '$.actions[0].body',
      /no body/,
    ],
    [
      'a secret used in a label',
      configText({ actions: [fileAction({ label: 'Key {{ secrets.api_token }}' })] }),
      '$.actions[0].label',
      /only in the URL, the headers and the body/,
    ],
    [
      '__proto__ at the top level',
      '{"__proto__": {"polluted": true}, "version": 2}',
      '$.__proto__',
      /"__proto__" is refused/,
    ],
    [
      '__proto__ in a header',
      configText({ actions: [fileAction({ headers: [{ name: 'X-A', value: 'b' }] })] }).replace(
        '"value":"b"',
        '"value":"b","__proto__":{"secret":true}',
      ),
      '$.actions[0].headers[0].__proto__',
      /"__proto__" is refused/,
    ],
    [
      'constructor in an action',
      configText({ actions: [fileAction({ constructor: { prototype: { polluted: true } } })] }),
      '$.actions[0].constructor',
      /"constructor" is refused/,
    ],
    [
      'prototype in a constant',
      configText({ constants: [{ name: 'env', value: 'x', prototype: {} }] }),
      '$.constants[0].prototype',
      /"prototype" is refused/,
    ],
    [
      'nesting deeper than 40 levels',
      configText({ deep: nested(60) }),
      /^\$\.deep(\[0\]){40}$/,
      /Nested deeper than 40 levels/,
    ],
  ];

  it.each(cases)('%s', async (_name, text, path, message) => {
    const db = await seededDb();
    const before = await snapshot(db);
    const result = await importText(db, text);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.length).toBeGreaterThan(0);
    const found = problems.find((problem) =>
      typeof path === 'string' ? problem.path === path : path.test(problem.path),
    );
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found?.message).toMatch(message);
    expect(await snapshot(db)).toStrictEqual(before);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('a secret header carrying its value is refused, and the value is not repeated in the message', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const text = configText({
      actions: [fileAction({ headers: [{ name: 'X-Api-Key', value: 'sk_live_leaked_value', secret: true }] })],
    });
    const result = await importText(db, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      path: '$.actions[0].headers[0].value',
      message: expect.stringContaining('"placeholder"'),
    });
    expect(JSON.stringify(result.problems)).not.toContain('sk_live_leaked_value');
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('a secret header with both a value and a placeholder is refused', () => {
    const text = configText({
      actions: [
        fileAction({ headers: [{ name: 'X-Api-Key', value: 'sk_live_x', secret: true, placeholder: 'x_api_key' }] }),
      ],
    });
    const result = readConfig(text, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => problem.path)).toContain('$.actions[0].headers[0]');
  });

  it('nesting of exactly 40 levels is not refused as too deep (the file fails on its unknown field instead); 41 is', () => {
    // $.deep is level 1: 40 arrays from there put the innermost one at level 40.
    const at40 = readConfig(configText({ deep: nested(40) }), NOW);
    expect(at40).toEqual({ ok: false, problems: [{ path: '$.deep', message: 'Unknown field "deep"' }] });
    const at41 = readConfig(configText({ deep: nested(41) }), NOW);
    expect(!at41.ok && at41.problems[0]?.message).toBe('Nested deeper than 40 levels');
  });

  it('a file over MAX_CONFIG_BYTES is refused by its size before anything parses it', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const parse = vi.spyOn(JSON, 'parse');
    // Not JSON either: were it parsed, the message would be about the syntax.
    const text = `{${'x'.repeat(MAX_CONFIG_BYTES)}`;
    const result = readConfig(text, NOW);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(result).toEqual({
      ok: false,
      problems: [{ path: '$', message: expect.stringMatching(/^The file is 5\.0 MB; a config may be at most 5 MB$/) }],
    });
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('the size counts UTF-8 bytes, not characters', () => {
    const text = configText({ actions: [fileAction({ label: 'é'.repeat(10) })] });
    const padded = `${text}${' '.repeat(MAX_CONFIG_BYTES - new TextEncoder().encode(text).length)}`;
    expect(new TextEncoder().encode(padded).length).toBe(MAX_CONFIG_BYTES);
    expect(readConfig(padded, NOW).ok).toBe(true);
    // Fewer characters than the limit, more bytes: one space swapped for a two-byte letter.
    const over = `${padded.slice(0, -1)}é`;
    expect(over.length).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
    const result = readConfig(over, NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/at most 5 MB/);
  });
});

// ——— Version 1 ———

describe('a version 1 file', () => {
  const v1 = JSON.stringify({
    version: 1,
    actions: [
      {
        id: 'rundeck-restart',
        label: 'Restart',
        enabled: true,
        method: 'POST',
        url: 'https://rundeck.acme.test/api/run',
        headers: [
          { name: 'X-Api-Key', value: '', secret: true },
          { name: 'X-Env', value: 'prod', secret: false },
        ],
        body: '{"id":"{{ incident.id }}"}',
      },
    ],
  });

  it('is migrated: the secret header becomes the placeholder x_api_key, listed as not saved', async () => {
    const incoming = mustRead(v1);
    expect(incoming.migratedFrom).toBe(1);
    expect(incoming.placeholders).toEqual([{ actionId: 'rundeck-restart', header: 'X-Api-Key', secret: 'x_api_key' }]);
    expect(incoming.secrets).toEqual(['x_api_key']);
    expect(incoming.actions[0]?.headers).toEqual([
      { name: 'X-Api-Key', value: '{{ secrets.x_api_key }}', secret: true },
      { name: 'X-Env', value: 'prod', secret: false },
    ]);
    expect(incoming.actions[0]?.createdAt).toBe(NOW);

    const db = await seededDb();
    const plan = planImport(await readLocalState(db), incoming, { mode: 'merge', granted: new Set(['<all_urls>']) });
    expect(plan.migratedFrom).toBe(1);
    expect(plan.secrets).toEqual([{ name: 'x_api_key', saved: false }]);
    await applyImportPlan(db, plan, { secretValues: { x_api_key: 'typed-in-preview' }, now: NOW });
    expect((await db.get('actions', 'rundeck-restart'))?.headers[0]?.value).toBe('{{ secrets.x_api_key }}');
    expect(await db.get('secrets', 'x_api_key')).toEqual({
      name: 'x_api_key',
      value: 'typed-in-preview',
      savedAt: NOW,
    });
  });

  it('imported into an empty database, the header reads the secret typed in the preview', async () => {
    const db = await openDb();
    await importText(db, v1, { secretValues: { x_api_key: 'typed' } });
    expect(await db.get('secrets', 'x_api_key')).toEqual({ name: 'x_api_key', value: 'typed', savedAt: NOW });
    expect((await db.get('actions', 'rundeck-restart'))?.headers[0]).toEqual({
      name: 'X-Api-Key',
      value: '{{ secrets.x_api_key }}',
      secret: true,
    });
  });

  it('never carries a value a v1 secret header held', () => {
    const leaky = v1.replace('"value":"","secret":true', '"value":"sk_live_v1_value","secret":true');
    expect(leaky).toContain('sk_live_v1_value');
    const incoming = mustRead(leaky);
    expect(JSON.stringify(incoming)).not.toContain('sk_live_v1_value');
  });
});

// ——— The plan ———

const own = (id: string, overrides: Partial<Action> = {}) =>
  makeAction({ id, url: 'https://hooks.example.com/run', createdAt: 500, updatedAt: 500, ...overrides });
const SUB: ManagedBy = { kind: 'subscription', subscriptionId: 'sub-0a1b2c3d' };
const OTHER_SUB: ManagedBy = { kind: 'subscription', subscriptionId: 'sub-99999999' };
const POLICY: ManagedBy = { kind: 'policy' };

async function dbWith(actions: Action[], sites: CustomSite[] = [], constants = [{ name: 'env', value: 'prod' }]) {
  const db = await openDb();
  // Managed actions are written as an import writes them (saveAction refuses them).
  for (const action of actions) await db.put('actions', action);
  for (const site of sites) await saveCustomSite(db, site);
  await saveConstants(db, constants);
  return db;
}

/** The file's form of `own(id)`: the same fields, so that only the overrides differ. */
const fileOf = (id: string, overrides: Record<string, unknown> = {}) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = own(id);
  return { ...rest, ...overrides };
};

const ids = (list: Action[]) => list.map((action) => action.id).sort();
const ALL = new Set(['<all_urls>']);

describe('the import plan', () => {
  const local = () => [
    own('restart'),
    own('old'),
    { ...own('sub-0a1b2c3d:restart'), managedBy: SUB },
    { ...own('sub-0a1b2c3d:gone'), managedBy: SUB },
    { ...own('sub-99999999:restart'), managedBy: OTHER_SUB },
    { ...own('policy:restart'), managedBy: POLICY },
  ];
  const file = () =>
    configText({
      actions: [fileOf('restart', { url: 'https://hooks.example.com/run2' }), fileAction({ id: 'new' })],
      sites: [],
      constants: [],
    });

  it('merge adds and updates and removes nothing; managed actions are out of scope', async () => {
    const db = await dbWith(local(), [SITE]);
    const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'merge', granted: ALL });
    expect(plan.mode).toBe('merge');
    expect(ids(plan.actions.added)).toEqual(['new']);
    expect(plan.actions.changed.map((change) => change.after.id)).toEqual(['restart']);
    expect(plan.actions.removed).toEqual([]);
    expect(plan.sites.removed).toEqual([]);
    expect(plan.constants.removed).toEqual([]);
  });

  it('replace also removes the own actions, sites and constants the file lacks, never a managed action', async () => {
    const db = await dbWith(local(), [SITE]);
    const beforeActions = await db.getAll('actions');
    const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'replace', granted: ALL });
    expect(ids(plan.actions.removed)).toEqual(['old']);
    expect(plan.sites.removed.map((site) => site.id)).toEqual(['oncall']);
    expect(plan.constants.removed).toEqual([{ name: 'env', value: 'prod' }]);
    const touched = [...plan.actions.added, ...plan.actions.changed.map((c) => c.after), ...plan.actions.removed];
    expect(touched.every((action) => action.managedBy === undefined)).toBe(true);

    await applyImportPlan(db, plan, { now: NOW });
    const after = await db.getAll('actions');
    expect(ids(after)).toEqual(
      ['new', 'policy:restart', 'restart', 'sub-0a1b2c3d:gone', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'].sort(),
    );
    for (const id of ['policy:restart', 'sub-0a1b2c3d:gone', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'])
      expect(after.find((action) => action.id === id)).toStrictEqual(beforeActions.find((action) => action.id === id));
    expect(await db.getAll('sites')).toEqual([]);
    expect(await getConstants(db)).toEqual([]);
  });

  it('changed lists each field that differs, by path', async () => {
    const db = await dbWith([own('restart', { headers: [{ name: 'X-Env', value: 'prod', secret: false }] })]);
    const text = configText({
      actions: [
        fileOf('restart', { url: 'https://hooks.example.com/run2', headers: [{ name: 'X-Env', value: 'staging' }] }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    expect(plan.actions.changed).toHaveLength(1);
    expect(plan.actions.changed[0]?.fields).toEqual([
      { path: '.url', before: 'https://hooks.example.com/run', after: 'https://hooks.example.com/run2' },
      { path: '.headers[0].value', before: 'prod', after: 'staging' },
    ]);
    // createdAt stays the local one; updatedAt is not a change a person would see.
    expect(plan.actions.changed[0]?.after.createdAt).toBe(500);
  });

  it('a diff never shows an inline secret value: (secret) instead', async () => {
    const secretValue = 'sk_live_hunter2hunter2';
    const db = await dbWith([
      own('restart', {
        headers: [
          { name: 'X-Api-Key', value: secretValue, secret: true },
          { name: 'X-Token', value: 'sk_live_other_inline', secret: true },
        ],
      }),
    ]);
    const text = configText({
      actions: [
        fileOf('restart', {
          headers: [
            { name: 'X-Api-Key', value: 'now-public' },
            { name: 'X-Other-Token', secret: true, placeholder: 'other_token' },
          ],
        }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    const fields = plan.actions.changed[0]?.fields ?? [];
    expect(fields).toEqual([
      { path: '.headers[0].value', before: '(secret)', after: 'now-public' },
      { path: '.headers[0].secret', before: 'true', after: 'false' },
      { path: '.headers[1].name', before: 'X-Token', after: 'X-Other-Token' },
      { path: '.headers[1].value', before: '(secret)', after: '{{ secrets.other_token }}' },
    ]);
    expect(JSON.stringify(fields)).not.toContain('sk_live_');
  });

  it('a placeholder whose header holds a value here keeps that value; a reordered one shows no value either', async () => {
    const db = await dbWith([
      own('restart', {
        headers: [
          { name: 'X-Api-Key', value: 'sk_live_kept_value', secret: true },
          { name: 'X-Env', value: 'prod', secret: false },
        ],
      }),
    ]);
    const text = configText({
      actions: [
        fileOf('restart', {
          headers: [
            { name: 'X-Env', value: 'prod' },
            { name: 'X-Api-Key', secret: true, placeholder: 'x_api_key' },
          ],
        }),
      ],
    });
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted: ALL });
    const change = plan.actions.changed[0];
    expect(change?.after.headers[1]).toEqual({ name: 'X-Api-Key', value: 'sk_live_kept_value', secret: true });
    expect(change?.fields.map((field) => field.path)).toEqual([
      '.headers[0].name',
      '.headers[0].value',
      '.headers[0].secret',
      '.headers[1].name',
      '.headers[1].value',
      '.headers[1].secret',
    ]);
    expect(JSON.stringify(change?.fields)).not.toContain('sk_live_');
  });

  it('an action whose origin is not granted waits for it, disabled, and the origin is asked for', async () => {
    const db = await dbWith([]);
    const text = configText({
      actions: [
        fileAction({ id: 'granted', url: 'https://hooks.example.com/a' }),
        fileAction({ id: 'waiting', url: 'https://ungranted.example.net/a/{{ incident.id }}' }),
        fileAction({ id: 'off', enabled: false, url: 'https://other.example.net/a' }),
      ],
      sites: [SITE, { ...SITE, id: 'granted-site', urlPattern: 'https://hooks.example.com/*' }],
    });
    const granted = new Set(['https://hooks.example.com/*']);
    const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'merge', granted });
    const byId = Object.fromEntries(plan.actions.added.map((action) => [action.id, action]));
    expect(byId.granted?.enabled).toBe(true);
    expect(byId.granted?.awaitingGrant).toBeUndefined();
    expect(byId.waiting?.enabled).toBe(false);
    expect(byId.waiting?.awaitingGrant).toBe(true);
    expect(byId.off?.enabled).toBe(false);
    expect(byId.off?.awaitingGrant).toBeUndefined();
    expect(plan.origins).toEqual([
      'https://oncall.example.com/*',
      'https://other.example.net/*',
      'https://ungranted.example.net/*',
    ]);

    await applyImportPlan(db, plan, { now: NOW });
    // Exported, it goes out enabled as it came in; imported again unchanged, the plan still sees no change.
    const local = await readLocalState(db);
    const exported = exportConfig(local, 'all', NOW);
    expect(exported.actions.find((action) => action.id === 'waiting')?.enabled).toBe(true);
    const again = planImport(local, mustRead(JSON.stringify(exported)), { mode: 'replace', granted });
    expect(again.actions.added.length + again.actions.changed.length + again.actions.removed.length).toBe(0);
  });

  const grantText = configText({
    actions: [fileAction({ id: 'https-hook' }), fileAction({ id: 'http-hook', url: 'http://localhost:8080/x' })],
    sites: [SITE],
  });

  it('with every host granted (<all_urls>), nothing waits and no origin is asked for: actions or sites', async () => {
    const plan = planImport(await readLocalState(await dbWith([])), mustRead(grantText), {
      mode: 'merge',
      granted: ALL,
    });
    expect(plan.actions.added.every((action) => action.enabled && action.awaitingGrant === undefined)).toBe(true);
    expect(plan.origins).toEqual([]);
  });

  it('with the optional wildcard host permissions granted (https://*/*, http://*/*), nothing waits for a grant', async () => {
    // What browser.permissions.getAll() reports after "On all sites": the manifest's optional_host_permissions.
    const granted = new Set(['https://*/*', 'http://*/*']);
    const plan = planImport(await readLocalState(await dbWith([])), mustRead(grantText), { mode: 'merge', granted });
    expect(plan.actions.added.map((action) => [action.id, action.enabled, action.awaitingGrant])).toEqual([
      ['https-hook', true, undefined],
      ['http-hook', true, undefined],
    ]);
    expect(plan.origins).toEqual([]);
  });

  describe('for a subscription (owner)', () => {
    const subscription: Subscription = {
      id: 'sub-0a1b2c3d',
      url: 'https://config.example.com/team.json',
      refreshMinutes: 60,
      createdAt: NOW,
    };

    it('prefixes ids, replaces only its own actions, and never removes sites or constants', async () => {
      const db = await dbWith(local(), [SITE]);
      const text = configText({
        actions: [fileOf('restart', { url: 'https://hooks.example.com/run2' }), fileAction({ id: 'new' })],
        sites: [{ ...SITE, id: 'team-site', urlPattern: 'https://team.example.com/*' }],
        constants: [{ name: 'team', value: 'sre' }],
      });
      const plan = planImport(await readLocalState(db), mustRead(text), {
        mode: 'merge',
        owner: SUB,
        granted: ALL,
      });
      expect(plan.mode).toBe('replace');
      expect(plan.owner).toEqual(SUB);
      expect(ids(plan.actions.added)).toEqual(['sub-0a1b2c3d:new']);
      expect(plan.actions.added[0]?.managedBy).toEqual(SUB);
      expect(plan.actions.changed.map((change) => change.after.id)).toEqual(['sub-0a1b2c3d:restart']);
      expect(plan.actions.changed[0]?.fields.map((field) => field.path)).toEqual(['.url']);
      expect(ids(plan.actions.removed)).toEqual(['sub-0a1b2c3d:gone']);
      expect(plan.sites.removed).toEqual([]);
      expect(plan.constants.removed).toEqual([]);
      expect(plan.sites.added.map((site) => site.id)).toEqual(['team-site']);
      expect(plan.constants.added).toEqual([{ name: 'team', value: 'sre' }]);

      const beforeActions = await db.getAll('actions');
      await applyImportPlan(db, plan, { subscription, now: NOW });
      const after = await db.getAll('actions');
      expect(ids(after)).toEqual(
        ['old', 'policy:restart', 'restart', 'sub-0a1b2c3d:new', 'sub-0a1b2c3d:restart', 'sub-99999999:restart'].sort(),
      );
      for (const id of ['old', 'restart', 'policy:restart', 'sub-99999999:restart'])
        expect(after.find((action) => action.id === id)).toStrictEqual(
          beforeActions.find((action) => action.id === id),
        );
      expect((await db.getAll('sites')).map((site) => site.id).sort()).toEqual(['oncall', 'team-site']);
      expect(await getConstants(db)).toEqual([
        { name: 'env', value: 'prod' },
        { name: 'team', value: 'sre' },
      ]);
      expect(await db.get('subscriptions', 'sub-0a1b2c3d')).toEqual(subscription);
    });

    it('a manual import never touches that subscription’s actions, even with the same ids', async () => {
      const db = await dbWith(local().filter((action) => action.managedBy));
      const plan = planImport(await readLocalState(db), mustRead(file()), { mode: 'replace', granted: ALL });
      expect(ids(plan.actions.added)).toEqual(['new', 'restart']);
      expect(plan.actions.changed).toEqual([]);
      expect(plan.actions.removed).toEqual([]);
    });
  });
});

describe('export → import, cases outside the generated ones', () => {
  it('re-importing one’s own export keeps a secret header that mixes text with a saved secret', async () => {
    const db = await dbWith([
      own('restart', {
        headers: [{ name: 'Authorization', value: 'Bearer {{ secrets.rundeck_token }}', secret: true }],
      }),
    ]);
    const local = await readLocalState(db);
    const incoming = mustRead(JSON.stringify(exportConfig(local, 'all', NOW)));
    const plan = planImport(local, incoming, { mode: 'merge', granted: ALL });
    expect(plan.actions.changed.map((change) => change.fields)).toEqual([]);
    expect(plan.secrets).toEqual([{ name: 'rundeck_token', saved: false }]);
  });

  it('an inline secret that happens to contain "secrets." is kept on re-import and never shown in a diff', async () => {
    const value = 'sk_live_my.secrets.value';
    const db = await dbWith([own('restart', { headers: [{ name: 'X-Api-Key', value, secret: true }] })]);
    const local = await readLocalState(db);
    const file = exportConfig(local, 'all', NOW);
    expect(JSON.stringify(file)).not.toContain(value);
    const plan = planImport(local, mustRead(JSON.stringify(file)), { mode: 'merge', granted: ALL });
    expect(JSON.stringify(plan.actions.changed.map((change) => change.fields))).not.toContain(value);
    expect(plan.actions.unchanged.map((action) => action.id)).toEqual(['restart']);
  });

  it('exporting everything, with a subscribed action whose id is also one of one’s own, gives a file that reads', async () => {
    const db = await dbWith([own('restart'), { ...own('sub-0a1b2c3d:restart'), managedBy: SUB }]);
    const file = exportConfig(await readLocalState(db), 'all', NOW);
    const read = readConfig(JSON.stringify(file), NOW);
    expect(read.ok ? [] : read.problems).toEqual([]);
  });

  it('a managed action is exported without its owner or prefix, and an awaiting one as enabled', () => {
    const action = { ...own('sub-0a1b2c3d:restart'), managedBy: SUB, enabled: false, awaitingGrant: true };
    const [exported] = exportConfig({ actions: [action], sites: [], constants: [] }, 'all', NOW).actions;
    expect(exported?.id).toBe('restart');
    expect(exported?.enabled).toBe(true);
    expect(exported && ('managedBy' in exported || 'awaitingGrant' in exported)).toBe(false);
  });

  it('a selection exports only the sites and constants its actions use', () => {
    const used = own('used', {
      url: 'https://hooks.example.com/{{ constants.env }}',
      conditions: { match: 'all', rules: [], sites: ['custom:oncall', 'pagerduty'] },
    });
    const local: LocalConfig = {
      actions: [used, own('other', { body: '{"team":"{{ constants.team }}"}' })],
      sites: [SITE, { ...SITE, id: 'unused' }],
      constants: [
        { name: 'env', value: 'prod' },
        { name: 'team', value: 'sre' },
      ],
    };
    const file = exportConfig(local, ['used'], NOW);
    expect(file.actions.map((action) => action.id)).toEqual(['used']);
    expect(file.sites?.map((site) => site.id)).toEqual(['oncall']);
    expect(file.constants).toEqual([{ name: 'env', value: 'prod' }]);
  });
});

// ——— Atomic apply ———

/** A database and a plan that adds, changes and removes actions, sites, constants, and saves a secret. */
async function busyPlan(): Promise<{ db: Database; plan: ImportPlan; secretValues: Record<string, string> }> {
  const db = await dbWith(
    [own('a'), own('b'), own('gone')],
    [SITE, { ...SITE, id: 'old-site', urlPattern: 'https://old.example.com/*' }],
  );
  await saveSecret(db, { name: 'rundeck_token', value: 'tok-123', savedAt: 1 });
  const text = configText({
    actions: [
      fileAction({ id: 'c' }),
      fileAction({ id: 'd', headers: [{ name: 'X-Api-Key', secret: true, placeholder: 'new_key' }] }),
      fileAction({ id: 'a', url: 'https://hooks.example.com/a2' }),
      fileAction({ id: 'b', url: 'https://hooks.example.com/b2' }),
    ],
    sites: [
      { ...SITE, name: 'Renamed portal' },
      { ...SITE, id: 'second' },
    ],
    constants: [{ name: 'env', value: 'staging' }],
  });
  const plan = planImport(await readLocalState(db), mustRead(text), { mode: 'replace', granted: ALL });
  expect(plan.actions.added).toHaveLength(2);
  expect(plan.actions.changed).toHaveLength(2);
  expect(plan.actions.removed).toHaveLength(1);
  expect(plan.sites.added).toHaveLength(1);
  expect(plan.sites.changed).toHaveLength(1);
  expect(plan.sites.removed).toHaveLength(1);
  return { db, plan, secretValues: { new_key: 'sk_live_new_key_value' } };
}
/** Puts: 4 actions, 2 sites, the constants record, 1 secret. */
const PUTS = 8;

describe('applyImportPlan is all or nothing', () => {
  it('the busy plan, applied without a failure, changes every store it names', async () => {
    const { db, plan, secretValues } = await busyPlan();
    const before = await snapshot(db);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    await applyImportPlan(db, plan, { secretValues, now: NOW });
    expect(put).toHaveBeenCalledTimes(PUTS);
    put.mockRestore();
    const after = await snapshot(db);
    for (const store of ['actions', 'sites', 'settings', 'secrets']) expect(after[store]).not.toEqual(before[store]);
  });

  const failures = Array.from({ length: PUTS }, (_, index) => index + 1).flatMap((n) => [
    ['throws', n] as const,
    ['fails', n] as const,
  ]);

  it.each(failures)('a put that %s on call %i rejects and leaves every store as it was', async (how, failOn) => {
    const { db, plan, secretValues } = await busyPlan();
    const before = await snapshot(db);
    const original = IDBObjectStore.prototype.put;
    const add = IDBObjectStore.prototype.add;
    let calls = 0;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      calls++;
      if (calls !== failOn) return original.apply(this, args);
      if (how === 'throws') throw new DOMException('Injected failure', 'UnknownError');
      // A request that fails later, as a full disk would: the same key added twice in this transaction.
      original.apply(this, args);
      return add.apply(this, args);
    });
    try {
      await expect(applyImportPlan(db, plan, { secretValues, now: NOW })).rejects.toThrow(
        how === 'throws' ? 'Injected failure' : /.+/,
      );
    } finally {
      put.mockRestore();
    }
    expect(calls).toBe(how === 'throws' ? failOn : PUTS);
    expect(await snapshot(db)).toStrictEqual(before);
    // The same plan still applies afterwards: the failure was the injected one, and the transaction is gone.
    await applyImportPlan(db, plan, { secretValues, now: NOW });
    expect(await db.get('actions', 'c')).toBeDefined();
    expect(await db.get('actions', 'gone')).toBeUndefined();
  });

  it('a delete that throws rejects and leaves every store as it was', async () => {
    const { db, plan, secretValues } = await busyPlan();
    const before = await snapshot(db);
    const remove = vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => {
      throw new DOMException('Injected delete failure', 'UnknownError');
    });
    try {
      await expect(applyImportPlan(db, plan, { secretValues, now: NOW })).rejects.toThrow('Injected delete failure');
    } finally {
      remove.mockRestore();
    }
    expect(await snapshot(db)).toStrictEqual(before);
  });
});

// ——— Secrets typed in the preview ———

describe('secret values given to applyImportPlan', () => {
  it('are saved, and empty ones are skipped', async () => {
    const { db, plan } = await busyPlan();
    await applyImportPlan(db, plan, { secretValues: { new_key: 'sk_live_typed', other: '' }, now: NOW });
    expect(await db.get('secrets', 'new_key')).toEqual({ name: 'new_key', value: 'sk_live_typed', savedAt: NOW });
    expect(await db.get('secrets', 'other')).toBeUndefined();
    expect(await db.get('secrets', 'rundeck_token')).toEqual({ name: 'rundeck_token', value: 'tok-123', savedAt: 1 });
  });

  it.each([
    ['a multi-line value', { new_key: 'line one\nline two' }],
    ['a value with a NUL', { new_key: 'nul\0byte' }],
    ['a value over 4096 characters', { new_key: 'x'.repeat(4_097) }],
    ['a bad name', { 'New-Key': 'value' }],
  ])('%s makes apply throw before anything is written', async (_name, secretValues) => {
    const { db, plan } = await busyPlan();
    const before = await snapshot(db);
    await expect(applyImportPlan(db, plan, { secretValues, now: NOW })).rejects.toThrow();
    expect(await snapshot(db)).toStrictEqual(before);
  });
});
