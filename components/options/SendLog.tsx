import type { LogEntry } from '@/lib/model/log-entry';

const OUTCOME_LABELS: Record<LogEntry['outcome'], string> = {
  sending: 'Sending…',
  delivered: 'Delivered',
  rejected: 'Rejected',
  failed: 'Failed',
  'not-sent': 'Not sent',
};

export function SendLog({ entries }: { entries: LogEntry[] }) {
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Recent sends</h2>
      {entries.length === 0 ? (
        <p class="empty">Nothing sent yet.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Incident</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} class={`outcome-${entry.outcome}`}>
                <td>
                  <time dateTime={new Date(entry.createdAt).toISOString()}>
                    {new Date(entry.createdAt).toLocaleString()}
                  </time>
                </td>
                <td>{entry.actionLabel}</td>
                <td>
                  <a href={entry.incident.url} target="_blank" rel="noreferrer">
                    {entry.incident.id}
                  </a>
                  {entry.incident.title && <span class="muted"> {truncate(entry.incident.title, 80)}</span>}
                </td>
                <td>
                  {OUTCOME_LABELS[entry.outcome]}
                  {entry.httpStatus !== undefined && ` · HTTP ${entry.httpStatus}`}
                  {entry.latencyMs !== undefined && ` · ${entry.latencyMs} ms`}
                </td>
                <td>
                  {entry.error && <p class="field-error">{entry.error}</p>}
                  {entry.responseExcerpt && (
                    <details>
                      <summary>Response</summary>
                      <pre>{entry.responseExcerpt}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
