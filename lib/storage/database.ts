import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { DB_NAME } from '../constants';
import type { Action } from '../model/action';
import type { ApiAccess } from '../model/api-access';
import type { Constant } from '../model/constants';
import type { CustomSite } from '../model/custom-site';
import type { LogEntry } from '../model/log-entry';
import type { Secret } from '../model/secrets';

/**
 * The extension's IndexedDB. Opened by the background and the options page only: a content script's
 * IndexedDB belongs to the incident page's origin, where the page could read it (rule 2).
 */
export interface IncidentActionsSchema extends DBSchema {
  actions: { key: string; value: Action };
  log: { key: string; value: LogEntry; indexes: { byCreatedAt: number } };
  sites: { key: string; value: CustomSite };
  apiAccess: { key: string; value: ApiAccess };
  /** Small settings, one record each: `constants` (shared template values). */
  settings: { key: string; value: { key: 'constants'; value: Constant[] } };
  /** Tokens and signing keys that actions use by name (secrets: rule 2). */
  secrets: { key: string; value: Secret };
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
  // v3: vendor API tokens, one per site (secrets: rule 2).
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
];

export const DB_VERSION = MIGRATIONS.length;

export function openDatabase(name = DB_NAME): Promise<Database> {
  return openDB<IncidentActionsSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (const migrate of MIGRATIONS.slice(oldVersion)) migrate(db, tx);
    },
    // Another context (an updated background, a second options tab) needs a newer version: let it.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
