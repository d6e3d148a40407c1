/**
 * Test builds only (IA_E2E=1; the store build leaves it out, see wxt.config.ts): lets
 * scripts/bench-history.ts drive the real log and outbox code in the extension's own IndexedDB.
 */

import { leaseMs } from '@/lib/delivery/retry-policy';
import type { LogDetails, LogEntry } from '@/lib/model/log-entry';
import { openDatabase } from '@/lib/storage/database';
import { claimAttempt, enqueueInvocation, recordAttempt } from '@/lib/storage/outbox-store';
import { makeBenchRun } from './bench-run';

const db = openDatabase();

/** Runs through the outbox as a send does: enqueue, claim the attempt, record its final answer. */
async function writeRuns(count: number): Promise<{ ms: number; perSecond: number }> {
  const opened = await db;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const { entry, details, item } = makeBenchRun(i, Date.now());
    await enqueueInvocation(opened, entry, details, item);
    await claimAttempt(opened, entry.id, Date.now(), leaseMs);
    await recordAttempt(
      opened,
      entry.id,
      {
        number: 1,
        startedAt: Date.now(),
        finishedAt: Date.now(),
        outcome: 'delivered',
        httpStatus: 200,
        latencyMs: 40,
        responseExcerpt: details.attempts[0]?.responseExcerpt,
      },
      { final: true, outcome: 'delivered' },
      Date.now(),
    );
  }
  const ms = performance.now() - started;
  return { ms, perSecond: (count / ms) * 1000 };
}

/** Fills the history fast (one transaction per 5,000 runs), spread over the last 90 days. */
async function seed(count: number): Promise<number> {
  const opened = await db;
  const started = performance.now();
  const now = Date.now();
  for (let from = 0; from < count; from += 5_000) {
    const tx = opened.transaction(['log', 'logDetails'], 'readwrite');
    const writes: Promise<unknown>[] = [];
    for (let i = from; i < Math.min(count, from + 5_000); i++) {
      const { entry, details } = makeBenchRun(i, now - Math.floor((i / count) * 90 * 86_400_000));
      const final: LogEntry = {
        ...entry,
        outcome: i % 17 === 0 ? 'rejected' : 'delivered',
        attemptCount: 1,
        finishedAt: entry.createdAt + 40,
      };
      writes.push(tx.objectStore('log').put(final), tx.objectStore('logDetails').put(details as LogDetails));
    }
    await Promise.all([...writes, tx.done]);
  }
  return performance.now() - started;
}

(window as unknown as { benchLog: unknown }).benchLog = { writeRuns, seed, count: async () => (await db).count('log') };
