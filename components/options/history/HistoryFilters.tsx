import type { FilterChoices } from '@/lib/history/choices';
import { type HistoryFilter, type HistorySince, SINCE_CHOICES } from '@/lib/history/filter';
import { FINAL_OUTCOMES, OUTCOME_LABELS, type Outcome } from '@/lib/model/outcome';

const SINCE_LABELS: Record<HistorySince, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

export function HistoryFilters({
  filter,
  choices,
  onChange,
}: {
  filter: HistoryFilter;
  choices: FilterChoices;
  onChange: (filter: HistoryFilter) => void;
}) {
  const set = (change: Partial<HistoryFilter>) => onChange({ ...filter, ...change });
  const chosen = (event: Event) => (event.currentTarget as HTMLSelectElement).value || undefined;

  return (
    <div class="history-filters">
      <input
        type="search"
        class="history-search"
        aria-label="Search history"
        placeholder="Search action, incident, who, error, HTTP status, Idempotency-Key…"
        value={filter.query}
        onInput={(event) => set({ query: event.currentTarget.value })}
      />
      <select aria-label="Action" value={filter.actionId ?? ''} onChange={(event) => set({ actionId: chosen(event) })}>
        <option value="">All actions</option>
        {choices.actions.map((action) => (
          <option key={action.id} value={action.id}>
            {action.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Outcome"
        value={filter.outcome ?? ''}
        onChange={(event) => set({ outcome: chosen(event) as Outcome | 'pending' | undefined })}
      >
        <option value="">All outcomes</option>
        {FINAL_OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {OUTCOME_LABELS[outcome]}
          </option>
        ))}
        <option value="pending">Queued, sending or retrying</option>
      </select>
      <select aria-label="Site" value={filter.site ?? ''} onChange={(event) => set({ site: chosen(event) })}>
        <option value="">All sites</option>
        {choices.sites.map((site) => (
          <option key={site} value={site}>
            {site}
          </option>
        ))}
      </select>
      <select
        aria-label="Time"
        value={filter.since ?? ''}
        onChange={(event) => set({ since: chosen(event) as HistorySince | undefined })}
      >
        <option value="">Any time</option>
        {SINCE_CHOICES.map((since) => (
          <option key={since} value={since}>
            {SINCE_LABELS[since]}
          </option>
        ))}
      </select>
    </div>
  );
}
