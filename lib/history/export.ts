import type { LogDetails, LogEntry } from '../model/log-entry';

const HISTORY_FORMAT = 'incident-actions-history';

const CSV_COLUMNS = [
  'created_at',
  'action',
  'incident_site',
  'incident_id',
  'incident_title',
  'who',
  'outcome',
  'http_status',
  'attempts',
  'latency_ms',
  'error',
  'finished_at',
  'id',
] as const;

const iso = (time: number | undefined) => (time === undefined ? '' : new Date(time).toISOString());

/**
 * A cell as RFC 4180 wants it, and inert in a spreadsheet: text that a spreadsheet would read as a formula
 * (incident titles come from the incident page, so they may be hostile) starts with an apostrophe.
 */
function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The runs as CSV: a header line, then one line per run, CRLF-separated (RFC 4180). */
export function runsToCsv(entries: readonly LogEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    const row: (string | number | undefined)[] = [
      iso(entry.createdAt),
      entry.actionLabel,
      entry.incident.site,
      entry.incident.id,
      entry.incident.title,
      entry.who,
      entry.outcome,
      entry.httpStatus,
      entry.attemptCount,
      entry.latencyMs,
      entry.error,
      iso(entry.finishedAt),
      entry.id,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface HistoryDocument {
  format: typeof HISTORY_FORMAT;
  version: 1;
  exportedAt: string;
  runs: (LogEntry & Pick<LogDetails, 'request' | 'attempts'>)[];
}

/**
 * The runs with their requests (secrets already masked when logged) and attempts, as a versioned document.
 * The values kept for a re-send (incident, answers) stay out.
 */
export function runsToJson(
  entries: readonly LogEntry[],
  details: ReadonlyMap<string, LogDetails>,
  now = Date.now(),
): string {
  const document: HistoryDocument = {
    format: HISTORY_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    runs: entries.map((entry) => {
      const found = details.get(entry.id);
      return { ...entry, request: found?.request, attempts: found?.attempts ?? [] };
    }),
  };
  return JSON.stringify(document, null, 2);
}
