import { describe, expect, it } from 'vitest';
import { listApiAccess, saveApiAccess } from '@/lib/storage/api-access-store';
import { freshDatabase } from '../../support/builders';
import { pagerDutyAccess as access } from '../../support/pagerduty-rest';

describe('the saved API token store', () => {
  it('is listed by its last four characters only', async () => {
    const db = await freshDatabase();
    await saveApiAccess(db, access());
    const listed = await listApiAccess(db);
    expect(listed).toEqual([{ site: 'pagerduty', base: 'https://api.pagerduty.com', tokenEnd: '1234', savedAt: 1 }]);
    expect(JSON.stringify(listed)).not.toContain('SeCrEt');
  });
});
