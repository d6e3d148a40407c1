import type { LogEntry } from '../model/log-entry';
import type { Database } from '../storage/database';
import { countLog, type LogPosition, walkLog } from '../storage/log-store';
import { type HistoryFilter, isFiltered, isTimeOnly, runMatcher, sinceStart } from './filter';

/** Rows read per step of a search: the list redraws between steps, so typing never waits on a whole log. */
const STEP_ROWS = 4_000;

export interface HistoryPage {
  runs: LogEntry[];
  /** Where the next page starts. */
  next?: LogPosition;
  /** No matching run is left past this page. */
  ended: boolean;
  read: number;
}

/**
 * Up to `limit` runs matching `filter`, newest first, from just after `after`. At most `budget` rows are
 * read, so a page may come back short and not `ended`: ask again from `next`.
 */
export async function historyPage(
  db: Database,
  filter: HistoryFilter,
  now: number,
  options: { after?: LogPosition; limit: number; budget: number },
): Promise<HistoryPage> {
  const matches = runMatcher(filter, now);
  const runs: LogEntry[] = [];
  if (options.limit <= 0) return { runs, next: options.after, ended: false, read: 0 };
  const walk = await walkLog(
    db,
    {
      after: options.after,
      notBefore: sinceStart(filter, now),
      budget: options.budget,
      // A search skips most rows: fewer, larger batches.
      firstBatch: matches ? 500 : undefined,
    },
    (entry) => {
      if (!matches || matches(entry)) runs.push(entry);
      return runs.length < options.limit;
    },
  );
  return { runs, next: walk.last, ended: walk.ended, read: walk.read };
}

/** Every matching run, newest first, a page at a time (an export): only one page is held. */
export async function* historyPages(
  db: Database,
  filter: HistoryFilter,
  now: number,
  pageSize = 500,
): AsyncGenerator<LogEntry[]> {
  let after: LogPosition | undefined;
  for (;;) {
    const page = await historyPage(db, filter, now, { after, limit: pageSize, budget: STEP_ROWS });
    if (page.runs.length) yield page.runs;
    if (page.ended) return;
    after = page.next;
  }
}

/** What the history shows at one moment: the runs loaded so far and what is known of the rest. */
export interface HistoryView {
  /** The filter these runs are for (the one typed may be newer). */
  filter: HistoryFilter;
  runs: readonly LogEntry[];
  /** Every run in the log, once counted. */
  total?: number;
  /** How many runs match, when known: counted by the index, or every row searched. */
  matching?: number;
  /** Rows are still being read for the screen asked for. */
  searching: boolean;
  ended: boolean;
}

/**
 * One filter's runs, loaded as the list asks for them: `want(n)` reads on until n runs are loaded or the
 * log ends, `STEP_ROWS` rows a step, telling `onView` after each. Rows the list never reached are never read.
 */
export class HistoryLoader {
  private runs: LogEntry[] = [];
  private next?: LogPosition;
  private ended = false;
  private wanted = 0;
  private running = false;
  private searching = false;
  private stopped = false;
  private told = false;
  private counting?: Promise<void>;
  private total?: number;
  private indexCount?: number;
  private readonly db: Database;
  private readonly filter: HistoryFilter;
  private readonly now: number;
  private readonly onView: (view: HistoryView) => void;

  /** `total`: the log's size when the caller knows it (the same log, another filter), so it is not counted again. */
  constructor(db: Database, filter: HistoryFilter, now: number, onView: (view: HistoryView) => void, total?: number) {
    this.db = db;
    this.filter = filter;
    this.now = now;
    this.onView = onView;
    this.total = total;
  }

  /** The log's size, once counted. */
  get counted(): number | undefined {
    return this.total;
  }

  stop(): void {
    this.stopped = true;
  }

  async want(count: number): Promise<void> {
    this.wanted = Math.max(this.wanted, count);
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      while (!this.stopped && !this.ended && this.runs.length < this.wanted) {
        const page = await historyPage(this.db, this.filter, this.now, {
          after: this.next,
          limit: this.wanted - this.runs.length,
          budget: STEP_ROWS,
        });
        if (this.stopped) return;
        this.runs = this.runs.concat(page.runs);
        this.next = page.next;
        this.ended = page.ended;
        this.searching = this.runs.length < this.wanted && !this.ended;
        if (this.searching) this.tell();
        // Counted after the first rows are read: a browser counts an index row by row (half a second at 100,000).
        this.counting ??= this.count();
      }
      this.searching = false;
      if (!this.stopped) this.tell();
      this.counting ??= this.count();
    } finally {
      this.running = false;
    }
    await this.counting;
  }

  private async count(): Promise<void> {
    const after = sinceStart(this.filter, this.now);
    [this.total, this.indexCount] = await Promise.all([
      this.total ?? countLog(this.db),
      isTimeOnly(this.filter) && after !== undefined ? countLog(this.db, after) : undefined,
    ]);
    if (this.told && !this.stopped) this.tell();
  }

  private tell(): void {
    this.told = true;
    const matching = !isFiltered(this.filter)
      ? this.total
      : (this.indexCount ?? (this.ended ? this.runs.length : undefined));
    this.onView({
      filter: this.filter,
      runs: this.runs,
      total: this.total,
      matching,
      searching: this.searching,
      ended: this.ended,
    });
  }
}
