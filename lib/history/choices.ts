import type { LogEntry } from '../model/log-entry';

export interface FilterChoices {
  /** The actions the log names, by label; an action that still exists is named as it is now. */
  actions: { id: string; label: string }[];
  sites: string[];
}

/** What the filters offer: only actions and sites that some run has. Entries newest first. */
export function filterChoices(entries: readonly LogEntry[], currentLabels: ReadonlyMap<string, string>): FilterChoices {
  const actions = new Map<string, string>();
  const sites = new Set<string>();
  for (const entry of entries) {
    if (!actions.has(entry.actionId))
      actions.set(entry.actionId, currentLabels.get(entry.actionId) ?? entry.actionLabel);
    sites.add(entry.incident.site);
  }
  return {
    actions: [...actions].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label)),
    sites: [...sites].sort(),
  };
}
