import * as z from 'zod/mini';
import {
  DEFAULT_REFRESH_MINUTES,
  MAX_REFRESH_MINUTES,
  MIN_REFRESH_MINUTES,
  newSubscriptionId,
  SubscriptionSchema,
} from '../model/subscription';
import { grantedOriginPatterns } from '../permissions/origins';
import { readLocalState } from '../storage/config-store';
import { savePolicyConstantNames } from '../storage/constants-store';
import { applyImportPlan, describePlan } from './apply-plan';
import { planImport } from './import-plan';
import { describeProblems } from './json-path';
import { readConfigValue } from './read-config';
import { listSubscriptions, refreshSubscription, type SubscriptionDeps, unsubscribe } from './subscriptions';

/**
 * What an admin pushes through the browser's policy (Chrome `3rdparty.extensions.<id>`, Firefox
 * `3rdparty.Extensions.<id>`), read from `storage.managed`: a config whose actions are locked on every
 * responder's browser, and subscriptions every responder follows. `public/managed_schema.json` describes it
 * to Chrome; `docs/policy.md` shows both browsers' policy files.
 */
export const PolicySchema = z.object({
  config: z.optional(z.unknown()),
  subscriptions: z.optional(
    z
      .array(
        z.strictObject({
          url: z.string().check(z.maxLength(2_048)),
          refreshMinutes: z.optional(
            z.number().check(z.int(), z.minimum(MIN_REFRESH_MINUTES), z.maximum(MAX_REFRESH_MINUTES)),
          ),
        }),
      )
      .check(z.maxLength(20)),
  ),
});

export interface PolicyOutcome {
  /** What changed in the locked actions, or why the policy's config was refused (and the old one kept). */
  config: string;
  subscriptions: string[];
}

export interface PolicyDeps extends SubscriptionDeps {
  /** `browser.storage.managed.get()`; empty where no policy is set. */
  readManaged: () => Promise<Record<string, unknown>>;
}

/**
 * Brings the locked actions and the policy's subscriptions in line with the policy. A policy that cannot be
 * read keeps what the last good one set, and says why: a typo in an admin's file must not remove every
 * responder's actions.
 */
export async function applyManagedPolicy(deps: PolicyDeps): Promise<PolicyOutcome> {
  const now = (deps.now ?? Date.now)();
  const policy = PolicySchema.safeParse(await deps.readManaged().catch(() => ({})));
  if (!policy.success)
    return { config: `The policy was refused: ${policy.error.issues[0]?.message ?? 'malformed'}`, subscriptions: [] };
  return {
    config: await applyPolicyConfig(deps, policy.data.config, now),
    subscriptions: await applyPolicySubscriptions(deps, policy.data.subscriptions ?? []),
  };
}

async function applyPolicyConfig(deps: PolicyDeps, config: unknown, now: number): Promise<string> {
  // No config in the policy: no locked actions.
  const read = readConfigValue(config ?? { version: 2, format: 'incident-actions/config', actions: [] }, now);
  if (!read.ok)
    return `The policy's config was refused, the locked actions are kept:\n${describeProblems(read.problems, 5)}`;
  const granted = await (deps.grantedOrigins ?? grantedOriginPatterns)();
  const plan = planImport(await readLocalState(deps.db), read.value, {
    mode: 'replace',
    granted,
    owner: { kind: 'policy' },
  });
  await applyImportPlan(deps.db, plan, { now });
  await savePolicyConstantNames(
    deps.db,
    read.value.constants.map((constant) => constant.name),
  );
  return describePlan(plan);
}

async function applyPolicySubscriptions(
  deps: PolicyDeps,
  wanted: { url: string; refreshMinutes?: number }[],
): Promise<string[]> {
  const report: string[] = [];
  const current = await listSubscriptions(deps.db);
  for (const old of current.filter((s) => s.fromPolicy && !wanted.some((w) => w.url === s.url))) {
    await unsubscribe(deps.db, old.id, true);
    report.push(`${old.url}: removed by the policy`);
  }
  for (const { url, refreshMinutes = DEFAULT_REFRESH_MINUTES } of wanted) {
    const existing = current.find((s) => s.url === url);
    if (existing) {
      // A URL the user had subscribed to becomes the policy's: it can no longer be removed here.
      if (!existing.fromPolicy || existing.refreshMinutes !== refreshMinutes)
        await deps.db.put('subscriptions', { ...existing, fromPolicy: true, refreshMinutes });
      continue;
    }
    // Saved first, so that a server down today is retried on schedule rather than forgotten.
    const row = SubscriptionSchema.safeParse({
      id: newSubscriptionId(),
      url,
      refreshMinutes,
      fromPolicy: true,
      createdAt: (deps.now ?? Date.now)(),
    });
    if (!row.success) {
      report.push(`${url}: refused, ${row.error.issues[0]?.message}`);
      continue;
    }
    await deps.db.put('subscriptions', row.data);
    const outcome = await refreshSubscription(deps, row.data.id);
    report.push(
      `${url}: ${outcome.kind === 'updated' ? outcome.summary : outcome.kind === 'failed' ? outcome.error : 'not modified'}`,
    );
  }
  return report;
}
