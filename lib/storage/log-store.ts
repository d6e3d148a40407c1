import type { LogEntry } from '../model/log-entry';
import type { Database } from './database';

/**
 * Committed before the request leaves (rule 7): a send that never finishes still has its row. The row is
 * keyed by the invocation, so a second send of the same confirmation finds it and is refused (false).
 */
export async function beginLogEntry(db: Database, entry: LogEntry): Promise<boolean> {
  try {
    await db.add('log', entry);
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'ConstraintError') return false;
    throw error;
  }
}

export async function finishLogEntry(db: Database, id: string, result: Partial<LogEntry>): Promise<LogEntry> {
  const tx = db.transaction('log', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) throw new Error(`Log entry ${id} is gone`);
  const finished: LogEntry = { ...current, ...result };
  await tx.store.put(finished);
  await tx.done;
  return finished;
}

/** Newest first. */
export async function recentLogEntries(db: Database, limit = 100): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = await db.transaction('log').store.index('byCreatedAt').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}
