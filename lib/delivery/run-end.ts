import { plural } from '../core/plural';
import type { LogEntry } from '../model/log-entry';
import type { OutboxItem } from '../model/outbox-item';
import { OUTCOME_LABELS } from '../model/outcome';
import { postPagerDutyNote } from '../sites/pagerduty/note.background';
import { getApiAccess } from '../storage/api-access-store';
import type { Database } from '../storage/database';
import { getLogDetails, setLogNote } from '../storage/log-store';
import { pruneByRetention } from '../storage/retention-store';

/** The note's text: what ran, how it ended, who ran it, and the start of the answer. */
export function noteText(entry: LogEntry, answer?: string): string {
  const facts = [
    entry.httpStatus !== undefined ? `HTTP ${entry.httpStatus}` : undefined,
    plural(entry.attemptCount, 'attempt'),
    entry.who ? `by ${entry.who}` : undefined,
  ].filter(Boolean);
  const ended = OUTCOME_LABELS[entry.outcome].toLowerCase();
  const lines = [`Incident Actions: “${entry.actionLabel}” ${ended} (${facts.join(', ')}).`];
  if (entry.error) lines.push(entry.error);
  if (answer) lines.push(`Response: ${answer.length > 500 ? `${answer.slice(0, 500)}…` : answer}`);
  return lines.join('\n');
}

/**
 * The browser notification when a run that needed retries ends: by then the responder may have closed the
 * modal, or the browser may have restarted. A run that ended at its first attempt was shown in the modal.
 */
export function finalNotice(entry: LogEntry): { title: string; message: string } | undefined {
  if (entry.attemptCount <= 1) return undefined;
  const facts = [
    `incident ${entry.incident.id}`,
    plural(entry.attemptCount, 'attempt'),
    entry.httpStatus !== undefined ? `HTTP ${entry.httpStatus}` : undefined,
  ].filter(Boolean);
  const message = [facts.join(' · '), entry.outcome === 'delivered' ? undefined : entry.error]
    .filter(Boolean)
    .join('\n');
  return { title: `${OUTCOME_LABELS[entry.outcome]}: ${entry.actionLabel}`, message: message.slice(0, 300) };
}

export interface RunEndDeps {
  db: Database;
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
  /** Shows a browser notification, keyed by the run (a click on it opens the incident). */
  notify: (runId: string, notice: { title: string; message: string }) => Promise<void>;
  /** The log changed: the note's outcome was written. */
  onLogChanged: () => void;
  now?: () => number;
}

/** A run ended: the note back to the incident if the action asks for one, the notification, the history trimmed. */
export async function finishRun(deps: RunEndDeps, entry: LogEntry, item: OutboxItem): Promise<void> {
  // One note per click: the first event's run says how the action went; its follow-ups only report that.
  if (item.action.postNote && !item.event?.followUpOf) {
    const answer = (await getLogDetails(deps.db, entry.id))?.attempts.at(-1)?.responseExcerpt;
    const access = await getApiAccess(deps.db, 'pagerduty');
    await setLogNote(deps.db, entry.id, await postPagerDutyNote(deps, access, item.incident, noteText(entry, answer)));
    deps.onLogChanged();
  }
  const notice = finalNotice(entry);
  if (notice) await deps.notify(entry.id, notice);
  await pruneByRetention(deps.db, (deps.now ?? Date.now)());
}
