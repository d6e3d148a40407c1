import { DEFAULT_RETENTION, type Retention, RetentionSchema } from '../model/retention';
import { announce } from './announce';
import type { Database } from './database';
import { pruneLog } from './log-store';

const KEY = 'retention';

export async function getRetention(db: Database): Promise<Retention> {
  const record = await db.get('settings', KEY);
  return record?.key === KEY ? record.value : { ...DEFAULT_RETENTION };
}

export async function saveRetention(db: Database, retention: Retention): Promise<Retention> {
  const valid = RetentionSchema.parse(retention);
  await db.put('settings', { key: KEY, value: valid });
  await announce('settingsChangedAt');
  return valid;
}

/** Applies the user's limits: rows older than the age, then the oldest beyond the count. Answers how many went. */
export async function pruneByRetention(db: Database, now: number): Promise<number> {
  const { maxEntries, maxAgeDays } = await getRetention(db);
  const removed = await pruneLog(db, { before: now - maxAgeDays * 24 * 60 * 60 * 1000, keep: maxEntries });
  if (removed > 0) await announce('logChangedAt');
  return removed;
}
