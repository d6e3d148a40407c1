import type { DeliveryPolicy } from '../model/delivery-policy';
import type { Attempt, LogDetails, LogEntry, RunRef } from '../model/log-entry';
import { type OutboxItem, type QueuedRun, type Verdict, waitsBehind } from '../model/outbox-item';
import type { Database } from './database';
import { isConstraintError } from './log-store';

/**
 * The outbox row, its log row and its details, in one transaction, before the first attempt (design rule 7).
 * The row takes the next place in the click order; a run of the same action on the same incident still in the
 * outbox is named on the log row: the one it waits behind (`queued`), or, when the responder chose to send it
 * now, the one it goes ahead of. The log row as written; false when the invocation already has a row (a second
 * Send of the same confirmation).
 */
export async function enqueueInvocation(
  db: Database,
  entry: LogEntry,
  details: LogDetails,
  item: OutboxItem,
): Promise<LogEntry | false> {
  const tx = runTransaction(db);
  try {
    const outbox = tx.objectStore('outbox');
    const pending = await outbox.getAll();
    const seq = 1 + Math.max(0, ...pending.map((other) => other.seq ?? 0));
    const ordered: OutboxItem = { ...item, seq };
    const earlier = waitsBehind({ ...ordered, sendNow: undefined }, pending);
    const ref = earlier && (await runRef(tx, earlier.id));
    const written: LogEntry = !ref
      ? entry
      : item.sendNow
        ? { ...entry, sentAhead: ref }
        : { ...entry, outcome: 'queued', queuedBehind: ref };
    await Promise.all([
      tx.objectStore('log').add(written),
      tx.objectStore('logDetails').add(details),
      outbox.add(ordered),
      tx.done,
    ]);
    return written;
  } catch (error) {
    if (isConstraintError(error)) return false;
    throw error;
  }
}

/**
 * The run a new click of this action on this incident would wait behind, as the modal says before Send ("queued
 * behind the run of 14:02"); undefined when none of its runs is pending.
 */
export async function pendingRunBefore(
  db: Database,
  actionId: string,
  incident: { site: string; id: string; url: string },
): Promise<(RunRef & { outcome: LogEntry['outcome'] }) | undefined> {
  const tx = db.transaction(['log', 'outbox']);
  const probe = { id: '', seq: Number.POSITIVE_INFINITY, action: { id: actionId }, incident };
  const earlier = waitsBehind(probe, await tx.objectStore('outbox').getAll());
  const entry = earlier && (await tx.objectStore('log').get(earlier.id));
  await tx.done;
  return entry && { id: entry.id, createdAt: entry.createdAt, outcome: entry.outcome };
}

/** How a log row names another run: its id and when it was clicked. */
async function runRef(tx: ReturnType<typeof runTransaction>, id: string): Promise<RunRef | undefined> {
  const entry = await tx.objectStore('log').get(id);
  return entry && { id: entry.id, createdAt: entry.createdAt };
}

export function outboxItems(db: Database): Promise<OutboxItem[]> {
  return db.getAll('outbox');
}

export type Claim =
  /** Not due, leased by a running attempt, or gone. */
  | { kind: 'none' }
  /** Due, but an earlier run of its action on its incident is not final yet: it goes after that one. */
  | { kind: 'waiting'; behind: string }
  | { kind: 'attempt'; item: OutboxItem; number: number }
  /** Its last attempt was interrupted and no attempt is left: made final here. */
  | { kind: 'final'; item: OutboxItem; entry: LogEntry };

/**
 * Takes the item for one attempt, if it is due, no live attempt holds it and no earlier run of its action on its
 * incident is pending: in one transaction, so two runners (a timer and an alarm, an old and a new worker) never
 * attempt it together, and never ahead of its turn. An attempt left unfinished by a stopped worker is marked
 * interrupted; it counts, and the next one carries the same key. The first attempt starts the action's time limit,
 * so a run that waited its turn still has all of it.
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
  const behind = waitsBehind(item, await outbox.getAll());
  if (behind) {
    await tx.done;
    return { kind: 'waiting', behind: behind.id };
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
  const claimed: OutboxItem = {
    ...item,
    attempts: number,
    leaseUntil: now + leaseMs(item.policy),
    ...(number === 1 ? { deadline: now + item.policy.giveUpAfterMinutes * 60_000 } : {}),
  };
  details.attempts.push({ number, startedAt: now });
  const sending: LogEntry = {
    ...entry,
    outcome: 'sending',
    attemptCount: number,
    nextAttemptAt: undefined,
    queuedBehind: undefined,
  };
  await Promise.all([
    outbox.put(claimed),
    tx.objectStore('log').put(sending),
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

/**
 * Follow-up events keep their first event's place in the click order (its `seq`, lib/delivery/lifecycle.ts):
 * they wait behind nothing that run did not, and a later click of the same action waits behind them.
 */
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
