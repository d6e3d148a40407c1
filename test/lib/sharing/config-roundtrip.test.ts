// Export → read → plan, for cases outside the generated ones (config-roundtrip.property.test.ts has those).
import { afterEach, describe, expect, it } from 'vitest';
import { exportConfig } from '@/lib/sharing/export-config';
import { planImport } from '@/lib/sharing/import-plan';
import { readLocalState } from '@/lib/storage/config-store';
import { ALL, closeOpenedDatabases, dbWith, mustRead, NOW, own } from '../../support/config-builders';

afterEach(closeOpenedDatabases);

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
});
