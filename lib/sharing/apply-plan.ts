import type { Constant } from '../model/constants';
import { MAX_SECRET_ORIGINS, type Secret, SecretSchema } from '../model/secrets';
import type { Subscription } from '../model/subscription';
import { originsUsingSecrets } from '../render/secrets-used';
import { writeConfig } from '../storage/config-store';
import { getConstants } from '../storage/constants-store';
import type { Database } from '../storage/database';
import type { ImportPlan } from './import-plan';

export interface ApplyOptions {
  /** Values typed in the preview for secrets not saved yet; empty ones are skipped. */
  secretValues?: Record<string, string>;
  /** Written in the same transaction: a subscription's new state goes with its actions, or neither does. */
  subscription?: Subscription;
  now: number;
}

/**
 * Writes a plan as it was shown: every action, site, constant and secret in one transaction, or none of them.
 * Values are checked before the transaction opens.
 */
export async function applyImportPlan(db: Database, plan: ImportPlan, options: ApplyOptions): Promise<void> {
  const actions = [...plan.actions.added, ...plan.actions.changed.map((change) => change.after)];
  // A secret typed in the preview goes where the imported actions that use it send, as the preview listed.
  const origins = originsUsingSecrets(actions);
  const secrets: Secret[] = Object.entries(options.secretValues ?? {})
    .filter(([, value]) => value !== '')
    .map(([name, value]) =>
      SecretSchema.parse({
        name,
        value,
        savedAt: options.now,
        origins: (origins.get(name) ?? []).slice(0, MAX_SECRET_ORIGINS),
      }),
    );
  const constants = finalConstants(await getConstants(db), plan);
  await writeConfig(db, {
    putActions: actions,
    deleteActions: plan.actions.removed.map((action) => action.id),
    putSites: [...plan.sites.added, ...plan.sites.changed.map((change) => change.after)],
    deleteSites: plan.sites.removed.map((site) => site.id),
    putSiteFixes: [...plan.siteFixes.added, ...plan.siteFixes.changed.map((change) => change.after)],
    deleteSiteFixes: plan.siteFixes.removed.map((fix) => fix.id),
    ...(constants ? { constants } : {}),
    putSecrets: secrets,
    ...(options.subscription ? { subscription: options.subscription } : {}),
  });
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

/** Words for what a plan changes: "actions: 2 added, 1 changed, 1 removed", then sites and constants. */
export function describePlan(plan: ImportPlan): string {
  const part = (what: string, changes: { added: unknown[]; changed: unknown[]; removed: unknown[] }) => {
    const counts = [
      changes.added.length && `${changes.added.length} added`,
      changes.changed.length && `${changes.changed.length} changed`,
      changes.removed.length && `${changes.removed.length} removed`,
    ].filter(Boolean);
    return counts.length ? `${what}: ${counts.join(', ')}` : undefined;
  };
  const parts = [
    part('actions', plan.actions),
    part('sites', plan.sites),
    part('constants', plan.constants),
    part('site fixes', plan.siteFixes),
  ];
  return parts.filter(Boolean).join('; ') || 'nothing changed';
}

const NO_CHANGES = { added: [], changed: [], unchanged: [], removed: [] };

/** The plan's changes to actions only: what a subscription applies at once. */
export function actionsOnly(plan: ImportPlan): ImportPlan {
  return { ...plan, sites: NO_CHANGES, constants: NO_CHANGES, siteFixes: NO_CHANGES };
}

/** The plan's changes to everything but actions (constants, sites, site fixes): what waits for the user's consent. */
export function withoutActions(plan: ImportPlan): ImportPlan {
  return { ...plan, actions: NO_CHANGES, secrets: [] };
}
