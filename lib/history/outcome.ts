import type { Outcome } from '../model/log-entry';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  sending: 'Sending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  rejected: 'Rejected',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

/** A run's result in one line: "Delivered · HTTP 200 · 2 attempts". */
export function outcomeSummary(run: { outcome: Outcome; httpStatus?: number; attemptCount?: number }): string {
  const parts = [OUTCOME_LABELS[run.outcome]];
  if (run.httpStatus !== undefined) parts.push(`HTTP ${run.httpStatus}`);
  if (run.attemptCount) parts.push(`${run.attemptCount} ${run.attemptCount === 1 ? 'attempt' : 'attempts'}`);
  return parts.join(' · ');
}
