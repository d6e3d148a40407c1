import { afterEach, describe, expect, it } from 'vitest';
import { exportConfig, type LocalConfig } from '@/lib/sharing/export-config';
import { readConfig } from '@/lib/sharing/read-config';
import { readLocalState } from '@/lib/storage/config-store';
import { closeOpenedDatabases, dbWith, NOW, own, SITE, SUB } from '../../support/config-builders';

afterEach(closeOpenedDatabases);

describe('exportConfig', () => {
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
