import { useEffect, useRef, useState } from 'preact/hooks';
import { HeadersTable, RequestView } from '@/components/shared/RequestView';
import { runOrderNote } from '@/components/shared/run-order';
import { formatTime, isoTime } from '@/components/shared/time';
import type { Result } from '@/lib/core/result';
import type { Delivery } from '@/lib/messaging/messages';
import { askBackgroundFromPage } from '@/lib/messaging/page-client';
import type { Attempt, LogDetails, LogEntry } from '@/lib/model/log-entry';
import { OUTCOME_LABELS, outcomeSummary } from '@/lib/model/outcome';
import type { Database } from '@/lib/storage/database';
import { getLogDetails } from '@/lib/storage/log-store';
import { safeHref } from '../shared/format';

/** One run opened: what was sent (secrets masked), every attempt's answer, and Re-send. */
export function RunDetails({ db, entry, onClose }: { db: Database; entry: LogEntry; onClose: () => void }) {
  // undefined: loading; null: none kept for this run.
  const [details, setDetails] = useState<LogDetails | null>();

  useEffect(() => {
    let current = true;
    void getLogDetails(db, entry.id).then((found) => current && setDetails(found ?? null));
    return () => {
      current = false;
    };
  }, [db, entry]);

  const href = safeHref(entry.incident.url);
  return (
    <section class="run-details" aria-labelledby="run-details-heading">
      <div class="section-header">
        <h3 id="run-details-heading">
          {entry.actionLabel} · incident{' '}
          {href ? (
            <a href={href} target="_blank" rel="noreferrer">
              {entry.incident.id}
            </a>
          ) : (
            entry.incident.id
          )}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {entry.incident.title && <p class="run-title">{entry.incident.title}</p>}
      <dl class="run-facts">
        <dt>Outcome</dt>
        <dd class={`outcome-${entry.outcome}`}>{outcomeSummary(entry, { latency: false })}</dd>
        {entry.error && (
          <>
            <dt>Error</dt>
            <dd class="field-error">{entry.error}</dd>
          </>
        )}
        <dt>Started</dt>
        <dd>
          <time dateTime={isoTime(entry.createdAt)}>{formatTime(entry.createdAt)}</time>
        </dd>
        {entry.finishedAt !== undefined && (
          <>
            <dt>Finished</dt>
            <dd>
              <time dateTime={isoTime(entry.finishedAt)}>{formatTime(entry.finishedAt)}</time>
            </dd>
          </>
        )}
        {runOrderNote(entry) && (
          <>
            <dt>Order</dt>
            <dd>{runOrderNote(entry)}</dd>
          </>
        )}
        {entry.outcome === 'retrying' && entry.nextAttemptAt !== undefined && (
          <>
            <dt>Next attempt</dt>
            <dd>{formatTime(entry.nextAttemptAt)}</dd>
          </>
        )}
        {entry.who && (
          <>
            <dt>Who</dt>
            <dd>{entry.who}</dd>
          </>
        )}
        {entry.note && (
          <>
            <dt>Note on the incident</dt>
            <dd class={entry.note.outcome === 'posted' ? undefined : 'field-error'}>
              {entry.note.outcome === 'posted' ? 'Posted' : `Not posted: ${entry.note.error ?? 'failed'}`}
            </dd>
          </>
        )}
        {entry.resentFrom && (
          <>
            <dt>Sent again from</dt>
            <dd>
              <code>{entry.resentFrom}</code>
            </dd>
          </>
        )}
        <dt>Idempotency-Key</dt>
        <dd>
          <code>{entry.id}</code>
        </dd>
      </dl>
      {details === undefined ? (
        <p class="muted">Loading…</p>
      ) : details === null ? (
        <p class="empty">The request and answers of this run were not kept.</p>
      ) : (
        <>
          <SentRequest request={details.request} />
          <AttemptsTable attempts={details.attempts} />
        </>
      )}
      {details !== undefined && <Resend entry={entry} details={details} />}
    </section>
  );
}

function SentRequest({ request }: { request: LogDetails['request'] }) {
  if (!request) return <p class="empty">Nothing was sent.</p>;
  return (
    <div class="run-request">
      <h4>Request</h4>
      <RequestView request={request} label="Request sent" exact />
    </div>
  );
}

/** "Rejected, retried": a failed attempt with a later one says so, or it reads as the run's end. */
function attemptOutcome(attempt: Attempt, followed: boolean): string {
  if (!attempt.outcome) return 'In flight';
  const label = OUTCOME_LABELS[attempt.outcome];
  return followed && (attempt.outcome === 'rejected' || attempt.outcome === 'failed') ? `${label}, retried` : label;
}

function AttemptsTable({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return <p class="empty">No attempt was made.</p>;
  return (
    <div class="run-attempts">
      <h4>Attempts</h4>
      <table class="attempts">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Started</th>
            <th scope="col">Outcome</th>
            <th scope="col">HTTP</th>
            <th scope="col">Latency</th>
            <th scope="col">Error</th>
            <th scope="col">Response</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt, index) => (
            <tr key={attempt.number} class={attempt.outcome ? `outcome-${attempt.outcome}` : undefined}>
              <td>{attempt.number}</td>
              <td>
                <time dateTime={isoTime(attempt.startedAt)}>{formatTime(attempt.startedAt)}</time>
              </td>
              <td>{attemptOutcome(attempt, index < attempts.length - 1)}</td>
              <td>{attempt.httpStatus ?? ''}</td>
              <td>{attempt.latencyMs === undefined ? '' : `${attempt.latencyMs} ms`}</td>
              <td>{attempt.error && <span class="field-error">{attempt.error}</span>}</td>
              <td>
                {attempt.responseHeaders && attempt.responseHeaders.length > 0 && (
                  <details>
                    <summary>Headers ({attempt.responseHeaders.length})</summary>
                    <HeadersTable
                      headers={attempt.responseHeaders}
                      label={`Response headers, attempt ${attempt.number}`}
                    />
                  </details>
                )}
                {attempt.responseExcerpt && <pre>{attempt.responseExcerpt}</pre>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Sends the run again through the background, after saying where it goes. */
function Resend({ entry, details }: { entry: LogEntry; details: LogDetails | null }) {
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [reply, setReply] = useState<Result<Delivery>>();
  const possible = Boolean(details?.incident);

  const send = async () => {
    setAsking(false);
    setSending(true);
    setReply(undefined);
    try {
      setReply(await askBackgroundFromPage({ type: 'resend', logId: entry.id }));
    } finally {
      setSending(false);
    }
  };

  return (
    <div class="resend">
      {asking ? (
        <ConfirmResend
          question={`Send “${entry.actionLabel}” again for incident ${entry.incident.id}?${details?.request ? ` It goes to ${details.request.url}` : ''}`}
          onSend={send}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button
          type="button"
          disabled={!possible || sending}
          onClick={() => {
            setReply(undefined);
            setAsking(true);
          }}
        >
          {sending ? 'Sending…' : 'Re-send'}
        </button>
      )}
      {!possible && <p class="hint">This run was logged without its values, so it cannot be sent again.</p>}
      {reply &&
        (reply.ok ? (
          <p class={`resend-result outcome-${reply.value.outcome}`} role="status">
            Sent again: {outcomeSummary(reply.value, { latency: false })}
            {reply.value.error && ` · ${reply.value.error}`}
          </p>
        ) : (
          <p class="field-error" role="alert">
            {reply.error}
          </p>
        ))}
    </div>
  );
}

function ConfirmResend({ question, onSend, onCancel }: { question: string; onSend: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus, as in the confirmation on the incident page.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <fieldset class="confirm-resend" aria-labelledby="resend-question">
      <p id="resend-question" class="resend-question">
        {question}
      </p>
      <button type="button" class="primary" onClick={onSend}>
        Send again
      </button>
      <button type="button" ref={cancel} onClick={onCancel}>
        Cancel
      </button>
    </fieldset>
  );
}
