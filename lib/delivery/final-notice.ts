import type { LogEntry } from '../model/log-entry';

/**
 * The browser notification when a run that needed retries ends: by then the responder may have closed the
 * modal, or the browser may have restarted. A run that ended at its first attempt was shown in the modal.
 */
export function finalNotice(entry: LogEntry): { title: string; message: string } | undefined {
  if (entry.attemptCount <= 1) return undefined;
  const verb = entry.outcome === 'delivered' ? 'Delivered' : entry.outcome === 'rejected' ? 'Rejected' : 'Failed';
  const facts = [
    `incident ${entry.incident.id}`,
    `${entry.attemptCount} attempts`,
    entry.httpStatus !== undefined ? `HTTP ${entry.httpStatus}` : undefined,
  ].filter(Boolean);
  const message = [facts.join(' · '), entry.outcome === 'delivered' ? undefined : entry.error]
    .filter(Boolean)
    .join('\n');
  return { title: `${verb}: ${entry.actionLabel}`, message: message.slice(0, 300) };
}
