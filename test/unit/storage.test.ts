import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Action } from '@/lib/model/action';
import type { LogEntry } from '@/lib/model/log-entry';
import { deleteAction, getAction, listActionButtons, listActions, saveAction } from '@/lib/storage/actions-store';
import { announceChange, onChange } from '@/lib/storage/change-signals';
import { DB_VERSION, openDatabase } from '@/lib/storage/database';
import { beginLogEntry, finishLogEntry, recentLogEntries } from '@/lib/storage/log-store';
import { freshDatabase, makeAction, makeIncident } from './helpers';

function logEntry(createdAt: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: `log-${createdAt}-${crypto.randomUUID()}`,
    actionId: 'a1',
    actionLabel: 'Restart',
    incident: { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' },
    outcome: 'sending',
    createdAt,
    ...overrides,
  };
}

describe('openDatabase', () => {
  it('creates the actions, log, sites and API-token stores and the log index', async () => {
    const db = await freshDatabase();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['actions', 'apiAccess', 'log', 'secrets', 'settings', 'sites']);
    const tx = db.transaction(['actions', 'log']);
    expect(tx.objectStore('actions').keyPath).toBe('id');
    expect(tx.objectStore('log').keyPath).toBe('id');
    expect([...tx.objectStore('log').indexNames]).toEqual(['byCreatedAt']);
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
    expect([...second.objectStoreNames].sort()).toEqual([
      'actions',
      'apiAccess',
      'log',
      'secrets',
      'settings',
      'sites',
    ]);
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
    expect([...upgraded.objectStoreNames].sort()).toEqual([
      'actions',
      'apiAccess',
      'log',
      'secrets',
      'settings',
      'sites',
    ]);
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

  it('gives content scripts only the id and label of enabled actions', async () => {
    const db = await freshDatabase();
    const secretHeader = { name: 'Authorization', value: 'Bearer top-secret', secret: true };
    const on = await saveAction(db, makeAction({ label: 'On', createdAt: 1, headers: [secretHeader] }));
    await saveAction(db, makeAction({ label: 'Off', enabled: false, createdAt: 2 }));
    const alsoOn = await saveAction(db, makeAction({ label: 'Also on', createdAt: 3 }));

    const buttons = await listActionButtons(db, makeIncident());
    expect(buttons).toEqual([
      { id: on.id, label: 'On' },
      { id: alsoOn.id, label: 'Also on' },
    ]);
    for (const button of buttons) expect(Object.keys(button).sort()).toEqual(['id', 'label']);
    expect(JSON.stringify(buttons)).not.toMatch(/top-secret|hooks\.example\.com/);
  });
});

describe('log store', () => {
  it('commits a begun entry and finishes it in place', async () => {
    const db = await freshDatabase();
    const entry = logEntry(10);
    expect(await beginLogEntry(db, entry)).toBe(true);
    expect(await db.get('log', entry.id)).toEqual(entry);

    const finished = await finishLogEntry(db, entry.id, { outcome: 'delivered', httpStatus: 204, finishedAt: 20 });
    expect(finished).toEqual({ ...entry, outcome: 'delivered', httpStatus: 204, finishedAt: 20 });
    expect(await db.getAll('log')).toEqual([finished]);
  });

  it('refuses to begin the same entry twice, keeping the first', async () => {
    const db = await freshDatabase();
    const entry = logEntry(10);
    expect(await beginLogEntry(db, entry)).toBe(true);
    expect(await beginLogEntry(db, { ...entry, actionLabel: 'second' })).toBe(false);
    expect(await db.getAll('log')).toEqual([entry]);
  });

  it('refuses to finish an entry that does not exist', async () => {
    const db = await freshDatabase();
    await expect(finishLogEntry(db, 'missing', { outcome: 'failed' })).rejects.toThrow('Log entry missing is gone');
    expect(await db.count('log')).toBe(0);
  });

  it('lists the newest entries first, up to the limit', async () => {
    const db = await freshDatabase();
    // Inserted out of order: the index, not insertion order, decides.
    for (const createdAt of [30, 10, 50, 20, 40]) await beginLogEntry(db, logEntry(createdAt));
    expect((await recentLogEntries(db)).map((entry) => entry.createdAt)).toEqual([50, 40, 30, 20, 10]);
    expect((await recentLogEntries(db, 2)).map((entry) => entry.createdAt)).toEqual([50, 40]);
    expect(await recentLogEntries(db, 0)).toEqual([]);
  });

  it('returns nothing from an empty log', async () => {
    const db = await freshDatabase();
    expect(await recentLogEntries(db)).toEqual([]);
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
