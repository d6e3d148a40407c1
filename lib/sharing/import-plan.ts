import type { Action, ManagedBy } from '../model/action';
import type { Constant } from '../model/constants';
import type { CustomSite } from '../model/custom-site';
import { type SiteFix, siteFixId } from '../model/site-fix';
import { patternGranted } from '../permissions/origins';
import { actionOrigin, readsSavedSecret, secretsUsed } from '../render/secrets-used';
import type { LocalState } from '../storage/config-store';
import { type FieldChange, fieldChanges } from './field-changes';
import type { IncomingConfig } from './read-config';
import { actionOriginPattern, siteOriginPattern } from './references';

/** Merge adds and updates; replace also removes what the file does not have. */
export type ImportMode = 'merge' | 'replace';

interface ItemChange<T> {
  before: T;
  after: T;
  fields: FieldChange[];
}

export interface Changes<T> {
  added: T[];
  changed: ItemChange<T>[];
  unchanged: T[];
  removed: T[];
}

/** What an import would do, shown before anything is written, and written as shown. */
export interface ImportPlan {
  mode: ImportMode;
  owner?: ManagedBy;
  actions: Changes<Action>;
  sites: Changes<CustomSite>;
  constants: Changes<Constant>;
  siteFixes: Changes<SiteFix>;
  /** Every secret the imported actions need; the missing ones can be filled in before importing. */
  secrets: { name: string; saved: boolean }[];
  /** Host permissions the imported actions and sites need and do not have (match patterns). */
  origins: string[];
  /** Where each imported action that uses a secret sends it. */
  destinations: SecretDestination[];
  migratedFrom?: number;
}

/**
 * An imported action that uses secrets, and its origin. `newFor` names the saved secrets it would take somewhere new:
 * its origin changed from the action's before, or the secret is not bound to it (then sends stay refused until the
 * user allows it; design rule 10). A secret typed in the preview is bound to these origins, so it is not new.
 */
interface SecretDestination {
  actionId: string;
  label: string;
  origin: string;
  /** The action's origin before this import, when it had one and it differs. */
  before?: string;
  secrets: string[];
  newFor: string[];
}

export interface PlanOptions {
  mode: ImportMode;
  /** Host permissions held now (match patterns). */
  granted: ReadonlySet<string>;
  /** A subscription or the policy: its actions only are compared and replaced; sites and constants merge. */
  owner?: ManagedBy;
}

/** How a managed action is keyed, so that no file can overwrite the user's own or another owner's. */
function managedId(owner: ManagedBy | undefined, id: string): string {
  if (!owner) return id;
  return owner.kind === 'policy' ? `policy:${id}` : `${owner.subscriptionId}:${id}`;
}

function sameOwner(a: ManagedBy | undefined, b: ManagedBy | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.kind === 'policy' || a.subscriptionId === (b as typeof a).subscriptionId);
}

export function planImport(local: LocalState, incoming: IncomingConfig, options: PlanOptions): ImportPlan {
  const { owner, granted } = options;
  const mode = owner ? 'replace' : options.mode;
  const scope = local.actions.filter((action) => sameOwner(action.managedBy, owner));
  const byId = new Map(scope.map((action) => [action.id, action]));

  const wanted = incoming.actions.map((incomingAction) => {
    const id = managedId(owner, incomingAction.id);
    const before = byId.get(id);
    let action: Action = { ...incomingAction, id, ...(owner ? { managedBy: owner } : {}) };
    // A placeholder whose header already holds a value here keeps it: re-importing one's own export
    // changes nothing, and a value typed once is not asked for again.
    for (const placeholder of incoming.placeholders.filter((p) => p.actionId === incomingAction.id)) {
      const kept = before?.headers.find((header) => header.name === placeholder.header && header.secret);
      if (kept && !readsSavedSecret(kept.value)) {
        action = {
          ...action,
          headers: action.headers.map((header) => (header.name === placeholder.header ? { ...kept } : header)),
        };
      }
    }
    if (before) action = { ...action, createdAt: before.createdAt };
    return { before, action };
  });

  const origins = new Set<string>();
  const withGrants = wanted.map(({ before, action }) => {
    const pattern = actionOriginPattern(action);
    const needsGrant = pattern !== undefined && !patternGranted(pattern, granted);
    if (needsGrant) origins.add(pattern);
    const enabled = action.enabled || action.awaitingGrant === true;
    const { awaitingGrant: _old, ...rest } = action;
    const after: Action =
      enabled && needsGrant ? { ...rest, enabled: false, awaitingGrant: true } : { ...rest, enabled };
    return { before, after };
  });

  const actions = changes(
    withGrants,
    mode === 'replace' ? scope.filter((action) => !wanted.some((w) => w.action.id === action.id)) : [],
    comparableAction,
  );

  const siteIds = new Map(local.sites.map((site) => [site.id, site]));
  const sitePairs = incoming.sites.map((site) => {
    const before = siteIds.get(site.id);
    if (!patternGranted(siteOriginPattern(site), granted)) origins.add(siteOriginPattern(site));
    return { before, after: before ? { ...site, createdAt: before.createdAt } : site };
  });
  const removeRest = mode === 'replace' && !owner;
  const sites = changes(
    sitePairs,
    removeRest ? local.sites.filter((site) => !incoming.sites.some((s) => s.id === site.id)) : [],
    withoutTimestamps,
  );

  const constantNames = new Map(local.constants.map((constant) => [constant.name, constant]));
  // The policy's constants are an admin's: a team subscription's file leaves them as they are.
  const overridable = incoming.constants.filter(
    (constant) => owner?.kind !== 'subscription' || !local.policyConstants.has(constant.name),
  );
  const constants = changes(
    overridable.map((constant) => ({ before: constantNames.get(constant.name), after: constant })),
    removeRest ? local.constants.filter((constant) => !incoming.constants.some((c) => c.name === constant.name)) : [],
    (constant) => constant,
  );

  // A fix is keyed by its owner, like an action: a file replaces its own owner's fixes and nobody else's.
  const fixScope = local.siteFixes.filter((fix) => sameOwner(fix.managedBy, owner));
  const fixPairs = incoming.siteFixes.map((incomingFix) => {
    const id = siteFixId(incomingFix.site, owner);
    // Only an admin's file can lock a site; a lock in a file imported by hand means nothing here.
    const { locked, ...rest } = incomingFix;
    const after: SiteFix = { ...rest, id, ...(owner ? { managedBy: owner, ...(locked ? { locked } : {}) } : {}) };
    return { before: fixScope.find((fix) => fix.id === id), after };
  });
  const siteFixes = changes(
    fixPairs,
    mode === 'replace' ? fixScope.filter((fix) => !fixPairs.some((pair) => pair.after.id === fix.id)) : [],
    ({ updatedAt: _u, ...rest }: SiteFix) => rest,
  );

  return {
    mode,
    ...(owner ? { owner } : {}),
    actions,
    sites,
    constants,
    siteFixes,
    secrets: [...new Set(withGrants.flatMap(({ after }) => secretsUsed(after)))]
      .sort()
      .map((name) => ({ name, saved: local.secretNames.has(name) })),
    origins: [...origins].sort(),
    destinations: secretDestinations(withGrants, local),
    ...(incoming.migratedFrom ? { migratedFrom: incoming.migratedFrom } : {}),
  };
}

function secretDestinations(pairs: { before?: Action; after: Action }[], local: LocalState): SecretDestination[] {
  return pairs.flatMap(({ before, after }) => {
    const secrets = secretsUsed(after);
    const origin = actionOrigin(after);
    if (secrets.length === 0 || !origin) return [];
    const was = before ? actionOrigin(before) : undefined;
    const moved = was !== undefined && was !== origin;
    const newFor = secrets.filter((name) => {
      const bound = local.secretOrigins.get(name);
      return bound ? moved || !bound.includes(origin) : moved;
    });
    return [{ actionId: after.id, label: after.label, origin, ...(moved ? { before: was } : {}), secrets, newFor }];
  });
}

function changes<T>(pairs: { before?: T; after: T }[], removed: T[], comparable: (item: T) => unknown): Changes<T> {
  const result: Changes<T> = { added: [], changed: [], unchanged: [], removed };
  for (const { before, after } of pairs) {
    if (!before) {
      result.added.push(after);
      continue;
    }
    const fields = fieldChanges(comparable(before), comparable(after));
    if (fields.length === 0) result.unchanged.push(before);
    else result.changed.push({ before, after, fields });
  }
  return result;
}

/** What a person would call a change: not timestamps, and an action waiting for its grant counts as enabled. */
function comparableAction(action: Action): unknown {
  const { createdAt: _c, updatedAt: _u, awaitingGrant, enabled, headers, ...rest } = action;
  return {
    ...rest,
    enabled: enabled || awaitingGrant === true,
    // A secret's value is never shown, not even in a diff.
    headers: headers.map((header) =>
      header.secret && !readsSavedSecret(header.value) ? { ...header, value: '(secret)' } : header,
    ),
  };
}

function withoutTimestamps<T extends { createdAt: number; updatedAt: number }>(item: T): unknown {
  const { createdAt: _c, updatedAt: _u, ...rest } = item;
  return rest;
}
