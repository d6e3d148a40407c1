import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Database } from '@/lib/storage/database';
import {
  addFinalLogEntry,
  countLog,
  incidentRuns,
  type LogPosition,
  logActions,
  logSites,
  pruneLog,
  walkLog,
} from '@/lib/storage/log-store';
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

  it('walks the newest entries first, from just after the last one read, within its budget', async () => {
    const db = await freshDatabase();
    // Inserted out of order: the index, not insertion order, decides. Two share a time: the greater id first.
    for (const [createdAt, id] of [
      [30, 'c'],
      [10, 'a'],
      [50, 'e'],
      [20, 'b'],
      [40, 'd'],
      [30, 'z'],
    ] as const)
      await addEntry(db, logEntry(createdAt, { id }));
    const walk = async (after: LogPosition | undefined, budget: number, notBefore?: number) => {
      const seen: string[] = [];
      const result = await walkLog(db, { after, budget, notBefore }, (entry) => seen.push(entry.id) > 0);
      return { seen, ...result };
    };
    const all = await walk(undefined, 100);
    expect(all.seen).toEqual(['e', 'd', 'z', 'c', 'b', 'a']);
    expect(all.ended).toBe(true);

    const first = await walk(undefined, 3);
    expect(first).toMatchObject({ seen: ['e', 'd', 'z'], ended: false, read: 3, last: { createdAt: 30, id: 'z' } });
    const second = await walk(first.last, 3);
    expect(second.seen).toEqual(['c', 'b', 'a']);
    // The last row read was deleted meanwhile: the walk goes on from where it was, not from an offset.
    await db.delete('log', 'z');
    expect((await walk(first.last, 100)).seen).toEqual(['c', 'b', 'a']);
    await db.delete('log', 'e');
    expect((await walk({ createdAt: 50, id: 'e' }, 100)).seen).toEqual(['d', 'c', 'b', 'a']);
    // Not older than a time; and `visit` stops the walk.
    expect(await walk(undefined, 100, 30)).toMatchObject({ seen: ['d', 'c'], ended: true });
    const stopped = await walkLog(db, { budget: 100 }, () => false);
    expect(stopped).toMatchObject({ read: 1, ended: false, last: { id: 'd' } });
  });

  it('walks nothing in an empty log', async () => {
    const db = await freshDatabase();
    expect(await walkLog(db, { budget: 10 }, () => true)).toEqual({ last: undefined, ended: true, read: 0 });
    expect(await countLog(db)).toBe(0);
  });

  it('counts by the index, and names each action and site once from the indexes', async () => {
    const db = await freshDatabase();
    await addEntry(db, logEntry(10, { actionId: 'b', actionLabel: 'Page' }));
    await addEntry(db, logEntry(20, { actionId: 'a', incident: { site: 'opsgenie', id: 'O1', url: 'https://x' } }));
    await addEntry(
      db,
      logEntry(30, { actionId: 'b', actionLabel: 'Page', incident: { site: 'zz', id: 'Z', url: 'x' } }),
    );
    await addEntry(db, logEntry(40, { incident: { site: 'pagerduty', id: 'Q2', url: 'https://x' } }));
    expect(await countLog(db)).toBe(4);
    expect(await countLog(db, 20)).toBe(3);
    expect(await countLog(db, 41)).toBe(0);
    expect(await logActions(db)).toEqual([
      { id: 'a', label: 'Restart' },
      { id: 'a1', label: 'Restart' },
      { id: 'b', label: 'Page' },
    ]);
    expect(await logSites(db)).toEqual(['opsgenie', 'pagerduty', 'zz']);
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
