import { describe, expect, it } from 'vitest';
import { pruneByRetention, saveRetention } from '@/lib/storage/retention-store';
import { freshDatabase } from '../../support/builders';
import { endedRun } from '../../support/log-entries';

describe('retention', () => {
  it('keeps the newest runs within the count and the age the user set', async () => {
    const db = await freshDatabase();
    const day = 24 * 60 * 60 * 1000;
    const now = 400 * day;
    // One run a day for 200 days: the default keeps 180 days (and 100,000 runs).
    for (let i = 0; i < 200; i++) await db.put('log', endedRun({ id: `r-${i}`, createdAt: now - i * day }));
    expect(await pruneByRetention(db, now)).toBe(19);
    await saveRetention(db, { maxEntries: 100, maxAgeDays: 30 });
    expect(await pruneByRetention(db, now)).toBe(150);
    expect(await db.count('log')).toBe(31);
    await saveRetention(db, { maxEntries: 100, maxAgeDays: 3650 });
    for (let i = 0; i < 100; i++) await db.put('log', endedRun({ id: `n-${i}`, createdAt: now + 1 + i }));
    expect(await pruneByRetention(db, now)).toBe(31);
    expect((await db.getAll('log')).every((entry) => entry.id.startsWith('n-'))).toBe(true);
    await expect(saveRetention(db, { maxEntries: 5, maxAgeDays: 30 })).rejects.toThrow('Keep at least 100');
  });
});
