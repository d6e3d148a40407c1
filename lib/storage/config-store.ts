import type { Constant } from '../model/constants';
import { type Secret, SecretSchema } from '../model/secrets';
import type { Subscription } from '../model/subscription';
import type { ImportPlan, LocalState } from '../sharing/import-plan';
import { listActions } from './actions-store';
import { getConstants } from './constants-store';
import type { Database } from './database';
import { listSecrets } from './secrets-store';
import { listCustomSites } from './sites-store';

/** What an import is compared with: everything saved, and the names (never values) of the secrets. */
export async function readLocalState(db: Database): Promise<LocalState> {
  const [actions, sites, constants, secrets] = await Promise.all([
    listActions(db),
    listCustomSites(db),
    getConstants(db),
    listSecrets(db),
  ]);
  return { actions, sites, constants, secretNames: new Set(secrets.map((secret) => secret.name)) };
}

export interface ApplyOptions {
  /** Values typed in the preview for secrets not saved yet; empty ones are skipped. */
  secretValues?: Record<string, string>;
  /** Written in the same transaction: a subscription's new state goes with its actions, or neither does. */
  subscription?: Subscription;
  now: number;
}

/**
 * Writes a plan in one IndexedDB transaction: every action, site, constant and secret, or none of them
 * (an error part-way aborts the transaction and the store is as before). Values are checked before the
 * transaction opens, and nothing but IndexedDB is awaited inside it (rule 7).
 */
export async function applyImportPlan(db: Database, plan: ImportPlan, options: ApplyOptions): Promise<void> {
  const secrets: Secret[] = Object.entries(options.secretValues ?? {})
    .filter(([, value]) => value !== '')
    .map(([name, value]) => SecretSchema.parse({ name, value, savedAt: options.now }));
  const constants = finalConstants(await getConstants(db), plan);

  const tx = db.transaction(['actions', 'sites', 'settings', 'secrets', 'subscriptions'], 'readwrite');
  const writes: Promise<unknown>[] = [];
  try {
    const actions = tx.objectStore('actions');
    const sites = tx.objectStore('sites');
    for (const action of [...plan.actions.added, ...plan.actions.changed.map((change) => change.after)])
      writes.push(actions.put(action));
    for (const action of plan.actions.removed) writes.push(actions.delete(action.id));
    for (const site of [...plan.sites.added, ...plan.sites.changed.map((change) => change.after)])
      writes.push(sites.put(site));
    for (const site of plan.sites.removed) writes.push(sites.delete(site.id));
    if (constants) writes.push(tx.objectStore('settings').put({ key: 'constants', value: constants }));
    for (const secret of secrets) writes.push(tx.objectStore('secrets').put(secret));
    if (options.subscription) writes.push(tx.objectStore('subscriptions').put(options.subscription));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // A request that failed (or threw before it was queued) must not let the others commit.
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
}

/** The constants after the plan, or undefined when it changes none. */
function finalConstants(current: Constant[], plan: ImportPlan): Constant[] | undefined {
  const { added, changed, removed } = plan.constants;
  if (added.length + changed.length + removed.length === 0) return undefined;
  const gone = new Set(removed.map((constant) => constant.name));
  const updated = new Map(changed.map(({ after }) => [after.name, after]));
  return [
    ...current.filter((constant) => !gone.has(constant.name)).map((constant) => updated.get(constant.name) ?? constant),
    ...added,
  ];
}

/** Words for what a plan changes: "2 added, 1 changed, 1 removed" (actions), then sites and constants. */
export function describePlan(plan: ImportPlan): string {
  const part = (what: string, changes: { added: unknown[]; changed: unknown[]; removed: unknown[] }) => {
    const counts = [
      changes.added.length && `${changes.added.length} added`,
      changes.changed.length && `${changes.changed.length} changed`,
      changes.removed.length && `${changes.removed.length} removed`,
    ].filter(Boolean);
    return counts.length ? `${what}: ${counts.join(', ')}` : undefined;
  };
  const parts = [part('actions', plan.actions), part('sites', plan.sites), part('constants', plan.constants)];
  return parts.filter(Boolean).join('; ') || 'nothing changed';
}
