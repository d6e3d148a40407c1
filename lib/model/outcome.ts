import { plural } from '../core/plural';

/**
 * How a run ends, and what each ending is called wherever a run is shown: the modal, the incident's timeline,
 * the history, the notification and the note on the incident. One name each, so a responder who read
 * "Rejected" on the page finds "Rejected" in the history.
 */

/**
 * `queued` (waiting behind an earlier run of the same action on the same incident), `sending` and `retrying` are
 * the outbox's; the others are final, and a run reaches exactly one of them.
 */
export const OUTCOMES = ['queued', 'sending', 'retrying', 'delivered', 'rejected', 'failed', 'not-sent'] as const;
export const FINAL_OUTCOMES = ['delivered', 'rejected', 'failed', 'not-sent'] as const;
/** One attempt's end; `interrupted` when the browser stopped the extension during it. */
export const ATTEMPT_OUTCOMES = ['delivered', 'rejected', 'failed', 'interrupted'] as const;

export type Outcome = (typeof OUTCOMES)[number];
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const isFinal = (outcome: Outcome): outcome is FinalOutcome =>
  (FINAL_OUTCOMES as readonly string[]).includes(outcome);

export const OUTCOME_LABELS: Record<Outcome | AttemptOutcome, string> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  rejected: 'Rejected',
  failed: 'Failed',
  'not-sent': 'Not sent',
  interrupted: 'Interrupted',
};

interface RunFacts {
  httpStatus?: number;
  latencyMs?: number;
  attemptCount?: number;
}

/** "HTTP 503 · 120 ms · 2 attempts": what is known of a run or of one answer; the time only where asked. */
export function runFacts(run: RunFacts, { latency = true } = {}): string[] {
  return [
    run.httpStatus !== undefined ? `HTTP ${run.httpStatus}` : undefined,
    latency && run.latencyMs !== undefined ? `${run.latencyMs} ms` : undefined,
    run.attemptCount ? plural(run.attemptCount, 'attempt') : undefined,
  ].filter((fact): fact is string => fact !== undefined);
}

/** A run's result in one line: "Delivered · HTTP 200 · 2 attempts". */
export function outcomeSummary(run: RunFacts & { outcome: Outcome | AttemptOutcome }, options?: { latency?: boolean }) {
  return [OUTCOME_LABELS[run.outcome], ...runFacts(run, options)].join(' · ');
}
