import type { Action } from '@/lib/model/action';
import { DEFAULT_DELIVERY } from '@/lib/model/delivery-policy';
import type { LogDetails, LogEntry } from '@/lib/model/log-entry';
import type { OutboxItem } from '@/lib/model/outbox-item';

const ACTIONS = ['Restart server', 'Collect diagnostics', 'Revert deploy', 'Update status page', 'Page the DBA'];
const HOSTS = ['db-prod-3', 'web-7', 'checkout-api', 'search-2', 'cache-11'];

/** A run of realistic size: a 1 kB request, a 500-character answer, titles that vary so search has work. */
export function makeBenchRun(i: number, createdAt: number): { entry: LogEntry; details: LogDetails; item: OutboxItem } {
  const id = crypto.randomUUID();
  const host = HOSTS[i % HOSTS.length] ?? 'host';
  const actionLabel = ACTIONS[i % ACTIONS.length] ?? 'Action';
  const incident = {
    site: 'pagerduty' as const,
    id: `Q${(100_000 + i).toString(36).toUpperCase()}`,
    title: `Incident ${i}: disk full on ${host}`,
    url: `https://acme.pagerduty.com/incidents/Q${i}`,
  };
  const body = JSON.stringify({ incident_id: incident.id, title: incident.title, notes: 'x'.repeat(900) });
  const action: Action = {
    id: `action-${i % ACTIONS.length}`,
    label: actionLabel,
    enabled: true,
    method: 'POST',
    url: 'https://hooks.example.com/run',
    headers: [],
    body,
    createdAt: 0,
    updatedAt: 0,
  };
  const entry: LogEntry = {
    id,
    actionId: action.id,
    actionLabel,
    incident,
    who: `Responder ${i % 40}`,
    outcome: 'sending',
    attemptCount: 0,
    createdAt,
  };
  const details: LogDetails = {
    id,
    request: { method: 'POST', url: action.url, headers: [['Content-Type', 'application/json']], body },
    attempts: [
      {
        number: 1,
        startedAt: createdAt,
        finishedAt: createdAt + 40,
        outcome: 'delivered',
        httpStatus: 200,
        latencyMs: 40,
        responseExcerpt: 'y'.repeat(500),
      },
    ],
    incident,
  };
  const item: OutboxItem = {
    id,
    invocation: { id, createdAt },
    action,
    incident,
    policy: { ...DEFAULT_DELIVERY },
    attempts: 0,
    nextAttemptAt: createdAt,
    deadline: createdAt + 20 * 60_000,
  };
  return { entry, details, item };
}
