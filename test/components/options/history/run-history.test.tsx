import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RunHistory } from '@/components/options/history/RunHistory';
import { ROW_HEIGHT } from '@/components/options/history/RunList';
import type { Result } from '@/lib/core/result';
import { announceChange } from '@/lib/messaging/change-signals';
import type { Delivery } from '@/lib/messaging/messages';
import type { LogDetails, LogEntry } from '@/lib/model/log-entry';
import { MASK } from '@/lib/render/mask';
import type { Database } from '@/lib/storage/database';
import { getRetention } from '@/lib/storage/retention-store';
import { saveSecret } from '@/lib/storage/secrets-store';
import { freshDatabase } from '../../../support/builders';
import { buttonNamed, byLabel, choose, click, type, until } from '../../../support/ui';

const DAY = 24 * 60 * 60 * 1000;
/** The list's height in the tests (happy-dom lays nothing out): 600 / 36 = 16.7 rows in view. */
const LIST_HEIGHT = 600;

let db: Database;
let container: HTMLElement;

beforeEach(async () => {
  db = await freshDatabase();
  container = document.createElement('div');
  document.body.append(container);
  // The virtualizer reads the scrolling element's clientHeight; give the list (only) a height.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('history-list') ? LIST_HEIGHT : 0;
  });
});

afterEach(() => {
  render(null, container);
  container.remove();
  db.close();
  fakeBrowser.reset();
});

function makeRun(overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: crypto.randomUUID(),
    actionId: 'restart',
    actionLabel: 'Restart server',
    incident: {
      site: 'pagerduty',
      id: 'Q1DBFULL7X2M',
      title: 'Database disk full on db-prod-3',
      url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M',
    },
    outcome: 'delivered',
    httpStatus: 200,
    latencyMs: 80,
    attemptCount: 1,
    createdAt: Date.now() - 60_000,
    finishedAt: Date.now() - 59_000,
    ...overrides,
  };
}

async function seed(entries: LogEntry[], details: LogDetails[] = []) {
  for (const entry of entries) await db.put('log', entry);
  for (const detail of details) await db.put('logDetails', detail);
}

/** Many rows at once: one transaction, as 10,000 separate ones would be slow in fake-indexeddb. */
async function seedMany(entries: LogEntry[]) {
  const tx = db.transaction('log', 'readwrite');
  await Promise.all([...entries.map((entry) => tx.store.put(entry)), tx.done]);
}

const showHistory = () => render(<RunHistory db={db} actions={[]} />, container);
const count = () => container.querySelector('.history-count')?.textContent;
const countIs = (text: string) => until(() => count() === text, `the count "${text}"`);
const rows = () => [...container.querySelectorAll<HTMLElement>('.history-list .history-row')];

const search = () => byLabel('Search history');

describe('RunHistory', () => {
  it('counts the runs, narrows them as one types and filters, and reloads when the log changes', async () => {
    await seed([
      makeRun({ id: 'a', createdAt: 3_000 }),
      makeRun({ id: 'b', actionId: 'page', actionLabel: 'Page the DBA', outcome: 'rejected', httpStatus: 403 }),
      makeRun({ id: 'c', incident: { site: 'opsgenie', id: 'OG-7', title: 'Replication lag', url: 'https://x' } }),
    ]);
    showHistory();
    await countIs('3 runs');
    expect(container.querySelector('h2')?.textContent).toBe('History');
    expect(rows()).toHaveLength(3);

    await type(search(), 'dba');
    await countIs('1 of 3 runs');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]?.textContent).toContain('Page the DBA');
    expect(rows()[0]?.textContent).toContain('Rejected · HTTP 403 · 1 attempt');

    await type(search(), 'replication lag');
    // The same count as the last search: wait for the row itself (a search reads the log, it is not synchronous).
    await until(() => rows()[0]?.textContent?.includes('OG-7'), 'the replication run');
    await countIs('1 of 3 runs');
    expect(rows()[0]?.textContent).toContain('OG-7');

    await type(search(), '');
    await countIs('3 runs');
    await choose('Site', 'opsgenie');
    await countIs('1 of 3 runs');
    await choose('Site', '');
    await choose('Outcome', 'delivered');
    await countIs('2 of 3 runs');
    await choose('Outcome', '');
    // The action filter offers the actions the log has.
    const actionOptions = [...container.querySelectorAll('select[aria-label="Action"] option')].map(
      (o) => o.textContent,
    );
    expect(actionOptions).toEqual(['All actions', 'Page the DBA', 'Restart server']);
    await choose('Action', 'page');
    await countIs('1 of 3 runs');
    await choose('Action', '');

    // A run logged elsewhere (the background), announced: the list reloads.
    await seed([makeRun({ id: 'd', actionLabel: 'Brand new run' })]);
    await act(() => announceChange('logChangedAt'));
    await countIs('4 runs');
    expect(container.querySelector('.history-list')?.textContent).toContain('Brand new run');
  });

  it('renders only the rows in view of 10,000 runs, and the ones scrolled to', async () => {
    const now = Date.now();
    await seedMany(
      Array.from({ length: 10_000 }, (_, i) =>
        makeRun({
          id: `run-${i}`,
          createdAt: now - i * 1_000,
          incident: { site: 'pagerduty', id: `INC-${i}`, url: 'https://x' },
          attemptCount: 2,
        }),
      ),
    );
    showHistory();
    await countIs('10,000 runs');

    const list = container.querySelector<HTMLElement>('.history-list');
    expect(list?.querySelector('ul')?.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);
    const visible = Math.ceil(LIST_HEIGHT / ROW_HEIGHT);
    expect(rows().length).toBeGreaterThanOrEqual(visible);
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]?.textContent).toContain('INC-0');
    expect(rows()[0]?.textContent).toContain('Delivered · HTTP 200 · 2 attempts');
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('10000');

    // Scrolled to row 5,000: those rows, and none from the top.
    await act(() => {
      if (!list) throw new Error('no list');
      list.scrollTop = 5_000 * ROW_HEIGHT;
      list.dispatchEvent(new Event('scroll'));
    });
    await until(() => rows().some((row) => row.getAttribute('aria-posinset') === '5001'), 'row 5,001');
    expect(rows().length).toBeLessThan(40);
    expect(rows().some((row) => row.textContent?.includes('INC-5000'))).toBe(true);
    expect(rows().some((row) => row.getAttribute('aria-posinset') === '1')).toBe(false);
    // The jump read the rows up to there, a page past them, and no further (the last 4,900 never).
    expect(rows().every((row) => !row.classList.contains('history-row-loading'))).toBe(true);
  }, 30_000); // fake-indexeddb reads the 5,000 rows down to the scrolled-to one slowly: seconds, not a browser's ms

  it('says "at least" while a search has not read the whole log, and reads on as the list scrolls', async () => {
    const now = Date.now();
    await seedMany(
      Array.from({ length: 5_000 }, (_, i) =>
        makeRun({ id: `run-${i}`, createdAt: now - i * 1_000, who: i === 4_321 ? 'Ada' : 'Dana Ops' }),
      ),
    );
    showHistory();
    await countIs('5,000 runs');
    // One run matches, at the far end: read in steps, then counted exactly.
    await type(search(), 'ada');
    await countIs('1 of 5,000 runs');
    expect(rows().map((row) => row.textContent?.includes('Ada'))).toEqual([true]);

    // Every run matches: only the screen and a page past it are read, and the count says so.
    await type(search(), 'dana');
    const first = await until(
      () => count()?.match(/^at least (\d+) of 5,000 runs match; scroll for more$/),
      'at least',
    );
    const loaded = Number(first[1]);
    expect(loaded).toBeGreaterThanOrEqual(60);
    expect(loaded).toBeLessThan(200);
    const list = container.querySelector<HTMLElement>('.history-list');
    await act(() => {
      if (!list) throw new Error('no list');
      list.scrollTop = (loaded - 10) * ROW_HEIGHT;
      list.dispatchEvent(new Event('scroll'));
    });
    await until(() => {
      const more = count()?.match(/^at least (\d+) of/);
      return more && Number(more[1]) > loaded;
    }, 'more runs read');
  }, 30_000);

  it('opens a run: its request, each attempt, its note', async () => {
    const entry = makeRun({
      id: 'opened',
      attemptCount: 2,
      note: { outcome: 'failed', error: 'PagerDuty answered 401' },
    });
    await seed(
      [entry, makeRun({ id: 'other', actionLabel: 'Other action' })],
      [
        {
          id: 'opened',
          request: {
            method: 'POST',
            url: 'https://hooks.example.com/run/Q1DBFULL7X2M',
            headers: [['Authorization', 'Bearer ••••••']],
            body: '{"incident_id":"Q1DBFULL7X2M"}',
          },
          attempts: [
            {
              number: 1,
              startedAt: 1_000,
              finishedAt: 1_500,
              outcome: 'failed',
              httpStatus: 503,
              latencyMs: 500,
              error: 'Service Unavailable',
            },
            {
              number: 2,
              startedAt: 61_000,
              finishedAt: 61_090,
              outcome: 'delivered',
              httpStatus: 200,
              latencyMs: 90,
              responseHeaders: [['content-type', 'application/json']],
              responseExcerpt: '{"job":"job-42"}',
            },
          ],
        },
      ],
    );
    showHistory();
    await countIs('2 runs');
    expect(container.querySelector('.run-details')).toBeNull();

    const row = rows().find((r) => r.textContent?.includes('Restart server'));
    await act(() => row?.querySelector('button')?.click());
    const attempts = await until(() => {
      const found = container.querySelectorAll('.run-details table.attempts > tbody > tr');
      return found.length > 0 && found;
    }, 'attempts');
    expect(attempts).toHaveLength(2);
    const [first, second] = [...attempts].map((tr) => [...tr.children].map((td) => td.textContent?.trim()));
    expect(first?.slice(2, 6)).toEqual(['Failed, retried', '503', '500 ms', 'Service Unavailable']);
    expect(first?.[0]).toBe('1');
    expect(second?.slice(2, 5)).toEqual(['Delivered', '200', '90 ms']);
    expect(attempts[1]?.querySelector('pre')?.textContent).toBe('{"job":"job-42"}');
    expect(attempts[1]?.querySelector('details summary')?.textContent).toBe('Headers (1)');
    expect(attempts[1]?.querySelector('details')?.textContent).toContain('application/json');

    const details = container.querySelector('.run-details')?.textContent ?? '';
    expect(details).toContain('POST https://hooks.example.com/run/Q1DBFULL7X2M');
    expect(details).toContain('Bearer ••••••');
    expect(details).toContain('{"incident_id":"Q1DBFULL7X2M"}');
    expect(details).toContain('Not posted: PagerDuty answered 401');

    await click('Close');
    expect(container.querySelector('.run-details')).toBeNull();
  });

  it('renders hostile text as text, and links only web addresses', async () => {
    const hostile = '<img src=x onerror="window.__hacked=1">';
    await seed([
      makeRun({
        id: 'evil',
        actionLabel: hostile,
        incident: { site: 'pagerduty', id: 'P1', title: hostile, url: 'javascript:alert(1)' },
      }),
    ]);
    showHistory();
    await countIs('1 run');
    expect(container.querySelector('.history-list img')).toBeNull();
    expect(rows()[0]?.textContent).toContain(hostile);
    await act(() => rows()[0]?.querySelector('button')?.click());
    await until(() => container.querySelector('.run-details'), 'details');
    expect(container.querySelector('.run-details img')).toBeNull();
    expect(container.querySelector('.run-details a')).toBeNull();
  });

  it('asks before sending a run again, then asks the background and shows its answer', async () => {
    const entry = makeRun({ id: 'to-resend', actionLabel: 'Restart server' });
    await seed(
      [entry],
      [
        {
          id: 'to-resend',
          request: { method: 'POST', url: 'https://hooks.example.com/run/Q1', headers: [] },
          attempts: [{ number: 1, startedAt: 1, finishedAt: 2, outcome: 'delivered', httpStatus: 200 }],
          incident: { site: 'pagerduty', id: 'Q1DBFULL7X2M', url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M' },
        },
      ],
    );
    const reply: Result<Delivery> = {
      ok: true,
      value: { logId: 'new-run', outcome: 'delivered', httpStatus: 200, attemptCount: 1 },
    };
    const sendMessage = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementation((() => Promise.resolve(reply)) as typeof fakeBrowser.runtime.sendMessage);

    showHistory();
    await countIs('1 run');
    await act(() => rows()[0]?.querySelector('button')?.click());
    await until(() => buttonNamed('Re-send'), 'Re-send');

    await click('Re-send');
    const question = container.querySelector('.confirm-resend')?.textContent;
    expect(question).toContain(
      'Send “Restart server” again for incident Q1DBFULL7X2M? It goes to https://hooks.example.com/run/Q1',
    );
    expect(document.activeElement?.textContent).toBe('Cancel');
    await click('Cancel');
    expect(container.querySelector('.confirm-resend')).toBeNull();
    expect(sendMessage).not.toHaveBeenCalled();

    await click('Re-send');
    await click('Send again');
    const result = await until(() => container.querySelector('.resend-result'), 'the answer');
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage.mock.calls[0]?.[0]).toEqual({ type: 'resend', logId: 'to-resend' });
    expect(result.textContent).toBe('Sent again: Delivered · HTTP 200 · 1 attempt');

    // A refusal is shown as such.
    sendMessage.mockImplementation((() =>
      Promise.resolve({
        ok: false,
        error: 'This run is no longer in the history',
      })) as typeof fakeBrowser.runtime.sendMessage);
    await click('Re-send');
    await click('Send again');
    const refusal = await until(() => container.querySelector('.resend [role="alert"]'), 'the refusal');
    expect(refusal.textContent).toBe('This run is no longer in the history');
    expect(sendMessage).toHaveBeenCalledTimes(2);
  });

  it('cannot send again a run logged without its values', async () => {
    await seed([makeRun({ id: 'bare' })], [{ id: 'bare', attempts: [] }]);
    showHistory();
    await countIs('1 run');
    await act(() => rows()[0]?.querySelector('button')?.click());
    const button = await until(() => buttonNamed('Re-send'), 'Re-send');
    expect(button.disabled).toBe(true);
    expect(container.querySelector('.resend')?.textContent).toContain('cannot be sent again');
  });

  it('validates the retention limits at their fields, then saves them and prunes', async () => {
    const now = Date.now();
    await seed([
      ...Array.from({ length: 5 }, (_, i) => makeRun({ id: `old-${i}`, createdAt: now - (40 + i) * DAY })),
      ...Array.from({ length: 3 }, (_, i) => makeRun({ id: `new-${i}`, createdAt: now - i * DAY })),
      // Still in the outbox: never pruned, however old.
      makeRun({ id: 'old-pending', outcome: 'retrying', createdAt: now - 50 * DAY }),
    ]);
    showHistory();
    await countIs('9 runs');
    const maxEntries = await until(
      () => container.querySelector<HTMLInputElement>('#retention-maxEntries'),
      'the form',
    );
    const maxAgeDays = container.querySelector<HTMLInputElement>('#retention-maxAgeDays');
    if (!maxAgeDays) throw new Error('no age field');
    expect(maxEntries.value).toBe('100000');
    expect(maxAgeDays.value).toBe('180');
    const errorAt = (input: HTMLInputElement) => input.closest('.field')?.querySelector('.field-error')?.textContent;

    await type(maxEntries, '50');
    await type(maxAgeDays, '');
    await click('Save');
    expect(errorAt(maxEntries)).toBe('Keep at least 100');
    expect(maxEntries.getAttribute('aria-invalid')).toBe('true');
    expect(errorAt(maxAgeDays)).toBe('Enter a whole number');
    await type(maxAgeDays, '2.5');
    await click('Save');
    expect(errorAt(maxAgeDays)).toBeTruthy();
    expect(await getRetention(db)).toEqual({ maxEntries: 100_000, maxAgeDays: 180 });
    expect(await db.count('log')).toBe(9);

    await type(maxEntries, '100');
    await type(maxAgeDays, '30');
    await click('Save');
    await until(() => container.querySelector('.retention [role="status"]'), 'the result');
    expect(container.querySelector('.retention [role="status"]')?.textContent).toBe('Saved. Removed 5 runs.');
    expect(errorAt(maxEntries)).toBeUndefined();
    expect(await getRetention(db)).toEqual({ maxEntries: 100, maxAgeDays: 30 });
    expect((await db.getAllKeys('log')).sort()).toEqual(['new-0', 'new-1', 'new-2', 'old-pending']);
    await countIs('4 runs');
  });

  it('says when the disk was full, until dismissed', async () => {
    await fakeBrowser.storage.local.set({ storageNotice: { at: Date.UTC(2025, 0, 2, 3, 4), pruned: 1_200 } });
    showHistory();
    const banner = await until(() => container.querySelector('.storage-notice'), 'the notice');
    expect(banner.textContent).toMatch(
      /^The disk was full on .+: the 1,200 oldest runs were removed to keep sending\./,
    );
    await click('Dismiss');
    await until(() => !container.querySelector('.storage-notice'), 'the notice to go');
    expect(await fakeBrowser.storage.local.get('storageNotice')).toEqual({ storageNotice: undefined });

    // A new notice (the background pruned again) shows without a reload.
    await act(() => fakeBrowser.storage.local.set({ storageNotice: { at: Date.now(), pruned: 1 } }));
    const again = await until(() => container.querySelector('.storage-notice'), 'the new notice');
    expect(again.textContent).toContain('the oldest run was removed');
  });

  it('exports the runs shown: CSV, and JSON with their details', async () => {
    await seed(
      [
        makeRun({ id: 'x', actionLabel: 'Page the DBA' }),
        makeRun({ id: 'y', actionLabel: '=HYPERLINK("http://evil")' }),
      ],
      [
        {
          id: 'x',
          // Logged before answers were masked: the receiver echoed the saved secret.
          attempts: [
            { number: 1, startedAt: 1, outcome: 'delivered', httpStatus: 200, responseExcerpt: 'SK-OLD-ECHO-91' },
          ],
        },
      ],
    );
    await saveSecret(db, { name: 'api_key', value: 'sk-old-echo-91', savedAt: 1 });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    showHistory();
    await countIs('2 runs');

    await click('Export CSV');
    await until(() => blobs.length === 1, 'the CSV export');
    const csv = await blobs[0]?.text();
    expect(csv?.split('\r\n')).toHaveLength(4); // header, 2 runs, final CRLF
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);

    await type(search(), 'dba');
    await countIs('1 of 2 runs');
    await click('Export JSON');
    await until(() => blobs.length === 2, 'the JSON export');
    const document = JSON.parse((await blobs[1]?.text()) ?? '');
    expect(document.format).toBe('incident-actions-history');
    expect(document.runs.map((run: LogEntry) => run.id)).toEqual(['x']);
    expect(document.runs[0].attempts).toEqual([
      { number: 1, startedAt: 1, outcome: 'delivered', httpStatus: 200, responseExcerpt: MASK },
    ]);
  });
});
