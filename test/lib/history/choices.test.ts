import { describe, expect, it } from 'vitest';
import { filterChoices } from '@/lib/history/choices';
import { freshDatabase } from '../../support/builders';
import { historyRun as run } from '../../support/log-entries';

describe('filterChoices', () => {
  it('offers the actions and sites the log has, once each, sorted; an existing action by its current label', async () => {
    const db = await freshDatabase();
    for (const entry of [
      run({ actionId: 'page', actionLabel: 'Page the DBA' }),
      run({ actionId: 'restart', actionLabel: 'Restart (old name)' }),
      run({ actionId: 'page', actionLabel: 'Page the DBA', incident: { site: 'opsgenie', id: 'O', url: 'x' } }),
      run({ actionId: 'gone', actionLabel: 'Deleted action' }),
    ])
      await db.put('log', entry);
    const choices = await filterChoices(db, new Map([['restart', 'Restart server']]));
    expect(choices).toEqual({
      actions: [
        { id: 'gone', label: 'Deleted action' },
        { id: 'page', label: 'Page the DBA' },
        { id: 'restart', label: 'Restart server' },
      ],
      sites: ['opsgenie', 'pagerduty'],
    });
    expect(await filterChoices(await freshDatabase(), new Map())).toEqual({ actions: [], sites: [] });
  });
});
