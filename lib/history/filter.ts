import type { LogEntry } from '../model/log-entry';
import { isFinal, OUTCOME_LABELS, type Outcome } from '../model/outcome';

export const SINCE_CHOICES = ['1h', '24h', '7d', '30d'] as const;
export type HistorySince = (typeof SINCE_CHOICES)[number];

const HOUR = 60 * 60 * 1000;
const SINCE_MS: Record<HistorySince, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

export interface HistoryFilter {
  /** Words, all of which must appear (case-insensitive) in the run's text. */
  query: string;
  actionId?: string;
  /** `pending` is a run still in the outbox: sending or retrying. */
  outcome?: Outcome | 'pending';
  site?: string;
  since?: HistorySince;
}

export const EMPTY_FILTER: HistoryFilter = { query: '' };

/** Rows are immutable once loaded (a reload brings new objects), so their text is built once per row. */
const haystacks = new WeakMap<LogEntry, string>();

function haystack(entry: LogEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    // One field a line: a query word (never containing a newline) cannot match across two fields.
    text = [
      entry.actionLabel,
      entry.incident.id,
      entry.incident.title ?? '',
      entry.incident.site,
      entry.who ?? '',
      entry.error ?? '',
      entry.outcome,
      OUTCOME_LABELS[entry.outcome],
      entry.httpStatus === undefined ? '' : `HTTP ${entry.httpStatus}`,
      // The invocation id is the Idempotency-Key a receiver logs: pasting it finds the run.
      entry.id,
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Where the filter's time starts (the runs it keeps are not older), if it has one. */
export function sinceStart(filter: HistoryFilter, now: number): number | undefined {
  return filter.since ? now - SINCE_MS[filter.since] : undefined;
}

/** The test a run must pass, or undefined when the filter keeps every run. */
export function runMatcher(filter: HistoryFilter, now: number): ((entry: LogEntry) => boolean) | undefined {
  const words = queryWords(filter.query);
  const after = sinceStart(filter, now);
  const { actionId, outcome, site } = filter;
  if (!words.length && after === undefined && !actionId && !outcome && !site) return undefined;
  return (entry) => {
    if (actionId && entry.actionId !== actionId) return false;
    if (site && entry.incident.site !== site) return false;
    if (after !== undefined && entry.createdAt < after) return false;
    if (outcome === 'pending') {
      if (isFinal(entry.outcome)) return false;
    } else if (outcome && entry.outcome !== outcome) return false;
    if (words.length) {
      const text = haystack(entry);
      for (const word of words) if (!text.includes(word)) return false;
    }
    return true;
  };
}

/**
 * The runs matching every part of the filter, in their order. Linear, with each row's lowercase text
 * cached; the history pages through the log with the same test (lib/history/paging.ts).
 */
export function filterRuns(entries: LogEntry[], filter: HistoryFilter, now: number): LogEntry[] {
  const matches = runMatcher(filter, now);
  return matches ? entries.filter(matches) : entries;
}

/** Only a time: the index counts those runs without reading them. */
export function isTimeOnly(filter: HistoryFilter): boolean {
  return !queryWords(filter.query).length && !filter.actionId && !filter.outcome && !filter.site;
}

export function isFiltered(filter: HistoryFilter): boolean {
  return Boolean(queryWords(filter.query).length || filter.actionId || filter.outcome || filter.site || filter.since);
}
