import { describe, expect, it, vi } from 'vitest';
import { listActions, saveAction } from '@/lib/storage/actions-store';
import { DB_VERSION, openDatabase } from '@/lib/storage/database';
import { freshDatabase, makeAction } from '../../support/builders';

const STORES = [
  'actions',
  'apiAccess',
  'log',
  'logDetails',
  'outbox',
  'secrets',
  'settings',
  'siteFixes',
  'sites',
  'subscriptions',
];

describe('openDatabase', () => {
  it('creates the actions, log, sites and API-token stores and the log index', async () => {
    const db = await freshDatabase();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(STORES);
    const tx = db.transaction(['actions', 'log']);
    expect(tx.objectStore('actions').keyPath).toBe('id');
    expect(tx.objectStore('log').keyPath).toBe('id');
    expect([...tx.objectStore('log').indexNames].sort()).toEqual(['byAction', 'byCreatedAt', 'byIncident']);
    expect(tx.objectStore('log').index('byAction').keyPath).toBe('actionId');
    expect(tx.objectStore('log').index('byCreatedAt').keyPath).toBe('createdAt');
    expect(tx.objectStore('log').index('byIncident').keyPath).toEqual(['incident.site', 'incident.id']);
    db.close();
  });

  it('reopens an existing database without migrating it again or losing data', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // A migration creates stores: counted on the first open (so the spy sees them), none on the second.
    const creates = vi.spyOn(IDBDatabase.prototype, 'createObjectStore');
    const first = await openDatabase(name);
    expect(creates).toHaveBeenCalledTimes(STORES.length);
    const action = await saveAction(first, makeAction());
    first.close();

    creates.mockClear();
    const second = await openDatabase(name);
    expect(creates).not.toHaveBeenCalled();
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

  it('binds each v8 secret to the static origins of the actions that use it now, and an unused one to none', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // Rows as v8 stored them (no `origins`), written under version 8 by hand (only the stores the upgrade reads).
    const auth = makeAction({
      id: 'a-auth',
      url: 'https://Rundeck.Example.com:443/api/{{ incident.id }}',
      auth: { kind: 'bearer', secret: 'rundeck_token' },
    });
    const templated = makeAction({
      id: 'b-templated',
      url: 'http://127.0.0.1:8080/hook',
      headers: [{ name: 'X-Key', value: '{{ secrets.rundeck_token | upcase }}', secret: false }],
      body: '{"k": "{{ secrets.hook_key }}"}',
    });
    const unrelated = makeAction({ url: 'https://elsewhere.example/x' });
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 8);
      request.onupgradeneeded = () => {
        const actions = request.result.createObjectStore('actions', { keyPath: 'id' });
        for (const action of [auth, templated, unrelated]) actions.put(action);
        const secrets = request.result.createObjectStore('secrets', { keyPath: 'name' });
        // The log too: the later upgrade to v10 indexes it.
        request.result.createObjectStore('log', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
        for (const secret of ['rundeck_token', 'hook_key', 'unused_key'])
          secrets.put({ name: secret, value: `v-${secret}`, savedAt: 1 });
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    const upgraded = await openDatabase(name);
    const secrets = await upgraded.getAll('secrets');
    expect(secrets.map(({ name, value, origins }) => ({ name, value, origins }))).toEqual([
      { name: 'hook_key', value: 'v-hook_key', origins: ['http://127.0.0.1:8080'] },
      {
        name: 'rundeck_token',
        value: 'v-rundeck_token',
        origins: ['https://rundeck.example.com', 'http://127.0.0.1:8080'],
      },
      { name: 'unused_key', value: 'v-unused_key', origins: [] },
    ]);
    upgraded.close();
  });

  it('indexes the rows of a version-9 log by action when it upgrades', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v9 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 9);
      request.onupgradeneeded = () => {
        const log = request.result.createObjectStore('log', { keyPath: 'id' });
        log.createIndex('byCreatedAt', 'createdAt');
        log.put({ id: 'r1', actionId: 'restart', createdAt: 1 });
        log.put({ id: 'r2', actionId: 'page', createdAt: 2 });
        log.put({ id: 'r3', actionId: 'restart', createdAt: 3 });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    v9.close();
    const upgraded = await openDatabase(name);
    expect(await upgraded.getAllKeysFromIndex('log', 'byAction', 'restart')).toEqual(['r1', 'r3']);
    expect(await upgraded.countFromIndex('log', 'byAction', 'page')).toBe(1);
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
    // The old connection is closed: it can open no transaction any more.
    expect(() => old.transaction('actions')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
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

describe('a connection that goes away', () => {
  it('tells its owner when another context upgrades, so the next use opens a new one', async () => {
    const name = `closing-${crypto.randomUUID()}`;
    let closed = 0;
    const first = await openDatabase(name, () => closed++);
    // An updated extension opening a newer version: ours closes and says so.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(closed).toBe(1);
    expect(() => first.transaction('actions')).toThrow();
    upgraded.close();
  });

  it('says plainly when the browser has no IndexedDB', async () => {
    const saved = globalThis.indexedDB;
    // biome-ignore lint/suspicious/noExplicitAny: removing the global as a browser with IndexedDB off has none
    delete (globalThis as any).indexedDB;
    try {
      await expect(openDatabase('none')).rejects.toThrow("this browser's IndexedDB is turned off");
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
