import { runOrderNote } from '@/components/shared/run-order';
import { clockTime } from '@/components/shared/time';
import type { IncidentRun } from '@/lib/model/log-entry';
import { OUTCOME_LABELS, runFacts } from '@/lib/model/outcome';

/**
 * This incident's runs, newest first, like the entries PagerDuty adds to an incident's timeline: what ran,
 * who ran it, how it ended, and the start of the answer. Text only: answers come from endpoints.
 */
export function RunTimeline({ runs, onClose }: { runs: IncidentRun[]; onClose: () => void }) {
  return (
    <section class="timeline" aria-label="Runs on this incident">
      <header>
        <h2>Runs on this incident</h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close runs
        </button>
      </header>
      <ol>
        {runs.map((run) => (
          <li key={run.id} class={`run outcome-${run.outcome}`}>
            <p>
              <time dateTime={new Date(run.createdAt).toISOString()}>{clockTime(run.createdAt)}</time>{' '}
              <strong>{run.actionLabel}</strong> · {OUTCOME_LABELS[run.outcome]}
              {runFacts(run).map((fact) => ` · ${fact}`)}
            </p>
            {run.event && (
              <p class="muted">
                {run.event.type} · {run.event.state}
                {run.event.followUpOf ? ' (follow-up, from the answer to the first event)' : ''}
              </p>
            )}
            {run.who && <p class="muted">by {run.who}</p>}
            {runOrderNote(run) && <p class="muted run-order">{runOrderNote(run)}</p>}
            {run.outcome === 'retrying' && run.nextAttemptAt !== undefined && (
              <p class="muted">next attempt at {clockTime(run.nextAttemptAt)}</p>
            )}
            {run.error && <p class="run-error">{run.error}</p>}
            {run.note && (
              <p class="muted">
                {run.note.outcome === 'posted' ? 'Noted on the incident' : `Note not posted: ${run.note.error}`}
              </p>
            )}
            {run.lastResponse && (
              <details>
                <summary>Response</summary>
                <pre>{run.lastResponse}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
