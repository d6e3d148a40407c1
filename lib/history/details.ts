import type { LogDetails } from '../model/log-entry';
import type { Database } from '../storage/database';

/** The details of these runs, read in one transaction (for an export). Runs without details are left out. */
export async function detailsFor(db: Database, ids: readonly string[]): Promise<Map<string, LogDetails>> {
  const store = db.transaction('logDetails').store;
  const found = await Promise.all(ids.map((id) => store.get(id)));
  const details = new Map<string, LogDetails>();
  for (const item of found) if (item) details.set(item.id, item);
  return details;
}
