/** Log rows for the tests that read the history. Not a test file itself (vitest only collects *.test.ts[x]). */
import type { LogEntry } from '@/lib/model/log-entry';

/** A run that ended: delivered at its second attempt, by Dana Ops; override any field. */
export const endedRun = (overrides: Partial<LogEntry> = {}): LogEntry => ({
  id: 'run-1',
  actionId: 'a1',
  actionLabel: 'Restart server',
  incident: { site: 'pagerduty', id: 'Q1DBFULL7X2M', url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M' },
  who: 'Dana Ops',
  outcome: 'delivered',
  httpStatus: 200,
  attemptCount: 2,
  createdAt: 1,
  finishedAt: 2,
  ...overrides,
});

/** The history's clock: the runs below are placed relative to it. */
export const HISTORY_NOW = Date.UTC(2025, 4, 12, 12, 0, 0);
export const HOUR = 60 * 60 * 1000;

/** A run half an hour before HISTORY_NOW, delivered at once, with a random id; override any field. */
export function historyRun(overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    id: crypto.randomUUID(),
    actionId: 'restart',
    actionLabel: 'Restart server',
    incident: {
      site: 'pagerduty',
      id: 'Q1DBFULL7X2M',
      title: 'Database disk full on db-prod-3',
      url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M',
    },
    outcome: 'delivered',
    httpStatus: 200,
    latencyMs: 120,
    attemptCount: 1,
    createdAt: HISTORY_NOW - HOUR / 2,
    finishedAt: HISTORY_NOW - HOUR / 2 + 120,
    ...overrides,
  };
}
