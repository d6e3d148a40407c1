import { describe, expect, it } from 'vitest';
import { onChange } from '@/lib/messaging/change-signals';
import { listSiteFixes, resetOwnFix, saveOwnFix } from '@/lib/storage/site-fixes-store';
import { freshDatabase } from '../../support/builders';

describe('the site fixes store', () => {
  it('adds a picked dock and fields to the user’s own fix, a field picked again replacing the old one', async () => {
    const db = await freshDatabase();
    const announced: number[] = [];
    const stop = onChange('actionsChangedAt', () => announced.push(1));
    await saveOwnFix(db, 'incident-io', { dockSelector: '[class*="IncidentPage_buttons__"]' }, 10);
    await saveOwnFix(db, 'incident-io', { field: { field: 'title', selector: 'h2' } }, 11);
    const saved = await saveOwnFix(
      db,
      'incident-io',
      { field: { field: 'title', selector: '[data-testid="name"]' } },
      12,
    );
    expect(saved).toEqual({
      ok: true,
      fix: {
        id: 'incident-io',
        site: 'incident-io',
        dockSelector: '[class*="IncidentPage_buttons__"]',
        fields: [{ field: 'title', selector: '[data-testid="name"]' }],
        updatedAt: 12,
      },
    });
    await expect.poll(() => announced.length).toBeGreaterThanOrEqual(1);
    stop();
    await resetOwnFix(db, 'incident-io');
    expect(await listSiteFixes(db)).toEqual([]);
  });

  it('writes nothing where an admin locked the site, and says who', async () => {
    const db = await freshDatabase();
    await db.put('siteFixes', {
      id: 'policy:pagerduty',
      site: 'pagerduty',
      fields: [],
      managedBy: { kind: 'policy' },
      updatedAt: 1,
    });
    const refused = await saveOwnFix(db, 'pagerduty', { dockSelector: '#elsewhere' }, 2);
    expect(refused).toEqual({ ok: false, error: "Your organization's policy fixes how this site is read" });
    expect((await listSiteFixes(db)).map((fix) => fix.id)).toEqual(['policy:pagerduty']);
  });

  it('refuses a selector past its bound before writing', async () => {
    const db = await freshDatabase();
    await expect(saveOwnFix(db, 'pagerduty', { dockSelector: 'a'.repeat(600) }, 1)).rejects.toThrow();
    expect(await listSiteFixes(db)).toEqual([]);
  });
});
