import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterRuns, type HistoryFilter } from '@/lib/history/filter';
import { HistoryLoader, type HistoryView, historyPage, historyPages } from '@/lib/history/paging';
import type { LogEntry } from '@/lib/model/log-entry';
import { OUTCOMES } from '@/lib/model/outcome';
import type { Database } from '@/lib/storage/database';
import type { LogPosition } from '@/lib/storage/log-store';
import { freshDatabase } from '../../support/builders';
import { HOUR, historyRun, HISTORY_NOW as NOW } from '../../support/log-entries';

const WORDS = ['disk', 'full', 'db-prod-3', 'web-7', 'Replication', 'lag', 'Ada', 'Dana', 'forbidden', 'timeout'];

/** A few distinct times, so many runs share one (ties in the index), over 40 days. */
const arbitraryRun = (id: string) =>
  fc
    .record({
      time: fc.constantFrom(0, 1, 2, 30, 30 * 24, 40 * 24),
      actionId: fc.constantFrom('restart', 'page', 'revert'),
      site: fc.constantFrom('pagerduty', 'opsgenie', 'incident-io'),
      incidentId: fc.constantFrom('Q1AB', 'Q2BT', 'OG-77'),
      title: fc.option(fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }), { nil: undefined }),
      who: fc.option(fc.constantFrom('Ada Lovelace', 'Dana Ops'), { nil: undefined }),
      outcome: fc.constantFrom(...OUTCOMES),
      httpStatus: fc.option(fc.constantFrom(200, 403, 410, 503), { nil: undefined }),
      error: fc.option(fc.constantFrom('Forbidden by the proxy', 'timeout'), { nil: undefined }),
    })
    .map(
      (r): LogEntry =>
        historyRun({
          id,
          actionId: r.actionId,
          actionLabel: `Action ${r.actionId}`,
          incident: { site: r.site, id: r.incidentId, title: r.title?.join(' '), url: 'https://x' },
          who: r.who,
          outcome: r.outcome,
          httpStatus: r.httpStatus,
          error: r.error,
          createdAt: NOW - r.time * HOUR,
        }),
    );

const arbitraryLog = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 40 })
  .chain((ids) => fc.tuple(...ids.map(arbitraryRun)));

/** Words (and parts of words: a search matches inside them), outcomes, statuses, ids. */
const arbitraryFilter: fc.Arbitrary<HistoryFilter> = fc.record({
  query: fc
    .array(fc.constantFrom(...WORDS, 'dis', 'b-pro', 'http 4', 'delivered', 'q2', 'action', '7', 'a', 'zzz', ' '), {
      maxLength: 3,
    })
    .map((words) => words.join(' ')),
  actionId: fc.option(fc.constantFrom('restart', 'page', 'nope'), { nil: undefined }),
  outcome: fc.option(fc.constantFrom(...OUTCOMES, 'pending' as const), { nil: undefined }),
  site: fc.option(fc.constantFrom('pagerduty', 'opsgenie'), { nil: undefined }),
  since: fc.option(fc.constantFrom('1h' as const, '24h' as const, '30d' as const), { nil: undefined }),
});

async function seed(db: Database, runs: readonly LogEntry[]) {
  const tx = db.transaction('log', 'readwrite');
  await Promise.all([...runs.map((run) => tx.store.put(run)), tx.done]);
}

/**
 * What the history showed when it loaded every row: the whole log newest first, then `filterRuns`. Rows of the
 * same time come in the index's order (greater id first): the old in-memory sort kept them in key order instead.
 */
const fullScan = (runs: readonly LogEntry[], filter: HistoryFilter) =>
  filterRuns(
    [...runs].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)),
    filter,
    NOW,
  ).map((run) => run.id);

/** The log is read in batches where the browser has `getAllRecords`, by a cursor where it has not: both, here. */
const withoutBatches = () => {
  const batched = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords');
  beforeAll(() => {
    if (!batched) throw new Error('fake-indexeddb has no getAllRecords: the batched walk goes untested');
    Reflect.deleteProperty(IDBIndex.prototype, 'getAllRecords');
  });
  afterAll(() => {
    if (batched) Object.defineProperty(IDBIndex.prototype, 'getAllRecords', batched);
  });
};

describe.each([
  ['in batches', () => {}],
  ['by a cursor', withoutBatches],
])('history paging, %s', (_, setUp) => {
  setUp();
  it('gives the runs a full scan and filterRuns give, in their order, at any page size and budget, with rows deleted between pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryLog,
        arbitraryFilter,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (runs, filter, limit, budget, deletions) => {
          const db = await freshDatabase();
          try {
            await seed(db, runs);
            const shown: string[] = [];
            const deletedUnshown = new Set<string>();
            let after: LogPosition | undefined;
            for (let pages = 0; ; pages++) {
              const page = await historyPage(db, filter, NOW, { after, limit, budget });
              expect(page.runs.length).toBeLessThanOrEqual(limit);
              expect(page.read).toBeLessThanOrEqual(budget);
              shown.push(...page.runs.map((run) => run.id));
              if (page.ended) break;
              after = page.next;
              // Between pages, a row goes (pruned): one already read, the very row the next page starts after, or one ahead.
              const pick = deletions[pages];
              if (pick !== undefined) {
                const keys = await db.getAllKeys('log');
                const gone = pick % 3 === 0 && after ? after.id : keys[pick % Math.max(1, keys.length)];
                if (gone !== undefined) {
                  await db.delete('log', gone);
                  if (!shown.includes(gone)) deletedUnshown.add(gone);
                }
              }
              expect(pages).toBeLessThan(200);
            }
            expect(shown).toEqual(fullScan(runs, filter).filter((id) => !deletedUnshown.has(id)));
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('loads as the list asks, tells each step, and counts only what it knows', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryLog,
        arbitraryFilter,
        fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 1, maxLength: 4 }),
        async (runs, filter, asks) => {
          const db = await freshDatabase();
          try {
            await seed(db, runs);
            const expected = fullScan(runs, filter);
            const views: HistoryView[] = [];
            const loader = new HistoryLoader(db, filter, NOW, (view) => views.push(view));
            let wanted = 0;
            for (const ask of asks) {
              wanted = Math.max(wanted, ask);
              await loader.want(ask);
              const view = views.at(-1);
              if (!view) throw new Error('no view told');
              expect(view.total).toBe(runs.length);
              expect(view.searching).toBe(false);
              // Exactly the screen asked for (or all there is), the first runs of the full scan.
              expect(view.runs.map((run) => run.id)).toEqual(
                expected.slice(0, Math.max(wanted, view.ended ? Infinity : 0)),
              );
              if (view.matching !== undefined) expect(view.matching).toBe(expected.length);
              if (view.ended) expect(view.runs).toHaveLength(expected.length);
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('reads a long log a step at a time, says it is searching in between, and stops when told', async () => {
    const db = await freshDatabase();
    const runs = Array.from({ length: 5_000 }, (_, i) =>
      historyRun({
        id: `run-${String(i).padStart(5, '0')}`,
        createdAt: NOW - i * 1_000,
        who: i === 4_321 ? 'Ada' : 'Dana',
      }),
    );
    await seed(db, runs);
    const views: HistoryView[] = [];
    const loader = new HistoryLoader(db, { query: 'ada' }, NOW, (view) => views.push({ ...view }));
    await loader.want(60);
    // Two steps of 4,000 rows: a "searching" view with nothing found yet, then the one run, counted (the
    // total, counted after the first step, may come in a view of its own).
    const searching = views.filter((view) => view.searching);
    expect(searching.length).toBeGreaterThanOrEqual(1);
    expect(searching.every((view) => view.runs.length === 0 && view.matching === undefined)).toBe(true);
    const found = views.at(-1);
    expect([found?.runs.length, found?.searching, found?.matching, found?.total]).toEqual([1, false, 1, 5_000]);
    expect(found?.runs[0]?.id).toBe('run-04321');

    // Unfiltered: counted by the index, and only the screen asked for is read.
    const all: HistoryView[] = [];
    await new HistoryLoader(db, { query: '' }, NOW, (view) => all.push(view)).want(60);
    expect(all.every((view) => view.runs.length === 60 && !view.ended)).toBe(true);
    expect(all.at(-1)?.matching).toBe(5_000);
    // A time alone is counted by the index too.
    const lastHour: HistoryView[] = [];
    await new HistoryLoader(db, { query: '', since: '1h' }, NOW, (view) => lastHour.push(view)).want(10);
    expect(lastHour.at(-1)?.matching).toBe(3_601);

    const stopped: HistoryView[] = [];
    const stopping = new HistoryLoader(db, { query: 'nowhere' }, NOW, (view) => stopped.push(view));
    const done = stopping.want(60);
    stopping.stop();
    await done;
    expect(stopped).toEqual([]);
  });

  it('streams every matching run for an export, a page at a time', async () => {
    const db = await freshDatabase();
    const runs = Array.from({ length: 1_234 }, (_, i) =>
      historyRun({
        id: `run-${String(i).padStart(5, '0')}`,
        createdAt: NOW - i,
        outcome: i % 3 ? 'delivered' : 'failed',
      }),
    );
    await seed(db, runs);
    const pages: string[][] = [];
    for await (const page of historyPages(db, { query: 'failed' }, NOW, 100)) pages.push(page.map((run) => run.id));
    expect(pages.map((page) => page.length)).toEqual([100, 100, 100, 100, 12]);
    expect(pages.flat()).toEqual(fullScan(runs, { query: 'failed' }));
  });
});
