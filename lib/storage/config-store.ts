import type { ChangeSignal } from '../messaging/change-signals';
import type { Action } from '../model/action';
import type { Constant } from '../model/constants';
import type { CustomSite } from '../model/custom-site';
import type { Secret } from '../model/secrets';
import type { SiteFix } from '../model/site-fix';
import type { Subscription } from '../model/subscription';
import { listActions } from './actions-store';
import { announce } from './announce';
import { getConstants, getPolicyConstantNames } from './constants-store';
import type { Database } from './database';
import { listSecrets } from './secrets-store';
import { listSiteFixes } from './site-fixes-store';
import { listCustomSites } from './sites-store';

/** Everything a config is made of, as saved here; secrets by name only, never their values. */
export interface LocalState {
  actions: Action[];
  sites: CustomSite[];
  constants: Constant[];
  siteFixes: SiteFix[];
  /** Constants the browser policy set: a subscription's config cannot change them. */
  policyConstants: ReadonlySet<string>;
  secretNames: ReadonlySet<string>;
  /** Where each saved secret may go (design rule 10): an import shows a destination it is not bound to. */
  secretOrigins: ReadonlyMap<string, readonly string[]>;
}

export async function readLocalState(db: Database): Promise<LocalState> {
  const [actions, sites, constants, siteFixes, secrets, policyConstants] = await Promise.all([
    listActions(db),
    listCustomSites(db),
    getConstants(db),
    listSiteFixes(db),
    listSecrets(db),
    getPolicyConstantNames(db),
  ]);
  return {
    actions,
    sites,
    constants,
    siteFixes,
    policyConstants: new Set(policyConstants),
    secretNames: new Set(secrets.map((secret) => secret.name)),
    secretOrigins: new Map(secrets.map((secret) => [secret.name, secret.origins])),
  };
}

/** Writes to the config stores that belong together (an import, a subscription's refresh). Values already checked. */
export interface ConfigWrites {
  putActions: readonly Action[];
  deleteActions: readonly string[];
  putSites: readonly CustomSite[];
  deleteSites: readonly string[];
  putSiteFixes?: readonly SiteFix[];
  deleteSiteFixes?: readonly string[];
  /** The whole list of constants after the change; absent: unchanged. */
  constants?: readonly Constant[];
  putSecrets: readonly Secret[];
  subscription?: Subscription;
}

/**
 * Makes the writes in one IndexedDB transaction: all of them, or none (an error part-way aborts the transaction
 * and the stores are as before). Nothing but IndexedDB is awaited inside it, so the transaction cannot close
 * early (design rule 7). Once it committed, announces what changed: the buttons an incident shows, the settings,
 * or both.
 */
export async function writeConfig(db: Database, writes: ConfigWrites): Promise<void> {
  const tx = db.transaction(['actions', 'sites', 'siteFixes', 'settings', 'secrets', 'subscriptions'], 'readwrite');
  const requests: Promise<unknown>[] = [];
  try {
    const actions = tx.objectStore('actions');
    const sites = tx.objectStore('sites');
    for (const action of writes.putActions) requests.push(actions.put(action));
    for (const id of writes.deleteActions) requests.push(actions.delete(id));
    for (const site of writes.putSites) requests.push(sites.put(site));
    for (const id of writes.deleteSites) requests.push(sites.delete(id));
    const fixes = tx.objectStore('siteFixes');
    for (const fix of writes.putSiteFixes ?? []) requests.push(fixes.put(fix));
    for (const id of writes.deleteSiteFixes ?? []) requests.push(fixes.delete(id));
    if (writes.constants)
      requests.push(tx.objectStore('settings').put({ key: 'constants', value: [...writes.constants] }));
    for (const secret of writes.putSecrets) requests.push(tx.objectStore('secrets').put(secret));
    if (writes.subscription) requests.push(tx.objectStore('subscriptions').put(writes.subscription));
    await Promise.all([...requests, tx.done]);
  } catch (error) {
    // A request that failed (or threw before it was queued) must not let the others commit.
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
  await announce(...changedBy(writes));
}

function changedBy(writes: ConfigWrites): ChangeSignal[] {
  const buttons =
    writes.putActions.length +
      writes.deleteActions.length +
      writes.putSites.length +
      writes.deleteSites.length +
      (writes.putSiteFixes?.length ?? 0) +
      (writes.deleteSiteFixes?.length ?? 0) >
      0 || writes.constants !== undefined;
  const settings = writes.putSecrets.length > 0 || writes.subscription !== undefined;
  return [...(buttons ? ['actionsChangedAt' as const] : []), ...(settings ? ['settingsChangedAt' as const] : [])];
}
