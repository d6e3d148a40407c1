import { runOrderNote } from '@/components/shared/run-order';
import { clockTime } from '@/components/shared/time';
import type { Delivery } from '@/lib/messaging/messages';
import type { IncidentRun } from '@/lib/model/log-entry';
import { isFinal, OUTCOME_LABELS, runFacts } from '@/lib/model/outcome';

/**
 * The answer to Send: the first attempt's reply, then, while the outbox retries, the run as the log has it
 * (`run`, kept live), until its final outcome.
 */
export function DeliveryView({ delivery, run }: { delivery: Delivery; run?: IncidentRun }) {
  const shown = newer(delivery, run);
  const outcome = shown.outcome;
  const answer = run ? (run.lastResponse ?? delivery.responseExcerpt) : delivery.responseExcerpt;
  const facts = runFacts(shown);
  const waiting = !isFinal(outcome);
  const order = runOrderNote(shown);
  return (
    <section
      class={`status ${outcome === 'delivered' ? 'success' : waiting ? 'pending' : 'error'}`}
      role="status"
      aria-live="polite"
    >
      <p>
        <strong>{OUTCOME_LABELS[outcome]}</strong>
        {facts.length > 0 && ` · ${facts.join(' · ')}`}
      </p>
      {order && (
        <p>
          {order}
          {outcome === 'queued' ? '. You can close this dialog: the run goes on without it.' : ''}
        </p>
      )}
      {shown.error && <p>{shown.error}</p>}
      {outcome === 'retrying' && shown.nextAttemptAt !== undefined && (
        <p>
          Attempt {(shown.attemptCount ?? 1) + 1}
          {delivery.maxAttempts ? ` of ${delivery.maxAttempts}` : ''} at {clockTime(shown.nextAttemptAt)}, with the same
          Idempotency-Key. You can close this dialog: a notification will say how it ends.
        </p>
      )}
      {answer && <pre class="response">{answer}</pre>}
    </section>
  );
}

/**
 * What is known last: the reply, or the run once it has gone further (another attempt, or an end the reply did
 * not have). A run row read before the reply arrived says "Sending" for the very attempt the reply answered.
 */
function newer(delivery: Delivery, run: IncidentRun | undefined): Delivery | IncidentRun {
  if (!run) return delivery;
  const answered = delivery.attemptCount ?? 0;
  if (run.attemptCount > answered) return run;
  const endedSince = run.attemptCount === answered && isFinal(run.outcome) && !isFinal(delivery.outcome);
  return endedSince ? run : delivery;
}
