import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Database } from '@/lib/storage/database';
import { addFinalLogEntry, incidentRuns, pruneLog, recentLogEntries } from '@/lib/storage/log-store';
import { freshDatabase } from '../../support/builders';

function logEntry(createdAt: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `log-${createdAt}-${crypto.randomUUID()}`,
    actionId: 'a1',
    actionLabel: 'Restart',
    incident: { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' },
    outcome: 'delivered',
    attemptCount: 1,
    createdAt,
    ...overrides,
  };
}

const addEntry = (db: Database, entry: LogEntry) => addFinalLogEntry(db, entry, { id: entry.id, attempts: [] });

describe('log store', () => {
  it('adds a final entry with its details, and refuses the same invocation twice', async () => {
    const db = await freshDatabase();
    const entry = logEntry(10, { outcome: 'not-sent', attemptCount: 0 });
    expect(await addEntry(db, entry)).toBe(true);
    expect(await addFinalLogEntry(db, { ...entry, actionLabel: 'second' }, { id: entry.id, attempts: [] })).toBe(false);
    expect(await db.getAll('log')).toEqual([entry]);
    expect(await db.count('logDetails')).toBe(1);
  });

  it('lists the newest entries first, up to the limit', async () => {
    const db = await freshDatabase();
    // Inserted out of order: the index, not insertion order, decides.
    for (const createdAt of [30, 10, 50, 20, 40]) await addEntry(db, logEntry(createdAt));
    expect((await recentLogEntries(db)).map((entry) => entry.createdAt)).toEqual([50, 40, 30, 20, 10]);
    expect((await recentLogEntries(db, 2)).map((entry) => entry.createdAt)).toEqual([50, 40]);
    expect(await recentLogEntries(db, 0)).toEqual([]);
  });

  it('returns nothing from an empty log', async () => {
    const db = await freshDatabase();
    expect(await recentLogEntries(db)).toEqual([]);
  });

  it("lists one incident's runs with the start of their last answer, and no other incident's", async () => {
    const db = await freshDatabase();
    const mine = logEntry(20);
    await addFinalLogEntry(db, mine, {
      id: mine.id,
      attempts: [
        { number: 1, startedAt: 20, finishedAt: 21, outcome: 'rejected', httpStatus: 503, responseExcerpt: 'busy' },
        {
          number: 2,
          startedAt: 30,
          finishedAt: 31,
          outcome: 'delivered',
          httpStatus: 200,
          responseExcerpt: 'x'.repeat(900),
        },
      ],
    });
    await addEntry(db, logEntry(10));
    await addEntry(
      db,
      logEntry(30, { incident: { site: 'pagerduty', id: 'Q2', url: 'https://acme.pagerduty.com/incidents/Q2' } }),
    );
    await addEntry(
      db,
      logEntry(40, { incident: { site: 'opsgenie', id: 'Q1', url: 'https://acme.app.opsgenie.com/alert/detail/Q1' } }),
    );
    // The same id on another account is another incident.
    await addEntry(
      db,
      logEntry(50, { incident: { site: 'pagerduty', id: 'Q1', url: 'https://other.pagerduty.com/incidents/Q1' } }),
    );
    const runs = await incidentRuns(db, {
      site: 'pagerduty',
      id: 'Q1',
      url: 'https://acme.pagerduty.com/incidents/Q1',
    });
    expect(runs.map((run) => run.createdAt)).toEqual([20, 10]);
    expect(runs[0]?.lastResponse).toBe('x'.repeat(500));
    expect(runs[1]).not.toHaveProperty('lastResponse');
  });

  it('prunes final rows by age and count, oldest first, never a row still in the outbox', async () => {
    const db = await freshDatabase();
    for (const createdAt of [1, 2, 3, 4, 5, 6]) await addEntry(db, logEntry(createdAt));
    const pending = logEntry(0, { outcome: 'retrying' });
    await addEntry(db, pending);
    // Older than 3: 0 (pending, kept), 1 and 2. Then 3 rows at most, the pending one counted: 3 and 4 go too.
    expect(await pruneLog(db, { before: 3, keep: 3 })).toBe(4);
    expect((await db.getAll('log')).map((entry) => entry.createdAt).sort()).toEqual([0, 5, 6]);
    expect(await db.count('logDetails')).toBe(3);
    expect(await pruneLog(db, { keep: 10 })).toBe(0);
  });
});
