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

/** The CSV's header line, CRLF-ended. */
export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

/** One CRLF-ended line per run (RFC 4180): an export writes these a page at a time after `csvHeader`. */
export function csvLines(entries: readonly LogEntry[]): string {
  let text = '';
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
    text += `${row.map(csvCell).join(',')}\r\n`;
  }
  return text;
}

/** The runs as CSV: a header line, then one line per run, CRLF-separated (RFC 4180). */
export function runsToCsv(entries: readonly LogEntry[]): string {
  return csvHeader() + csvLines(entries);
}

type ExportedRun = LogEntry & Pick<LogDetails, 'request' | 'attempts'>;

export interface HistoryDocument {
  format: typeof HISTORY_FORMAT;
  version: 1;
  exportedAt: string;
  runs: ExportedRun[];
}

const exported = (entry: LogEntry, details: ReadonlyMap<string, LogDetails>): ExportedRun => {
  const found = details.get(entry.id);
  return { ...entry, request: found?.request, attempts: found?.attempts ?? [] };
};

/**
 * The JSON document written in parts, a page of runs at a time, so an export never holds every run: the
 * parts joined are exactly `JSON.stringify(document, null, 2)`.
 */
export class HistoryJsonWriter {
  private count = 0;
  private readonly now: number;
  constructor(now = Date.now()) {
    this.now = now;
  }

  start(): string {
    const head = JSON.stringify(
      { format: HISTORY_FORMAT, version: 1, exportedAt: new Date(this.now).toISOString() },
      null,
      2,
    );
    return `${head.slice(0, -2)},\n  "runs": [`;
  }

  runs(entries: readonly LogEntry[], details: ReadonlyMap<string, LogDetails>): string {
    let text = '';
    for (const entry of entries) {
      const run = JSON.stringify(exported(entry, details), null, 2).replaceAll('\n', '\n    ');
      text += `${this.count++ ? ',' : ''}\n    ${run}`;
    }
    return text;
  }

  end(): string {
    return this.count ? '\n  ]\n}' : ']\n}';
  }
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
  const writer = new HistoryJsonWriter(now);
  return writer.start() + writer.runs(entries, details) + writer.end();
}
