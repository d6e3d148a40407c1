import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural } from '@/lib/core/plural';
import { filterChoices } from '@/lib/history/choices';
import { EMPTY_FILTER, filterRuns, type HistoryFilter, isFiltered } from '@/lib/history/filter';
import { onChange } from '@/lib/messaging/change-signals';
import type { Action } from '@/lib/model/action';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Database } from '@/lib/storage/database';
import { allLogEntries, recentLogEntries } from '@/lib/storage/log-store';
import { Section } from '../shared/Section';
import { ExportButtons } from './ExportButtons';
import { HistoryFilters } from './HistoryFilters';
import { RetentionSettings } from './RetentionSettings';
import { RunDetails } from './RunDetails';
import { RunList } from './RunList';
import { StorageNoticeBanner } from './StorageNoticeBanner';

const NONE: LogEntry[] = [];
const FIRST_SCREEN = 60;

/** Every run, newest first: searched and filtered as one types, opened one at a time, exported, pruned. */
export function RunHistory({ db, actions }: { db: Database; actions: readonly Action[] }) {
  const [entries, setEntries] = useState<LogEntry[]>();
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const [openId, setOpenId] = useState<string>();
  const loads = useRef(0);
  /** While only the newest screen is loaded (the first open of a long history): how many runs there are. */
  const [loadingTotal, setLoadingTotal] = useState<number>();

  const reload = async () => {
    const load = ++loads.current;
    if (load === 1) {
      // The newest screen first, in a few ms; the whole history (for search and counts) follows.
      const [newest, total] = await Promise.all([recentLogEntries(db, FIRST_SCREEN), db.count('log')]);
      if (load === loads.current && newest.length < total) {
        setEntries(newest);
        setLoadingTotal(total);
      }
    }
    const all = await allLogEntries(db);
    // A slower, older load must not replace a newer one.
    if (load === loads.current) {
      setEntries(all);
      setLoadingTotal(undefined);
    }
  };

  useEffect(() => {
    void reload();
    return onChange('logChangedAt', () => void reload());
  }, [db]);

  const all = entries ?? NONE;
  const shown = useMemo(() => filterRuns(all, filter, Date.now()), [all, filter]);
  const labels = useMemo(() => new Map(actions.map((action) => [action.id, action.label])), [actions]);
  const choices = useMemo(() => filterChoices(all, labels), [all, labels]);
  const open = openId === undefined ? undefined : all.find((entry) => entry.id === openId);

  return (
    <Section id="history" title="History" class="history" tools={<ExportButtons db={db} entries={shown} />}>
      <StorageNoticeBanner />
      {entries === undefined ? (
        <p class="muted">Loading…</p>
      ) : all.length === 0 ? (
        <p class="empty">Nothing sent yet.</p>
      ) : (
        <>
          <HistoryFilters filter={filter} choices={choices} onChange={setFilter} />
          <p class="history-count" role="status">
            {loadingTotal !== undefined
              ? `Loading ${plural(loadingTotal, 'run')}: the newest ${all.length} shown`
              : isFiltered(filter)
                ? `${shown.length.toLocaleString('en-US')} of ${plural(all.length, 'run')}`
                : plural(all.length, 'run')}
          </p>
          {shown.length === 0 ? (
            <p class="empty">No run matches.</p>
          ) : (
            <RunList entries={shown} openId={openId} onOpen={(entry) => setOpenId(entry.id)} />
          )}
          {open && <RunDetails key={open.id} db={db} entry={open} onClose={() => setOpenId(undefined)} />}
        </>
      )}
      <details class="retention-settings">
        <summary>How much history is kept</summary>
        <RetentionSettings db={db} />
      </details>
    </Section>
  );
}
