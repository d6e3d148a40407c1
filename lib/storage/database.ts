import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { DB_NAME } from '../core/extension-ids';
import type { Action } from '../model/action';
import type { ApiAccess } from '../model/api-access';
import type { Constant } from '../model/constants';
import type { CustomSite } from '../model/custom-site';
import type { LogDetails, LogEntry } from '../model/log-entry';
import type { OutboxItem } from '../model/outbox-item';
import type { Retention } from '../model/retention';
import { MAX_SECRET_ORIGINS, type Secret } from '../model/secrets';
import type { SiteFix } from '../model/site-fix';
import type { Subscription } from '../model/subscription';
import { originsUsingSecrets } from '../render/secrets-used';

/**
 * The extension's IndexedDB. Opened by the background and the options page only: a content script's
 * IndexedDB belongs to the incident page's origin, where the page could read it (design rule 2).
 */
interface IncidentActionsSchema extends DBSchema {
  actions: { key: string; value: Action };
  /** One row per confirmed click, small (the history pages through them by time); keyed by the invocation. */
  log: {
    key: string;
    value: LogEntry;
    indexes: { byCreatedAt: number; byIncident: [string, string]; byAction: string };
  };
  /** The big part of each log row: the request and every attempt's answer. Same key. */
  logDetails: { key: string; value: LogDetails };
  /** Confirmed clicks not final yet (design rule 7): what the next attempt needs. */
  outbox: { key: string; value: OutboxItem };
  sites: { key: string; value: CustomSite };
  apiAccess: { key: string; value: ApiAccess };
  /**
   * Small settings, one record each: `constants` (shared template values), `retention`, `policyConstants`, and `previewKey` (the
   * random key a modal's preview digest is computed with; it never leaves the background).
   */
  settings: {
    key: string;
    value:
      | { key: 'constants'; value: Constant[] }
      | { key: 'retention'; value: Retention }
      /** The names of the constants the browser policy set: no subscription may change them. */
      | { key: 'policyConstants'; value: string[] }
      | { key: 'previewKey'; value: string };
  };
  /** Tokens and signing keys that actions use by name (secrets: design rule 2). */
  secrets: { key: string; value: Secret };
  /** Team configs followed over HTTPS; their actions are in `actions`, marked `managedBy`. */
  subscriptions: { key: string; value: Subscription };
  /** Repairs of how a site's pages are read: the user's own and those an admin shares (lib/model/site-fix.ts). */
  siteFixes: { key: string; value: SiteFix };
}
export type Database = IDBPDatabase<IncidentActionsSchema>;
type UpgradeTransaction = IDBPTransaction<IncidentActionsSchema, StoreNames<IncidentActionsSchema>[], 'versionchange'>;

/**
 * One entry per schema version, applied in order from the version found on disk. Append, never edit:
 * a user's database may be at any earlier version.
 */
const MIGRATIONS: ((db: Database, tx: UpgradeTransaction) => void)[] = [
  (db) => {
    db.createObjectStore('actions', { keyPath: 'id' });
    db.createObjectStore('log', { keyPath: 'id' }).createIndex('byCreatedAt', 'createdAt');
  },
  // v2: sites the user defines (self-hosted and in-house incident pages).
  (db) => {
    db.createObjectStore('sites', { keyPath: 'id' });
  },
  // v3: vendor API tokens, one per site (secrets: design rule 2).
  (db) => {
    db.createObjectStore('apiAccess', { keyPath: 'site' });
  },
  // v4: settings, starting with the constants every action can use.
  (db) => {
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  // v5: named secrets for auth, signing and `{{ secrets.<name> }}`.
  (db) => {
    db.createObjectStore('secrets', { keyPath: 'name' });
  },
  // v6: the outbox, and the log split into small rows (listed) and their details (opened one at a time).
  (db, tx) => {
    db.createObjectStore('outbox', { keyPath: 'id' });
    db.createObjectStore('logDetails', { keyPath: 'id' });
    tx.objectStore('log').createIndex('byIncident', ['incident.site', 'incident.id']);
    void splitOldLogRows(tx);
  },
  // v7: team subscriptions.
  (db) => {
    db.createObjectStore('subscriptions', { keyPath: 'id' });
  },
  // v8: site fixes picked on the page or shared by an admin.
  (db) => {
    db.createObjectStore('siteFixes', { keyPath: 'id' });
  },
  // v9: each secret lists the origins it may go to (design rule 10); a saved one keeps going where its actions send now.
  (_db, tx) => {
    void bindSecretsToTheirActions(tx);
  },
  // v10: the history's action filter lists the actions the log names from this index, not from every row.
  // The browser fills a new index from the rows already there.
  (_db, tx) => {
    tx.objectStore('log').createIndex('byAction', 'actionId');
  },
];

/** Binds each v8 secret to the origins of the actions that use it, so no send stops at the update. */
async function bindSecretsToTheirActions(tx: UpgradeTransaction): Promise<void> {
  const using = originsUsingSecrets(await tx.objectStore('actions').getAll());
  let cursor = await tx.objectStore('secrets').openCursor();
  while (cursor) {
    const { origins: _none, ...secret } = cursor.value as Secret & { origins?: string[] };
    await cursor.update({ ...secret, origins: (using.get(secret.name) ?? []).slice(0, MAX_SECRET_ORIGINS) });
    cursor = await cursor.continue();
  }
}

/** v5 rows carried their request and answer; v6 keeps those in `logDetails`. Only IDB work is awaited. */
async function splitOldLogRows(tx: UpgradeTransaction): Promise<void> {
  const details = tx.objectStore('logDetails');
  let cursor = await tx.objectStore('log').openCursor();
  while (cursor) {
    const { request, responseExcerpt, ...row } = cursor.value as LogEntry & V5LogFields;
    const interrupted = row.outcome === 'sending' || row.outcome === 'retrying';
    const attempted = row.outcome !== 'not-sent';
    await details.put({
      id: row.id,
      request,
      attempts: attempted
        ? [
            {
              number: 1,
              startedAt: row.createdAt,
              finishedAt: row.finishedAt ?? row.createdAt,
              outcome: interrupted ? 'interrupted' : (row.outcome as 'delivered' | 'rejected' | 'failed'),
              httpStatus: row.httpStatus,
              latencyMs: row.latencyMs,
              responseExcerpt,
              error: row.error,
            },
          ]
        : [],
    });
    await cursor.update({
      ...row,
      attemptCount: attempted ? 1 : 0,
      ...(interrupted ? { outcome: 'failed', error: 'Interrupted by an update of the extension' } : {}),
    });
    cursor = await cursor.continue();
  }
}
type V5LogFields = { request?: LogDetails['request']; responseExcerpt?: string };

export const DB_VERSION = MIGRATIONS.length;

/**
 * Opens the database. `onClosed` is told when this connection can no longer be used: closed for another context's
 * upgrade, or terminated by the browser (storage cleared, disk error); the caller opens a new one next time. A browser
 * without IndexedDB (disabled, some private modes) gets an error that says so, not a TypeError.
 */
export function openDatabase(name = DB_NAME, onClosed?: () => void): Promise<Database> {
  if (typeof indexedDB === 'undefined')
    return Promise.reject(new Error("this browser's IndexedDB is turned off, so no action or run can be kept"));
  return openDB<IncidentActionsSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const migrate of MIGRATIONS.slice(oldVersion)) migrate(db, tx);
    },
    // Another context (an updated background, a second options tab) needs a newer version: let it.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
  });
}
