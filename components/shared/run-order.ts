import type { LogEntry } from '@/lib/model/log-entry';
import { clockTime } from './time';

/**
 * Where a run stands in its action's order on its incident, in the words the modal, the timeline and the history
 * share: "Queued behind the run of 14:02:11", "Sent now, ahead of the run of 14:02:11".
 */
export function runOrderNote(run: Pick<LogEntry, 'outcome' | 'queuedBehind' | 'sentAhead'>): string | undefined {
  if (run.outcome === 'queued' && run.queuedBehind) {
    return `Queued behind the run of ${clockTime(run.queuedBehind.createdAt)}: sent when that run ends`;
  }
  if (run.sentAhead) {
    return `Sent now, ahead of the run of ${clockTime(run.sentAhead.createdAt)}, by the responder's choice`;
  }
  return undefined;
}
