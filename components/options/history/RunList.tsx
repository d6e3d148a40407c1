import { useEffect, useRef } from 'preact/hooks';
import { formatTime, isoTime } from '@/components/shared/time';
import type { LogEntry } from '@/lib/model/log-entry';
import { outcomeSummary } from '@/lib/model/outcome';
import { truncate } from '../shared/format';
import { useVirtualizer } from './use-virtualizer';

/** Every row is this tall (CSS keeps it so), which lets the list place any of 100,000 rows without measuring. */
export const ROW_HEIGHT = 36;

/**
 * The runs, newest first, as a virtual list: only the rows in view (and a few either side) are in the
 * page, however many runs there are. `count` rows are placed (the runs loaded and those known to follow);
 * `onReach` is told the last row in view, so that the runs up to it are loaded.
 */
export function RunList({
  entries,
  count,
  openId,
  onOpen,
  onReach,
}: {
  entries: readonly LogEntry[];
  count: number;
  openId?: string;
  onOpen: (entry: LogEntry) => void;
  onReach: (index: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => entries[index]?.id ?? index,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index;
  useEffect(() => {
    if (last !== undefined) onReach(last);
  }, [last, entries.length]);

  return (
    <div class="history-list" ref={scrollRef}>
      <ul aria-label="Runs" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => {
          const entry = entries[item.index];
          const place = { height: `${item.size}px`, transform: `translateY(${item.start}px)` };
          return entry ? (
            <li
              key={entry.id}
              class={`history-row outcome-${entry.outcome}${entry.id === openId ? ' open' : ''}`}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              style={place}
            >
              <RunRow entry={entry} open={entry.id === openId} onOpen={onOpen} />
            </li>
          ) : (
            <li key={item.key} class="history-row-loading muted" aria-hidden="true" style={place}>
              Loading…
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RunRow({ entry, open, onOpen }: { entry: LogEntry; open: boolean; onOpen: (entry: LogEntry) => void }) {
  return (
    <button type="button" aria-current={open ? 'true' : undefined} onClick={() => onOpen(entry)}>
      <time class="run-time" dateTime={isoTime(entry.createdAt)}>
        {formatTime(entry.createdAt)}
      </time>
      <span class="run-action">{entry.actionLabel}</span>
      <span class="run-incident">
        <span class="run-incident-id">{entry.incident.id}</span>
        {entry.incident.title && <span class="muted"> {truncate(entry.incident.title, 120)}</span>}
      </span>
      <span class="run-outcome">{outcomeSummary(entry, { latency: false })}</span>
      <span class="run-who muted">{entry.who ?? ''}</span>
    </button>
  );
}
