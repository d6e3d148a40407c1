import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { announceChange, onChange } from '@/lib/messaging/change-signals';
import type { Action } from '@/lib/model/action';
import type { LogEntry } from '@/lib/model/log-entry';
import { deleteAction, getAction, listActions, saveAction } from '@/lib/storage/actions-store';
import { type Database, DB_VERSION, openDatabase } from '@/lib/storage/database';
import { addFinalLogEntry, incidentRuns, pruneLog, recentLogEntries } from '@/lib/storage/log-store';
import { freshDatabase, makeAction } from '../../support/builders';

const STORES = ['actions', 'apiAccess', 'log', 'logDetails', 'outbox', 'secrets', 'settings', 'sites', 'subscriptions'];

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

describe('openDatabase', () => {
  it('creates the actions, log, sites and API-token stores and the log index', async () => {
    const db = await freshDatabase();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    const tx = db.transaction(['actions', 'log']);
    expect(tx.objectStore('actions').keyPath).toBe('id');
    expect(tx.objectStore('log').keyPath).toBe('id');
    expect([...tx.objectStore('log').indexNames].sort()).toEqual(['byCreatedAt', 'byIncident']);
    expect(tx.objectStore('log').index('byCreatedAt').keyPath).toBe('createdAt');
    db.close();
  });

  it('reopens an existing database without migrating it again or losing data', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const first = await openDatabase(name);
    const action = await saveAction(first, makeAction());
    first.close();

    const second = await openDatabase(name);
    expect(second.version).toBe(DB_VERSION);
    expect([...second.objectStoreNames].sort()).toEqual(STORES);
    expect(await listActions(second)).toEqual([action]);
    second.close();
  });

  it('upgrades a version-1 database (actions and log only) and keeps its data', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const action = makeAction();
    // What an install from before the sites store wrote, made by hand at version 1.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('actions', { keyPath: 'id' }).put(action);
        request.result.createObjectStore('log', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const upgraded = await openDatabase(name);
    expect(upgraded.version).toBe(DB_VERSION);
    expect([...upgraded.objectStoreNames].sort()).toEqual(STORES);
    expect(await listActions(upgraded)).toEqual([action]);
    upgraded.close();
  });

  it('closes itself when another context needs a newer version', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = await openDatabase(name);
    // Would block forever (and time out) if the open connection did not give way.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(upgraded.version).toBe(DB_VERSION + 1);
    upgraded.close();
    old.close();
  });
});

describe('the v6 upgrade', () => {
  it('splits v5 log rows into a row and its details, and ends an interrupted one', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const incident = { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' };
    const request = { method: 'POST', url: 'https://hooks.example.com/', headers: [['X-Auth', '••••']], body: '{}' };
    const v5Rows = [
      {
        id: 'a',
        actionId: 'x',
        actionLabel: 'Restart',
        incident,
        request,
        outcome: 'delivered',
        httpStatus: 200,
        latencyMs: 12,
        responseExcerpt: 'ok',
        createdAt: 1,
        finishedAt: 2,
      },
      {
        id: 'b',
        actionId: 'x',
        actionLabel: 'Restart',
        incident,
        request,
        outcome: 'not-sent',
        error: 'Not allowed',
        createdAt: 3,
        finishedAt: 3,
      },
      { id: 'c', actionId: 'x', actionLabel: 'Restart', incident, request, outcome: 'sending', createdAt: 4 },
    ];
    // A v5 database as the previous release wrote it, made by hand with every v1–v5 store.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, 5);
      open.onupgradeneeded = () => {
        const raw = open.result;
        raw.createObjectStore('actions', { keyPath: 'id' });
        const log = raw.createObjectStore('log', { keyPath: 'id' });
        log.createIndex('byCreatedAt', 'createdAt');
        for (const row of v5Rows) log.put(row);
        raw.createObjectStore('sites', { keyPath: 'id' });
        raw.createObjectStore('apiAccess', { keyPath: 'site' });
        raw.createObjectStore('settings', { keyPath: 'key' });
        raw.createObjectStore('secrets', { keyPath: 'name' });
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const db = await openDatabase(name);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    expect(await db.get('log', 'a')).toEqual({
      id: 'a',
      actionId: 'x',
      actionLabel: 'Restart',
      incident,
      outcome: 'delivered',
      httpStatus: 200,
      latencyMs: 12,
      attemptCount: 1,
      createdAt: 1,
      finishedAt: 2,
    });
    expect(await db.get('logDetails', 'a')).toEqual({
      id: 'a',
      request,
      attempts: [
        {
          number: 1,
          startedAt: 1,
          finishedAt: 2,
          outcome: 'delivered',
          httpStatus: 200,
          latencyMs: 12,
          responseExcerpt: 'ok',
        },
      ],
    });
    expect(await db.get('log', 'b')).toMatchObject({ outcome: 'not-sent', attemptCount: 0 });
    expect(await db.get('logDetails', 'b')).toMatchObject({ attempts: [] });
    expect(await db.get('log', 'c')).toMatchObject({
      outcome: 'failed',
      error: 'Interrupted by an update of the extension',
    });
    expect((await db.get('logDetails', 'c'))?.attempts[0]).toMatchObject({ outcome: 'interrupted' });
    expect(await db.getAllFromIndex('log', 'byIncident', ['pagerduty', 'Q1'])).toHaveLength(3);
    db.close();
  });
});

describe('actions store', () => {
  it('saves, lists oldest first, updates, reads and deletes actions', async () => {
    const db = await freshDatabase();
    const later = await saveAction(db, makeAction({ label: 'Later', createdAt: 2_000 }));
    const earlier = await saveAction(db, makeAction({ label: 'Earlier', createdAt: 1_000 }));
    expect(await listActions(db)).toEqual([earlier, later]);

    const renamed = await saveAction(db, { ...later, label: 'Renamed', updatedAt: 3_000 });
    expect(await getAction(db, later.id)).toEqual(renamed);
    expect(await listActions(db)).toHaveLength(2);

    await deleteAction(db, earlier.id);
    expect(await getAction(db, earlier.id)).toBeUndefined();
    expect(await listActions(db)).toEqual([renamed]);
  });

  it('stores the parsed (trimmed) action', async () => {
    const db = await freshDatabase();
    const saved = await saveAction(db, makeAction({ label: '  Padded  ' }));
    expect(saved.label).toBe('Padded');
    expect((await getAction(db, saved.id))?.label).toBe('Padded');
  });

  it('refuses an invalid action and leaves the store unchanged', async () => {
    const db = await freshDatabase();
    const kept = await saveAction(db, makeAction());
    const invalid: Action[] = [
      makeAction({ label: '' }),
      makeAction({ url: 'javascript:alert(1)' }),
      makeAction({ body: '{not json' }),
      makeAction({ headers: [{ name: 'Bad Name', value: 'x', secret: false }] }),
      // An update that breaks an existing action must not replace it either.
      { ...kept, url: 'https://{{incident.id}}.example.com/' },
    ];
    for (const action of invalid) await expect(saveAction(db, action)).rejects.toThrow();
    expect(await listActions(db)).toEqual([kept]);
  });
});

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
    const runs = await incidentRuns(db, { site: 'pagerduty', id: 'Q1' });
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

describe('change signals', () => {
  afterEach(() => fakeBrowser.reset());

  it('calls the listener for its own signal only, and stops when unsubscribed', async () => {
    const onActions = vi.fn();
    const onLog = vi.fn();
    const stopActions = onChange('actionsChangedAt', onActions);
    onChange('logChangedAt', onLog);

    await announceChange('actionsChangedAt');
    expect(onActions).toHaveBeenCalledTimes(1);
    expect(onLog).not.toHaveBeenCalled();

    stopActions();
    await announceChange('actionsChangedAt');
    await announceChange('logChangedAt');
    expect(onActions).toHaveBeenCalledTimes(1);
    expect(onLog).toHaveBeenCalledTimes(1);
  });

  it('stores only a timestamp in storage.local', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_234);
    await announceChange('logChangedAt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ logChangedAt: 1_234 });
  });

  it('ignores the same key changing in another storage area', async () => {
    const listener = vi.fn();
    onChange('actionsChangedAt', listener);
    await fakeBrowser.storage.session.set({ actionsChangedAt: 1 });
    expect(listener).not.toHaveBeenCalled();
  });
});
