import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import { type ImportPlan, planImport } from '@/lib/sharing/import-plan';
import { readLocalState } from '@/lib/storage/config-store';
import { getConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { saveSecret } from '@/lib/storage/secrets-store';
import {
  ALL,
  closeOpenedDatabases,
  configText,
  dbWith,
  fileAction,
  mustRead,
  NOW,
  own,
  SITE,
  snapshot,
} from '../../support/config-builders';

afterEach(closeOpenedDatabases);

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
    // And each store holds what the plan showed.
    expect((await db.getAll('actions')).map((action) => [action.id, action.url])).toEqual([
      ['a', 'https://hooks.example.com/a2'],
      ['b', 'https://hooks.example.com/b2'],
      ['c', 'https://hooks.example.com/deploy'],
      ['d', 'https://hooks.example.com/deploy'],
    ]);
    expect((await db.get('actions', 'd'))?.headers).toEqual([
      { name: 'X-Api-Key', value: '{{ secrets.new_key }}', secret: true },
    ]);
    expect((await db.getAll('sites')).map((site) => [site.id, site.name])).toEqual([
      ['oncall', 'Renamed portal'],
      ['second', 'On-call portal'],
    ]);
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'staging' }]);
    expect((await db.getAll('secrets')).map((secret) => [secret.name, secret.value])).toEqual([
      ['new_key', 'sk_live_new_key_value'],
      ['rundeck_token', 'tok-123'],
    ]);
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
    expect(await db.get('actions', 'c')).toMatchObject({ id: 'c', url: 'https://hooks.example.com/deploy' });
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
  it('are saved, bound to the origins of the imported actions that use them, and empty ones are skipped', async () => {
    const { db, plan } = await busyPlan();
    await applyImportPlan(db, plan, { secretValues: { new_key: 'sk_live_typed', other: '' }, now: NOW });
    expect(await db.get('secrets', 'new_key')).toEqual({
      name: 'new_key',
      value: 'sk_live_typed',
      savedAt: NOW,
      origins: ['https://hooks.example.com'],
    });
    expect(await db.get('secrets', 'other')).toBeUndefined();
    expect(await db.get('secrets', 'rundeck_token')).toEqual({
      name: 'rundeck_token',
      value: 'tok-123',
      savedAt: 1,
      origins: [],
    });
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
