import type { Action } from './action';
import type { DeliveryPolicy } from './delivery-policy';
import { type IncidentSnapshot, sameIncident } from './incident';
import type { Invocation } from './invocation';
import type { LifecycleEvent } from './lifecycle';
import type { LogDetails, LogEntry } from './log-entry';
import type { FinalOutcome } from './outcome';

/**
 * A confirmed click that is not final yet: committed before its first attempt (design rule 7), deleted in the same
 * transaction that writes its final log row. It keeps what the responder confirmed (the action as it was,
 * the incident values and answers), so each attempt renders the same request again and signs it afresh.
 */
export interface OutboxItem {
  /** The invocation id (a follow-up event's own id): the log row's key and the `Idempotency-Key` of every attempt. */
  id: string;
  invocation: Invocation;
  action: Action;
  incident: IncidentSnapshot;
  answers?: Record<string, string>;
  policy: DeliveryPolicy;
  /** The event of the invocation this run sends, when the action has a lifecycle; its id is this item's. */
  event?: LifecycleEvent;
  /** Attempts started so far. */
  attempts: number;
  nextAttemptAt: number;
  /** After this, no new attempt starts: `createdAt` plus the policy's limit. */
  deadline: number;
  /** Set while an attempt runs: another runner leaves the item alone until then (a stopped worker's expires). */
  leaseUntil?: number;
  /**
   * Its place in the click order: one more than any item in the outbox when it was committed (rows from before
   * the ordering have none, and keep no order among themselves).
   */
  seq?: number;
  /** The responder chose "Send now": it does not wait behind earlier runs of its action and incident. */
  sendNow?: true;
}

type Queued = Pick<OutboxItem, 'id' | 'seq' | 'sendNow'> & {
  action: Pick<Action, 'id'>;
  incident: Pick<IncidentSnapshot, 'site' | 'id' | 'url'>;
};

const sameQueue = (a: Queued, b: Queued) => a.action.id === b.action.id && sameIncident(a.incident, b.incident);

/**
 * The run this item waits behind: the latest one of the same action on the same incident that was clicked
 * before it and is not final yet (still in the outbox), as PagerDuty delivers an extension's webhooks for one
 * incident in order (PagerDuty/developer-docs docs/webhooks/02-Behavior.md, "Temporary Errors and Retries"). None when the
 * responder chose to send it now. The order lives in the outbox rows, so it outlives the worker.
 */
export function waitsBehind<T extends Queued>(item: Queued, outbox: readonly T[]): T | undefined {
  if (item.sendNow) return undefined;
  const mine = item.seq ?? 0;
  let behind: T | undefined;
  for (const other of outbox) {
    const theirs = other.seq ?? 0;
    if (other.id === item.id || !sameQueue(item, other) || theirs >= mine) continue;
    if (!behind || theirs > (behind.seq ?? 0)) behind = other;
  }
  return behind;
}

/** What follows an attempt: the run's final outcome, or when to try again. */
export type Verdict =
  | { final: true; outcome: FinalOutcome; error?: string }
  | { final: false; retryAt: number; error?: string };

/** A run ready for the outbox: its log row, its details and its outbox item, written together. */
export interface QueuedRun {
  entry: LogEntry;
  details: LogDetails;
  item: OutboxItem;
}
