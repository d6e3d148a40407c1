// A file written by an earlier release, migrated as it is read, then planned and applied.
import { afterEach, describe, expect, it } from 'vitest';
import { applyImportPlan } from '@/lib/sharing/apply-plan';
import { planImport } from '@/lib/sharing/import-plan';
import { readLocalState } from '@/lib/storage/config-store';
import { closeOpenedDatabases, importText, mustRead, NOW, openDb, seededDb } from '../../support/config-builders';

afterEach(closeOpenedDatabases);

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
      origins: ['https://rundeck.acme.test'],
    });
  });

  it('imported into an empty database, the header reads the secret typed in the preview', async () => {
    const db = await openDb();
    await importText(db, v1, { secretValues: { x_api_key: 'typed' } });
    expect(await db.get('secrets', 'x_api_key')).toEqual({
      name: 'x_api_key',
      value: 'typed',
      savedAt: NOW,
      origins: ['https://rundeck.acme.test'],
    });
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
