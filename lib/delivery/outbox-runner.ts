import type { Attempt, LogEntry } from '../model/log-entry';
import { type OutboxItem, type Verdict, waitsBehind } from '../model/outbox-item';
import type { Database } from '../storage/database';
import { keepLogRequest } from '../storage/log-store';
import { claimAttempt, outboxItems, recordAttempt } from '../storage/outbox-store';
import { followUpRuns } from './lifecycle';
import { prepareToSend } from './prepare-request';
import { loadRenderContext } from './render-context';
import { leaseMs, nextStep } from './retry-policy';
import { type SendResult, sendRequest } from './send-request';
import { shownRequest } from './shown-request';

export interface OutboxDeps {
  db: Database;
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
  now?: () => number;
  random?: () => number;
  /** Wakes a stopped worker at this time (alarms); undefined: nothing is waiting. */
  wakeAt: (when: number | undefined) => void;
  onLogChanged: () => void;
  /** A row became final: notify, post the note back to the incident. */
  onFinal?: (entry: LogEntry, item: OutboxItem) => void | Promise<void>;
}

export type Outbox = ReturnType<typeof createOutbox>;

/**
 * Runs the outbox: each item's attempts, one at a time, until a final answer. Timers drive it while the
 * worker lives; an alarm at the same time wakes a stopped worker, which calls `runDue` again. Every attempt
 * is claimed in IndexedDB first, so two runners never send the same attempt.
 */
export function createOutbox(deps: OutboxDeps) {
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<LogEntry | undefined>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** An invocation's follow-up events, queued with its final row. */
  const followUps = (item: OutboxItem, final: LogEntry) => followUpRuns(item, final, now());

  /** One attempt of the item, if it is due; answers its log row after the attempt. */
  function attempt(id: string): Promise<LogEntry | undefined> {
    const current = running.get(id);
    if (current) return current;
    const run = attemptOnce(id).finally(() => running.delete(id));
    running.set(id, run);
    return run;
  }

  async function attemptOnce(id: string): Promise<LogEntry | undefined> {
    // The claim reads the item and holds it for the attempt's timeout plus a margin (its lease).
    const claim = await claimAttempt(deps.db, id, now(), leaseMs, followUps);
    if (claim.kind === 'none' || claim.kind === 'waiting') return undefined;
    await schedule(); // a lease is now held: if the worker stops, the alarm at its end resumes
    deps.onLogChanged();
    if (claim.kind === 'final') {
      await deps.onFinal?.(claim.entry, claim.item);
      return claim.entry;
    }
    const { item, number } = claim;
    const startedAt = now();
    const result = await send(item);
    const verdict: Verdict =
      result.outcome === 'not-sent'
        ? { final: true, outcome: 'failed', error: result.error }
        : nextStep(item, result, now(), deps.random);
    const { retryAfter: _, outcome, ...answer } = result;
    const record: Attempt = {
      number,
      startedAt,
      finishedAt: now(),
      outcome: outcome === 'not-sent' ? 'failed' : outcome,
      ...answer,
    };
    const entry = await recordAttempt(deps.db, id, record, verdict, now(), followUps);
    deps.onLogChanged();
    await schedule();
    if (verdict.final) await deps.onFinal?.(entry, item);
    return entry;
  }

  /** Renders and signs again (a fresh Standard Webhooks timestamp, a rotated secret), then sends. */
  async function send(item: OutboxItem): Promise<SendResult> {
    const context = await loadRenderContext(deps.db, { answers: item.answers, invocation: item.invocation });
    const { request, shown, problem } = await prepareToSend(
      item.action,
      item.incident,
      { ...context, invocation: item.invocation, event: item.event },
      deps.hasOriginPermission,
      now(),
    );
    // A follow-up event was queued without its request: the history keeps the one its first attempt sends.
    if (request && shown && item.event?.followUpOf)
      await keepLogRequest(deps.db, item.id, shownRequest(request, item.action, context.secretValues, shown));
    if (problem || !request) return { outcome: 'not-sent', error: problem };
    return sendRequest(request, deps.fetch, item.policy.timeoutSeconds * 1000, context.secretValues);
  }

  /** Every item that is due and has its turn, then the timer and alarm for the next one. */
  async function runDue(): Promise<void> {
    const due = (await readyItems()).filter((item) => (item.leaseUntil ?? item.nextAttemptAt) <= now());
    await Promise.all(due.map((item) => attempt(item.id)));
    await schedule();
  }

  /**
   * The items not waiting behind an earlier run of their action and incident: only they have a time of their own.
   * A waiting one becomes ready when the one before it is final, and that write reschedules.
   */
  async function readyItems(): Promise<OutboxItem[]> {
    const items = await outboxItems(deps.db);
    return items.filter((item) => !waitsBehind(item, items));
  }

  async function schedule(): Promise<void> {
    const times = (await readyItems()).map((item) => item.leaseUntil ?? item.nextAttemptAt);
    const next = times.length > 0 ? Math.min(...times) : undefined;
    deps.wakeAt(next);
    clearTimeout(timer);
    if (next !== undefined) timer = setTimeout(() => void runDue(), Math.max(0, next - now()));
  }

  return { attempt, runDue, schedule, stop: () => clearTimeout(timer) };
}
