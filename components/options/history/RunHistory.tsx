import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural } from '@/lib/core/plural';
import { type FilterChoices, filterChoices } from '@/lib/history/choices';
import { EMPTY_FILTER, type HistoryFilter, isFiltered } from '@/lib/history/filter';
import { HistoryLoader, type HistoryView } from '@/lib/history/paging';
import { onChange } from '@/lib/messaging/change-signals';
import type { Action } from '@/lib/model/action';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Database } from '@/lib/storage/database';
import { Section } from '../shared/Section';
import { ExportButtons } from './ExportButtons';
import { HistoryFilters } from './HistoryFilters';
import { RetentionSettings } from './RetentionSettings';
import { RunDetails } from './RunDetails';
import { RunList } from './RunList';
import { StorageNoticeBanner } from './StorageNoticeBanner';

/** Runs loaded past the last one in view, so that a scroll finds its rows there. */
const PAGE = 60;
const NO_CHOICES: FilterChoices = { actions: [], sites: [] };

const count = (n: number) => n.toLocaleString('en-US');

/** What the history says of its runs: exact when counted, "at least" while the rest is unread. */
function countText(view: HistoryView, filter: HistoryFilter): string {
  // The runs shown are still those of the filter before: say so rather than count them for this one.
  if (view.filter !== filter)
    return view.total === undefined ? 'searching…' : `searching ${plural(view.total, 'run')}…`;
  const all = view.total === undefined ? undefined : plural(view.total, 'run');
  if (!isFiltered(filter)) return all ?? `at least ${plural(view.runs.length, 'run')}, counting…`;
  if (view.matching !== undefined && all) return `${count(view.matching)} of ${all}`;
  const some = `at least ${count(view.runs.length)}${all ? ` of ${all}` : ''} match`;
  return view.searching ? `${some}, searching…` : `${some}; scroll for more`;
}

/**
 * Every run, newest first: searched and filtered as one types, opened one at a time, exported, pruned. The
 * log is read a page at a time, as the list reaches it (lib/history/paging.ts), never whole.
 */
export function RunHistory({ db, actions }: { db: Database; actions: readonly Action[] }) {
  const [view, setView] = useState<HistoryView>();
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const [opened, setOpened] = useState<LogEntry>();
  const [changes, setChanges] = useState(0);
  const [choices, setChoices] = useState(NO_CHOICES);
  const loader = useRef<HistoryLoader>(undefined);
  const [failure, setFailure] = useState<string>();
  const want = (from: HistoryLoader, count: number) =>
    void from.want(count).catch((error: Error) => setFailure(`Could not read the history: ${error.message}`));

  useEffect(() => onChange('logChangedAt', () => setChanges((n) => n + 1)), []);

  /** The log the loader read: a new filter over the same log need not count it again. */
  const readLog = useRef<{ db: Database; changes: number }>(undefined);
  useEffect(() => {
    const sameLog = readLog.current?.db === db && readLog.current.changes === changes;
    readLog.current = { db, changes };
    // The view shown stays until the new one's first rows are read: no flash of an empty list.
    const next = new HistoryLoader(db, filter, Date.now(), setView, sameLog ? loader.current?.counted : undefined);
    loader.current = next;
    setFailure(undefined);
    want(next, PAGE);
    return () => next.stop();
  }, [db, filter, changes]);

  const labels = useMemo(() => new Map(actions.map((action) => [action.id, action.label])), [actions]);
  const shown = view !== undefined;
  useEffect(() => {
    // After the first rows: the choices can wait for them.
    if (!shown) return;
    let current = true;
    void filterChoices(db, labels).then(
      (found) => current && setChoices(found),
      (error: Error) => current && setFailure(`Could not read the history: ${error.message}`),
    );
    return () => {
      current = false;
    };
  }, [db, labels, changes, shown]);

  const runs = view?.runs ?? [];
  const open = opened && (runs.find((entry) => entry.id === opened.id) ?? opened);

  return (
    <Section
      id="history"
      title="History"
      class="history"
      tools={<ExportButtons db={db} filter={filter} none={!runs.length} />}
    >
      <StorageNoticeBanner />
      {view === undefined ? (
        <p class="muted">Loading…</p>
      ) : !isFiltered(view.filter) && view.ended && view.runs.length === 0 ? (
        <p class="empty">Nothing sent yet.</p>
      ) : (
        <>
          <HistoryFilters filter={filter} choices={choices} onChange={setFilter} />
          <p class="history-count" role="status">
            {countText(view, filter)}
          </p>
          {failure && (
            <p class="field-error" role="alert">
              {failure}
            </p>
          )}
          {view.ended && runs.length === 0 ? (
            <p class="empty">No run matches.</p>
          ) : (
            <RunList
              entries={runs}
              count={view.matching ?? runs.length}
              openId={open?.id}
              onOpen={setOpened}
              onReach={(index) => loader.current && want(loader.current, index + PAGE)}
            />
          )}
          {open && <RunDetails key={open.id} db={db} entry={open} onClose={() => setOpened(undefined)} />}
        </>
      )}
      <details class="retention-settings">
        <summary>How much history is kept</summary>
        <RetentionSettings db={db} />
      </details>
    </Section>
  );
}
