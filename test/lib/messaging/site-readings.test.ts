import { describe, expect, it } from 'vitest';
import { nextReading, readSiteReadings, reportReading } from '@/lib/messaging/site-readings';

describe("a site's reading, for the options page", () => {
  it('remembers the fields its pages gave and names the ones the last page stopped giving', () => {
    const first = nextReading(
      undefined,
      { docked: true, dockFrom: 'site', fields: { title: 'page', status: 'page', priority: 'none' } },
      1,
    );
    expect(first).toMatchObject({ seen: ['title', 'status'], lost: [] });
    const changed = nextReading(first, { docked: false, fields: { title: 'fix', status: 'none', priority: 'api' } }, 2);
    expect(changed).toEqual({
      docked: false,
      fields: { title: 'fix', status: 'none', priority: 'api' },
      seen: ['title', 'status'],
      lost: ['status'],
      checkedAt: 2,
    });
  });

  it('is written when it says something new, not on every page', async () => {
    const writes: unknown[] = [];
    const { browser } = await import('wxt/browser');
    const listener = (changes: Record<string, unknown>) => writes.push(changes);
    browser.storage.onChanged.addListener(listener);
    await reportReading('pagertree', { docked: true, dockFrom: 'site', fields: { title: 'page' } });
    await reportReading('pagertree', { docked: true, dockFrom: 'site', fields: { title: 'page' } });
    await reportReading('pagertree', { docked: false, fields: { title: 'none' } });
    await expect.poll(() => writes.length).toBe(2);
    expect((await readSiteReadings()).pagertree).toMatchObject({ docked: false, lost: ['title'] });
    browser.storage.onChanged.removeListener(listener);
  });
});
