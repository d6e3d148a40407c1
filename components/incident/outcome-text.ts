import type { Outcome } from '@/lib/model/log-entry';

export const OUTCOME_HEADLINES: Record<Outcome, string> = {
  sending: 'Sending…',
  retrying: 'Retrying',
  delivered: 'Delivered',
  rejected: 'Rejected by the endpoint',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

/** "HTTP 503 · 120 ms · 2 attempts": what is known of a run or a reply, in one line. */
export function runFacts(run: { httpStatus?: number; latencyMs?: number; attemptCount?: number }): string[] {
  return [
    run.httpStatus !== undefined ? `HTTP ${run.httpStatus}` : undefined,
    run.latencyMs !== undefined ? `${run.latencyMs} ms` : undefined,
    run.attemptCount !== undefined && run.attemptCount > 1 ? `${run.attemptCount} attempts` : undefined,
  ].filter((fact): fact is string => fact !== undefined);
}

export const clockTime = (time: number) => new Date(time).toLocaleTimeString();
