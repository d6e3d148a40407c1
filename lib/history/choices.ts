import type { Database } from '../storage/database';
import { logActions, logSites } from '../storage/log-store';

export interface FilterChoices {
  /** The actions the log names, by label; an action that still exists is named as it is now. */
  actions: { id: string; label: string }[];
  sites: string[];
}

/** What the filters offer: only actions and sites that some run has, read from the log's indexes. */
export async function filterChoices(db: Database, currentLabels: ReadonlyMap<string, string>): Promise<FilterChoices> {
  const [actions, sites] = await Promise.all([logActions(db), logSites(db)]);
  return {
    actions: actions
      .map(({ id, label }) => ({ id, label: currentLabels.get(id) ?? label }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    sites: sites.sort(),
  };
}
