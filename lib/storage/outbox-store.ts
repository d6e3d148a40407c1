import type { DeliveryPolicy } from '../model/delivery-policy';
import type { Attempt, LogDetails, LogEntry } from '../model/log-entry';
import type { OutboxItem, QueuedRun, Verdict } from '../model/outbox-item';
import type { Database } from './database';
import { isConstraintError } from './log-store';

/**
 * The outbox row, its log row and its details, in one transaction, before the first attempt (design rule 7).
 * False when the invocation already has a row: a second Send of the same confirmation.
 */
export async function enqueueInvocation(
  db: Database,
  entry: LogEntry,
  details: LogDetails,
  item: OutboxItem,
): Promise<boolean> {
  const tx = db.transaction(['log', 'logDetails', 'outbox'], 'readwrite');
  try {
    await Promise.all([
      tx.objectStore('log').add(entry),
      tx.objectStore('logDetails').add(details),
      tx.objectStore('outbox').add(item),
      tx.done,
    ]);
    return true;
  } catch (error) {
    if (isConstraintError(error)) return false;
    throw error;
  }
}

export function outboxItems(db: Database): Promise<OutboxItem[]> {
  return db.getAll('outbox');
}

export type Claim =
  /** Not due, leased by a running attempt, or gone. */
  | { kind: 'none' }
  | { kind: 'attempt'; item: OutboxItem; number: number }
  /** Its last attempt was interrupted and no attempt is left: made final here. */
  | { kind: 'final'; item: OutboxItem; entry: LogEntry };

/**
 * Takes the item for one attempt, if it is due and no live attempt holds it: in one transaction, so two
 * runners (a timer and an alarm, an old and a new worker) never attempt it together. An attempt left
 * unfinished by a stopped worker is marked interrupted; it counts, and the next one carries the same key.
 */
export async function claimAttempt(
  db: Database,
  id: string,
  now: number,
  leaseMs: (policy: DeliveryPolicy) => number,
  followUps: FollowUps = none,
): Promise<Claim> {
  const tx = runTransaction(db);
  const outbox = tx.objectStore('outbox');
  const [item, entry, details] = await readRun(tx, id);
  if (!item || !entry || !details || (item.leaseUntil ?? item.nextAttemptAt) > now) {
    await tx.done;
    return { kind: 'none' };
  }
  const interrupted = details.attempts.find((attempt) => attempt.finishedAt === undefined);
  if (interrupted) {
    Object.assign(interrupted, {
      finishedAt: now,
      outcome: 'interrupted',
      error: 'The browser stopped the extension during this attempt; whether it arrived is unknown',
    });
  }
  if (interrupted && (item.attempts >= item.policy.maxAttempts || now > item.deadline)) {
    const final: LogEntry = {
      ...entry,
      outcome: 'failed',
      error: `Interrupted during attempt ${item.attempts} of ${item.policy.maxAttempts}, and no attempt is left`,
      nextAttemptAt: undefined,
      finishedAt: now,
    };
    await Promise.all([
      tx.objectStore('log').put(final),
      tx.objectStore('logDetails').put(details),
      outbox.delete(id),
      ...addRuns(tx, followUps(item, final)),
    ]);
    await tx.done;
    return { kind: 'final', item, entry: final };
  }
  const number = item.attempts + 1;
  const claimed: OutboxItem = { ...item, attempts: number, leaseUntil: now + leaseMs(item.policy) };
  details.attempts.push({ number, startedAt: now });
  await Promise.all([
    outbox.put(claimed),
    tx.objectStore('log').put({ ...entry, outcome: 'sending', attemptCount: number, nextAttemptAt: undefined }),
    tx.objectStore('logDetails').put(details),
  ]);
  await tx.done;
  return { kind: 'attempt', item: claimed, number };
}

/**
 * Writes an attempt's answer and what follows it: the final log row (and the outbox row deleted), or the
 * next attempt's time. One transaction, so a stop between the two cannot lose or repeat a final row.
 */
export async function recordAttempt(
  db: Database,
  id: string,
  attempt: Attempt,
  verdict: Verdict,
  now: number,
  followUps: FollowUps = none,
): Promise<LogEntry> {
  const tx = runTransaction(db);
  const outbox = tx.objectStore('outbox');
  const [item, entry, details] = await readRun(tx, id);
  if (!item || !entry || !details) throw new Error(`Outbox item ${id} is gone`);
  details.attempts = details.attempts.map((kept) => (kept.number === attempt.number ? attempt : kept));
  if (item.attempts !== attempt.number) {
    // A later attempt took over (this one outlived its lease): keep its answer, decide nothing.
    await Promise.all([tx.objectStore('logDetails').put(details), tx.done]);
    return entry;
  }
  const answered = { httpStatus: attempt.httpStatus, latencyMs: attempt.latencyMs, error: verdict.error };
  const next: LogEntry = verdict.final
    ? { ...entry, ...answered, outcome: verdict.outcome, nextAttemptAt: undefined, finishedAt: now }
    : { ...entry, ...answered, outcome: 'retrying', nextAttemptAt: verdict.retryAt };
  await Promise.all([
    tx.objectStore('log').put(next),
    tx.objectStore('logDetails').put(details),
    verdict.final ? outbox.delete(id) : outbox.put({ ...item, nextAttemptAt: verdict.retryAt, leaseUntil: undefined }),
    ...(verdict.final ? addRuns(tx, followUps(item, next)) : []),
  ]);
  await tx.done;
  return next;
}

/**
 * Runs to queue in the transaction that makes a run final: an invocation's follow-up events
 * (lib/delivery/lifecycle.ts). Synchronous, so nothing but IndexedDB is awaited in the transaction.
 */
export type FollowUps = (item: OutboxItem, final: LogEntry) => QueuedRun[];
const none: FollowUps = () => [];

function addRuns(tx: ReturnType<typeof runTransaction>, runs: QueuedRun[]) {
  return runs.flatMap((run) => [
    tx.objectStore('log').add(run.entry),
    tx.objectStore('logDetails').add(run.details),
    tx.objectStore('outbox').add(run.item),
  ]);
}

/** The three stores a run lives in, written together. */
const runTransaction = (db: Database) => db.transaction(['log', 'logDetails', 'outbox'], 'readwrite');

/** A run's outbox item, log row and details, read in the given transaction. */
function readRun(tx: ReturnType<typeof runTransaction>, id: string) {
  return Promise.all([
    tx.objectStore('outbox').get(id),
    tx.objectStore('log').get(id),
    tx.objectStore('logDetails').get(id),
  ]);
}
