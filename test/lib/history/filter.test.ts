import { describe, expect, it } from 'vitest';
import { filterRuns, type HistoryFilter } from '@/lib/history/filter';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Outcome } from '@/lib/model/outcome';
import { HOUR, HISTORY_NOW as NOW, historyRun as run } from '../../support/log-entries';

const ids = (entries: LogEntry[]) => entries.map((entry) => entry.id);
const filter = (entries: LogEntry[], change: Partial<HistoryFilter>) =>
  ids(filterRuns(entries, { query: '', ...change }, NOW));

describe('filterRuns', () => {
  const restart = run({ id: 'restart', who: 'Ada Lovelace' });
  const page = run({
    id: 'page',
    actionId: 'page-db',
    actionLabel: 'Page the DBA',
    incident: { site: 'opsgenie', id: 'OG-77', title: 'Replication lag', url: 'https://x.app.opsgenie.com/alert/77' },
    outcome: 'rejected',
    httpStatus: 403,
    error: 'Forbidden by the proxy',
    createdAt: NOW - 3 * HOUR,
  });
  const retrying = run({
    id: 'retrying',
    outcome: 'retrying',
    httpStatus: 503,
    attemptCount: 2,
    createdAt: NOW - 2 * 24 * HOUR,
  });
  const sending = run({ id: 'sending', outcome: 'sending', httpStatus: undefined, createdAt: NOW - 10 * 24 * HOUR });
  const notSent = run({
    id: 'not-sent',
    outcome: 'not-sent',
    httpStatus: undefined,
    attemptCount: 0,
    error: 'Access to hooks.example.com was not granted',
    createdAt: NOW - 40 * 24 * HOUR,
  });
  const all = [restart, page, retrying, sending, notSent];

  it('keeps everything, in order, when nothing is asked', () => {
    expect(filter(all, {})).toEqual(['restart', 'page', 'retrying', 'sending', 'not-sent']);
    expect(filter(all, { query: '   ' })).toHaveLength(5);
  });

  it('searches each field, case-insensitively', () => {
    expect(filter(all, { query: 'page the dba' })).toEqual(['page']); // action label
    expect(filter(all, { query: 'og-77' })).toEqual(['page']); // incident id
    expect(filter(all, { query: 'REPLICATION' })).toEqual(['page']); // title
    expect(filter(all, { query: 'opsgenie' })).toEqual(['page']); // site
    expect(filter(all, { query: 'lovelace' })).toEqual(['restart']); // who
    expect(filter(all, { query: 'not granted' })).toEqual(['not-sent']); // error
    expect(filter(all, { query: 'rejected' })).toEqual(['page']); // outcome
    expect(filter(all, { query: 'http 503' })).toEqual(['retrying']); // HTTP status
    expect(filter(all, { query: 'HTTP 40' })).toEqual(['page']);
    expect(filter(all, { query: 'nowhere' })).toEqual([]);
  });

  it('finds a run by its Idempotency-Key, the invocation id a receiver logs', () => {
    const key = '0b9a4f5e-3c1d-4e8a-9f2b-7d6c5e4a3b21';
    const keyed = run({ id: key });
    expect(filter([...all, keyed], { query: key.toUpperCase() })).toEqual([key]);
    expect(filter([...all, keyed], { query: key.slice(0, 13) })).toEqual([key]);
  });

  it('needs every word, each anywhere, but not across two fields', () => {
    expect(filter(all, { query: 'restart 503' })).toEqual(['retrying']);
    expect(filter(all, { query: 'db-prod-3 ada' })).toEqual(['restart']);
    expect(filter(all, { query: 'dba lovelace' })).toEqual([]);
    // "prod-3" ends the title and "pagerduty" starts the next field: no match over the seam.
    expect(filter(all, { query: 'prod-3pagerduty' })).toEqual([]);
  });

  it('filters by action, site, outcome and pending', () => {
    expect(filter(all, { actionId: 'page-db' })).toEqual(['page']);
    expect(filter(all, { site: 'pagerduty' })).toEqual(['restart', 'retrying', 'sending', 'not-sent']);
    expect(filter(all, { outcome: 'not-sent' })).toEqual(['not-sent']);
    expect(filter(all, { outcome: 'delivered' })).toEqual(['restart']);
    expect(filter(all, { outcome: 'pending' })).toEqual(['retrying', 'sending']);
  });

  it('filters by time', () => {
    expect(filter(all, { since: '1h' })).toEqual(['restart']);
    expect(filter(all, { since: '24h' })).toEqual(['restart', 'page']);
    expect(filter(all, { since: '7d' })).toEqual(['restart', 'page', 'retrying']);
    expect(filter(all, { since: '30d' })).toEqual(['restart', 'page', 'retrying', 'sending']);
  });

  it('combines the filters', () => {
    expect(filter(all, { site: 'pagerduty', outcome: 'pending', since: '7d' })).toEqual(['retrying']);
    expect(filter(all, { query: 'restart', actionId: 'page-db' })).toEqual([]);
  });

  it('sees a row that changed, since a reload brings new objects', () => {
    const before = run({ id: 'x', outcome: 'retrying' });
    expect(filter([before], { query: 'retrying' })).toEqual(['x']);
    const after = { ...before, outcome: 'delivered' as const };
    expect(filter([after], { query: 'retrying' })).toEqual([]);
  });

  it('filters 100,000 runs correctly and fast', () => {
    const outcomes: Outcome[] = ['delivered', 'rejected', 'failed', 'not-sent', 'retrying', 'sending'];
    const many: LogEntry[] = Array.from({ length: 100_000 }, (_, i) =>
      run({
        id: `run-${i}`,
        actionId: `action-${i % 7}`,
        actionLabel: `Action ${i % 7}`,
        incident: {
          site: i % 2 ? 'pagerduty' : 'opsgenie',
          id: `INC-${i}`,
          title: `Incident number ${i}`,
          url: 'https://x',
        },
        outcome: outcomes[i % outcomes.length],
        httpStatus: i % 3 === 0 ? 500 : 200,
        createdAt: NOW - i * 60_000,
      }),
    );
    // The obvious, slow reading of the rule, to compare with.
    const naive = (entry: LogEntry, words: string[]) =>
      words.every((word) =>
        [
          entry.actionLabel,
          entry.incident.id,
          entry.incident.title,
          entry.incident.site,
          entry.outcome,
          `HTTP ${entry.httpStatus}`,
        ].some((field) => field?.toLowerCase().includes(word)),
      );
    const started = performance.now();
    const found = filterRuns(many, { query: 'number 77 HTTP 500', actionId: 'action-3' }, NOW);
    const first = performance.now() - started;
    const expected = many.filter(
      (entry) => entry.actionId === 'action-3' && naive(entry, ['number', '77', 'http', '500']),
    );
    expect(found.length).toBeGreaterThan(100);
    expect(ids(found)).toEqual(ids(expected));
    for (const query of ['opsgenie rejected', 'action 5 failed', 'inc-4242']) {
      const words = query.split(' ');
      expect(ids(filterRuns(many, { query }, NOW))).toEqual(ids(many.filter((entry) => naive(entry, words))));
    }

    const again = performance.now();
    const narrowed = filterRuns(many, { query: 'INC-99999' }, NOW);
    const second = performance.now() - again;
    expect(ids(narrowed)).toEqual(['run-99999']);
    expect(filterRuns(many, { query: '', since: '1h' }, NOW)).toHaveLength(61);
    // Generous bounds (CI machines vary); a scan that rebuilt every row's text per keystroke would be slower.
    expect(first).toBeLessThan(2_000);
    expect(second).toBeLessThan(300);
  });
});
