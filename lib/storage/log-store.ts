import { sameIncident } from '../model/incident';
import type { IncidentRun, LogDetails, LogEntry } from '../model/log-entry';
import { isFinal } from '../model/outcome';
import type { RenderedRequest } from '../model/request';
import type { Database } from './database';

/** A confirmed click that never reached an attempt (a missing value, an origin not granted). */
export async function addFinalLogEntry(db: Database, entry: LogEntry, details: LogDetails): Promise<boolean> {
  const tx = db.transaction(['log', 'logDetails'], 'readwrite');
  try {
    await Promise.all([tx.objectStore('log').add(entry), tx.objectStore('logDetails').add(details), tx.done]);
    return true;
  } catch (error) {
    if (isConstraintError(error)) return false;
    throw error;
  }
}

export async function getLogEntry(db: Database, id: string): Promise<LogEntry | undefined> {
  return db.get('log', id);
}

export async function getLogDetails(db: Database, id: string): Promise<LogDetails | undefined> {
  return db.get('logDetails', id);
}

/** Where a newest-first walk of the log stopped: the last row it read. */
export interface LogPosition {
  createdAt: number;
  id: string;
}

export interface LogWalk {
  /** The last row read (or the `after` given, when none was): the next walk starts just after it. */
  last?: LogPosition;
  /** The walk reached the oldest row (or `notBefore`). */
  ended: boolean;
  read: number;
}

/**
 * Reads rows newest first (rows of the same time: the greater id first, the index's own order), starting
 * just after `after`, not older than `notBefore`. A keyset, not an offset: rows added or deleted since the
 * last walk shift nothing. `visit` answers whether to go on; at most `budget` rows are read (design rule 9).
 */
export async function walkLog(
  db: Database,
  options: WalkOptions,
  visit: (entry: LogEntry) => boolean,
): Promise<LogWalk> {
  const index = db.transaction('log').store.index('byCreatedAt') as unknown as Partial<BatchIndex>;
  // A cursor costs a round trip per row (0.5 ms in Chromium: 50 s for 100,000 rows); batches cost one per batch.
  return index.getAllRecords
    ? walkInBatches(index as BatchIndex, db, options, visit)
    : walkByCursor(db, options, visit);
}

interface WalkOptions {
  after?: LogPosition;
  notBefore?: number;
  budget: number;
  /** Rows of the first batch: a screen's worth when each row is shown, more when most are skipped (a search). */
  firstBatch?: number;
}

/** IndexedDB's `getAllRecords` (Chromium 141, Firefox 146), which idb 8 does not type yet. */
interface BatchIndex {
  getAllRecords(options: {
    query: IDBKeyRange | null;
    count: number;
    direction: 'prev';
  }): Promise<{ key: number; primaryKey: string; value: LogEntry }[]>;
}

/** The first batch fills a screen; later ones grow, so a long search has few round trips. */
const FIRST_BATCH = 64;
const LAST_BATCH = 2_000;

async function walkInBatches(
  index: BatchIndex,
  db: Database,
  { after, notBefore, budget, firstBatch = FIRST_BATCH }: WalkOptions,
  visit: (entry: LogEntry) => boolean,
): Promise<LogWalk> {
  let last = after;
  let read = 0;
  let batch = firstBatch;
  while (read < budget) {
    if (last && notBefore !== undefined && last.createdAt < notBefore) return { last, ended: true, read };
    const upper = last?.createdAt;
    const query =
      upper === undefined
        ? notBefore === undefined
          ? null
          : IDBKeyRange.lowerBound(notBefore)
        : notBefore === undefined
          ? IDBKeyRange.upperBound(upper)
          : IDBKeyRange.bound(notBefore, upper);
    const count = Math.min(batch, budget - read);
    const from = last;
    // The batch starts at the last row's time, so it holds the last row again (and any of that time before it).
    const ask = from ? count + 1 : count;
    const records = await index.getAllRecords({ query, count: ask, direction: 'prev' });
    const fresh = (
      from ? records.filter((record) => record.key < from.createdAt || record.primaryKey < from.id) : records
    ).slice(0, count);
    // More rows of one time than a batch holds: only a cursor can seek past them.
    if (fresh.length === 0 && records.length === ask)
      return walkByCursor(db, { after: last, notBefore, budget: budget - read }, visit).then((rest) => ({
        ...rest,
        read: read + rest.read,
      }));
    for (const record of fresh) {
      read++;
      last = { createdAt: record.key, id: record.primaryKey };
      if (!visit(record.value)) return { last, ended: false, read };
    }
    if (records.length < ask) return { last, ended: true, read };
    batch = Math.min(batch * 4, LAST_BATCH);
  }
  return { last, ended: false, read };
}

async function walkByCursor(
  db: Database,
  { after, notBefore, budget }: WalkOptions,
  visit: (entry: LogEntry) => boolean,
): Promise<LogWalk> {
  // No key range: a cursor that seeks from the newest row is as fast in browsers, and fake-indexeddb walks
  // a ranged 'prev' cursor from the range's end at every step (the unit tests would take minutes).
  let cursor = await db.transaction('log').store.index('byCreatedAt').openCursor(null, 'prev');
  if (cursor && after) {
    const past = cursor.key > after.createdAt || (cursor.key === after.createdAt && cursor.primaryKey > after.id);
    if (past) cursor = await cursor.continuePrimaryKey(after.createdAt, after.id);
    // The seek stops on `after` itself, or (deleted since) on the row just past it.
    if (cursor && cursor.key === after.createdAt && cursor.primaryKey === after.id) cursor = await cursor.continue();
  }
  let last = after;
  let read = 0;
  while (cursor) {
    if (notBefore !== undefined && cursor.key < notBefore) break;
    if (read >= budget) return { last, ended: false, read };
    const entry = cursor.value;
    read++;
    last = { createdAt: entry.createdAt, id: entry.id };
    if (!visit(entry)) return { last, ended: false, read };
    cursor = await cursor.continue();
  }
  return { last, ended: true, read };
}

/** How many rows, all or those not older than `notBefore`, counted by the index (no row is read). */
export async function countLog(db: Database, notBefore?: number): Promise<number> {
  return notBefore === undefined
    ? db.count('log')
    : db.countFromIndex('log', 'byCreatedAt', IDBKeyRange.lowerBound(notBefore));
}

/** Each action the log names, once, with the label of one of its runs: a seek per action, not a step per row. */
export async function logActions(db: Database): Promise<{ id: string; label: string }[]> {
  const actions: { id: string; label: string }[] = [];
  // Not 'nextunique': Chromium steps through every duplicate for it (seconds at 100,000 rows).
  let cursor = await db.transaction('log').store.index('byAction').openCursor();
  while (cursor) {
    actions.push({ id: cursor.key, label: cursor.value.actionLabel });
    // The least string greater than this id: past all of its runs.
    cursor = await cursor.continue(`${cursor.key}\u0000`);
  }
  return actions;
}

/** Each site the log names, once: the incident index skipped one site at a time. */
export async function logSites(db: Database): Promise<string[]> {
  const sites: string[] = [];
  let cursor = await db.transaction('log').store.index('byIncident').openKeyCursor();
  while (cursor) {
    const site = cursor.key[0];
    sites.push(site);
    // An array sorts after every string, so [site, []] is past every incident of this site.
    cursor = await cursor.continue([site, []] as unknown as [string, string]);
  }
  return sites;
}

/** The incident's runs, newest first, for its timeline on the page. */
async function logEntriesForIncident(
  db: Database,
  incident: { site: string; id: string; url: string },
  limit: number,
): Promise<LogEntry[]> {
  const entries = await db.getAllFromIndex('log', 'byIncident', [incident.site, incident.id]);
  // The index finds the id on every account; only this account's incident is this page's.
  return entries
    .filter((entry) => sameIncident(entry.incident, incident))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
}

/** The incident's timeline: its runs, each with the start of its last answer (no request, no headers). */
export async function incidentRuns(
  db: Database,
  incident: { site: string; id: string; url: string },
): Promise<IncidentRun[]> {
  const entries = await logEntriesForIncident(db, incident, 20);
  const tx = db.transaction('logDetails');
  const details = await Promise.all(entries.map((entry) => tx.store.get(entry.id)));
  return entries.map((entry, index) => {
    const answer = details[index]?.attempts.findLast((attempt) => attempt.responseExcerpt)?.responseExcerpt;
    return answer ? { ...entry, lastResponse: answer.slice(0, 500) } : entry;
  });
}

export async function setLogNote(db: Database, id: string, note: LogEntry['note']): Promise<LogEntry | undefined> {
  const tx = db.transaction('log', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry) await tx.store.put({ ...entry, note });
  await tx.done;
  return entry && { ...entry, note };
}

/** Keeps the request a run sent, if its details have none yet (a follow-up event is rendered at its first attempt). */
export async function keepLogRequest(db: Database, id: string, request: RenderedRequest): Promise<void> {
  const tx = db.transaction('logDetails', 'readwrite');
  const details = await tx.store.get(id);
  if (details && !details.request) await tx.store.put({ ...details, request });
  await tx.done;
}

/**
 * Deletes final rows (and their details), oldest first: all older than `before`, then the oldest beyond
 * `keep`. Rows still in the outbox are never pruned. Answers how many went.
 */
export async function pruneLog(db: Database, limits: { before?: number; keep?: number }): Promise<number> {
  const tx = db.transaction(['log', 'logDetails'], 'readwrite');
  const log = tx.objectStore('log');
  const details = tx.objectStore('logDetails');
  let excess = limits.keep === undefined ? 0 : Math.max(0, (await log.count()) - limits.keep);
  let removed = 0;
  let cursor = await log.index('byCreatedAt').openCursor();
  while (cursor) {
    const old = limits.before !== undefined && cursor.value.createdAt < limits.before;
    if (!old && excess <= 0) break;
    if (isFinal(cursor.value.outcome)) {
      await Promise.all([cursor.delete(), details.delete(cursor.value.id)]);
      removed++;
      excess--;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return removed;
}

export function isConstraintError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'ConstraintError';
}

/** The disk (or the browser's quota for the extension) is full: raised by a write or by its commit. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}
