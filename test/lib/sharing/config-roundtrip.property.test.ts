// Export → read → plan → apply over generated configs (fast-check): nothing is lost, no inline secret leaves.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import { secretsUsed } from '@/lib/render/secrets-used';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import type { ConfigFile } from '@/lib/sharing/config-file';
import { exportConfig } from '@/lib/sharing/export-config';
import { type ImportMode, planImport } from '@/lib/sharing/import-plan';
import { secretReference } from '@/lib/sharing/read-config';
import { readLocalState } from '@/lib/storage/config-store';
import { getConstants } from '@/lib/storage/constants-store';
import { listSecrets } from '@/lib/storage/secrets-store';
import { INLINE_SECRET_PREFIX, localConfigArb } from '../../support/config-arbitraries';
import {
  closeOpenedDatabases,
  everyOrigin,
  mustRead,
  NOW,
  openDb,
  seedLocal,
  snapshot,
} from '../../support/config-builders';

/** fast-check runs import and apply a hundred configs: more than the default 5 s. */
const PROPERTY_TIMEOUT = 120_000;

afterEach(closeOpenedDatabases);

const isInline = (header: Action['headers'][number]) => header.secret && header.value.startsWith(INLINE_SECRET_PREFIX);

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
