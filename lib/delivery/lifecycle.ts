import type { Lifecycle, LifecycleEvent } from '../model/lifecycle';
import type { LogEntry } from '../model/log-entry';
import type { OutboxItem, QueuedRun } from '../model/outbox-item';

/**
 * The follow-up events of an invocation (lib/model/lifecycle.ts), made when its first event's run becomes
 * final: one run per follow-up whose `when` is how that run ended, queued in the transaction that writes the
 * final row (lib/storage/outbox-store.ts), so a worker stopped between the two cannot lose them (design rule 7).
 * Each has its own event id: its log row's key, its `Idempotency-Key` and its signature's webhook id, the
 * same on all its attempts. A follow-up has no follow-ups of its own.
 */
export function followUpRuns(item: OutboxItem, final: LogEntry, now: number): QueuedRun[] {
  const lifecycle = item.action.lifecycle;
  const when = observedEnd(final);
  if (!lifecycle || !when || item.event?.followUpOf) return [];
  return lifecycle.followUps
    .filter((followUp) => followUp.when === when)
    .map((followUp, index) => {
      const event: LifecycleEvent = {
        id: crypto.randomUUID(),
        type: followUp.type,
        state: followUp.state,
        occurredAt: now,
        followUpOf: item.id,
      };
      // A few ms apart, so two follow-ups of one end are attempted in the order the action lists them.
      const createdAt = now + index;
      const entry: LogEntry = {
        id: event.id,
        actionId: final.actionId,
        actionLabel: final.actionLabel,
        incident: final.incident,
        ...(final.who ? { who: final.who } : {}),
        event: { type: followUp.type, state: followUp.state, followUpOf: item.id },
        outcome: 'sending',
        attemptCount: 0,
        createdAt,
      };
      return {
        entry,
        details: {
          id: event.id,
          attempts: [],
          incident: item.incident,
          ...(item.answers ? { answers: { ...item.answers } } : {}),
        },
        item: {
          ...item,
          id: event.id,
          event,
          attempts: 0,
          nextAttemptAt: createdAt,
          deadline: createdAt + item.policy.giveUpAfterMinutes * 60_000,
          leaseUntil: undefined,
        },
      };
    });
}

/** How a run ended, as a lifecycle names it; undefined when nothing was sent, so nothing was observed. */
function observedEnd(final: LogEntry): 'delivered' | 'failed' | undefined {
  if (final.outcome === 'delivered') return 'delivered';
  if (final.outcome === 'rejected' || final.outcome === 'failed') return final.attemptCount > 0 ? 'failed' : undefined;
  return undefined;
}

const WHEN: Record<Lifecycle['followUps'][number]['when'], string> = {
  delivered: 'if the receiver answers 2xx',
  failed: 'if the run fails',
};

/** What the modal says will follow the request it shows (design rule 10: the responder confirms all of it). */
export function followUpNotes(lifecycle: Lifecycle | undefined): string[] {
  return (lifecycle?.followUps ?? []).map(
    (followUp) => `Then ${followUp.type}, state “${followUp.state}”, ${WHEN[followUp.when]}`,
  );
}
