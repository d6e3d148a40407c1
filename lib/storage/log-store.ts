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

/** Every row, newest first: small rows, so the history can hold them all and filter as one types. */
export async function allLogEntries(db: Database): Promise<LogEntry[]> {
  const entries = await db.getAll('log');
  return entries.sort((a, b) => b.createdAt - a.createdAt);
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
