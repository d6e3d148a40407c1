import { readExcerpt } from '../core/read-excerpt';
import { fail, ok, type Result } from '../core/result';
import {
  DEFAULT_REFRESH_MINUTES,
  newSubscriptionId,
  type Subscription,
  SubscriptionSchema,
} from '../model/subscription';
import { grantedOriginPatterns } from '../permissions/origins';
import { readLocalState } from '../storage/config-store';
import type { Database } from '../storage/database';
import { deleteSubscription, saveSubscriptionState } from '../storage/subscriptions-store';
import { actionsOnly, applyImportPlan, describePlan, withoutActions } from './apply-plan';
import { type ImportPlan, planImport } from './import-plan';
import { describeProblems } from './json-path';
import { MAX_CONFIG_BYTES, readConfig, tooBig } from './read-config';

export interface SubscriptionDeps {
  db: Database;
  fetch: typeof fetch;
  now?: () => number;
  /** Host permissions held now; the browser's by default. */
  grantedOrigins?: () => Promise<ReadonlySet<string>>;
}

export type RefreshOutcome =
  | { kind: 'updated'; summary: string }
  | { kind: 'not-modified' }
  | { kind: 'failed'; error: string };

const FETCH_TIMEOUT_MS = 30_000;

export async function listSubscriptions(db: Database): Promise<Subscription[]> {
  return (await db.getAll('subscriptions')).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Follows a team's config: fetched once now, and kept only if that works (a URL that serves nothing
 * useful is refused, not saved). Its actions arrive read-only, keyed by the subscription.
 */
export async function subscribe(
  deps: SubscriptionDeps,
  url: string,
  refreshMinutes = DEFAULT_REFRESH_MINUTES,
  fromPolicy = false,
): Promise<Result<{ subscription: Subscription; summary: string }>> {
  const now = (deps.now ?? Date.now)();
  const candidate = SubscriptionSchema.safeParse({
    id: newSubscriptionId(),
    url: url.trim(),
    refreshMinutes,
    ...(fromPolicy ? { fromPolicy } : {}),
    createdAt: now,
  });
  if (!candidate.success) return fail(candidate.error.issues[0]?.message ?? 'Not a subscription URL');
  const existing = (await listSubscriptions(deps.db)).find((s) => s.url === candidate.data.url);
  if (existing) return fail('Already subscribed to this URL');
  const outcome = await update(deps, candidate.data);
  if (outcome.kind === 'failed') return fail(`Not subscribed: ${outcome.error}`);
  const saved = await deps.db.get('subscriptions', candidate.data.id);
  return saved
    ? ok({ subscription: saved, summary: outcome.kind === 'updated' ? outcome.summary : '' })
    : fail('Not saved');
}

/** Fetches a subscription again, with its ETag; on any failure keeps the config it had and says why. */
export async function refreshSubscription(deps: SubscriptionDeps, id: string): Promise<RefreshOutcome> {
  const subscription = await deps.db.get('subscriptions', id);
  if (!subscription) return { kind: 'failed', error: 'No such subscription' };
  return update(deps, subscription);
}

/** Every subscription whose interval has passed (the alarm runs this). */
export async function refreshDueSubscriptions(deps: SubscriptionDeps): Promise<void> {
  const now = (deps.now ?? Date.now)();
  for (const subscription of await listSubscriptions(deps.db)) {
    const due = (subscription.lastCheckedAt ?? 0) + subscription.refreshMinutes * 60_000 <= now;
    if (due) await update(deps, subscription);
  }
}

/** Stops following a subscription, and its actions go (lib/storage/subscriptions-store.ts). */
export const unsubscribe = deleteSubscription;

async function update(deps: SubscriptionDeps, subscription: Subscription): Promise<RefreshOutcome> {
  const now = (deps.now ?? Date.now)();
  const fetched = await fetchConfig(deps.fetch, subscription);
  if (fetched.kind === 'not-modified') {
    await saveSubscriptionState(deps.db, { ...subscription, lastCheckedAt: now });
    return fetched;
  }
  const outcome = fetched.kind === 'failed' ? fetched : await applyFetched(deps, subscription, fetched, now);
  if (outcome.kind === 'failed') {
    const kept = subscription.lastGoodAt
      ? ` Keeping the config fetched ${new Date(subscription.lastGoodAt).toISOString()}.`
      : '';
    // Saved only if the subscription is: a first fetch that fails saves nothing, subscribe() reports it.
    await saveSubscriptionState(deps.db, {
      ...subscription,
      lastCheckedAt: now,
      lastError: `${outcome.error}.${kept}`,
    });
  }
  return outcome;
}

async function applyFetched(
  deps: SubscriptionDeps,
  subscription: Subscription,
  fetched: { text: string; etag?: string },
  now: number,
): Promise<RefreshOutcome> {
  const read = readConfig(fetched.text, now);
  if (!read.ok) return { kind: 'failed', error: `The config is not valid:\n${describeProblems(read.problems, 5)}` };
  const granted = await (deps.grantedOrigins ?? grantedOriginPatterns)();
  const owner = { kind: 'subscription' as const, subscriptionId: subscription.id };
  const full = planImport(await readLocalState(deps.db), read.value, { mode: 'replace', granted, owner });
  // Its own actions are the subscription's to change; what every action reads (constants, sites, site fixes) waits
  // for the user's consent, unless an admin's policy set the subscription (design rule 11).
  const held = subscription.fromPolicy ? undefined : withoutActions(full);
  const heldSummary = held && describePlan(held);
  const plan = held ? actionsOnly(full) : full;
  const summary = describePlan(plan);
  const { lastError: _cleared, etag: _old, pending: _pending, ...rest } = subscription;
  const next: Subscription = {
    ...rest,
    ...(fetched.etag ? { etag: fetched.etag } : {}),
    lastCheckedAt: now,
    lastGoodAt: now,
    lastChange: summary === 'nothing changed' ? subscription.lastChange : `${new Date(now).toISOString()}: ${summary}`,
    ...(heldSummary && heldSummary !== 'nothing changed'
      ? { pending: { config: fetched.text, summary: heldSummary, fetchedAt: now } }
      : {}),
  };
  try {
    await applyImportPlan(deps.db, plan, { now, subscription: next });
  } catch (error) {
    return { kind: 'failed', error: `Could not save it: ${(error as Error).message}` };
  }
  const waiting = next.pending ? `; waiting for your review: ${next.pending.summary}` : '';
  return { kind: 'updated', summary: `${summary}${waiting}` };
}

/**
 * The held changes of a subscription's last config, as a plan against what is saved now, for the options page's
 * preview; undefined when nothing waits.
 */
export async function pendingPlan(deps: SubscriptionDeps, id: string): Promise<ImportPlan | undefined> {
  const subscription = await deps.db.get('subscriptions', id);
  if (!subscription?.pending) return undefined;
  const read = readConfig(subscription.pending.config, subscription.pending.fetchedAt);
  if (!read.ok) return undefined;
  const granted = await (deps.grantedOrigins ?? grantedOriginPatterns)();
  const owner = { kind: 'subscription' as const, subscriptionId: subscription.id };
  return withoutActions(planImport(await readLocalState(deps.db), read.value, { mode: 'replace', granted, owner }));
}

/** Applies what the user reviewed (accept) or drops it (dismiss); either way nothing waits any more. */
export async function settlePending(deps: SubscriptionDeps, id: string, accept: boolean): Promise<string> {
  const subscription = await deps.db.get('subscriptions', id);
  if (!subscription?.pending) return 'Nothing was waiting';
  const { pending: _settled, ...rest } = subscription;
  const now = (deps.now ?? Date.now)();
  const plan = accept ? await pendingPlan(deps, id) : undefined;
  if (!plan) {
    await saveSubscriptionState(deps.db, rest);
    return accept ? 'The waiting changes could not be read again: nothing changed' : 'Dismissed: nothing changed';
  }
  const summary = describePlan(plan);
  await applyImportPlan(deps.db, plan, {
    now,
    subscription: { ...rest, lastChange: `${new Date(now).toISOString()}: ${summary} (accepted)` },
  });
  return `Accepted: ${summary}`;
}

type Fetched =
  | { kind: 'ok'; text: string; etag?: string }
  | { kind: 'not-modified' }
  | { kind: 'failed'; error: string };

async function fetchConfig(fetchFn: typeof fetch, subscription: Subscription): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetchFn(subscription.url, {
      headers: subscription.etag && subscription.lastGoodAt ? { 'If-None-Match': subscription.etag } : {},
      credentials: 'omit',
      cache: 'no-cache',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'no answer in 30 s' : (error as Error).message;
    return { kind: 'failed', error: `Could not reach ${subscription.url}: ${reason}` };
  }
  if (response.status === 304) return { kind: 'not-modified' };
  if (!response.ok) return { kind: 'failed', error: `${subscription.url} answered HTTP ${response.status}` };
  if (response.url && !response.url.startsWith('https:'))
    return { kind: 'failed', error: `Redirected away from HTTPS, to ${response.url}` };
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_CONFIG_BYTES) return { kind: 'failed', error: tooBig(length) };
  const text = await readExcerpt(response, MAX_CONFIG_BYTES);
  if (text.length > MAX_CONFIG_BYTES) return { kind: 'failed', error: tooBig(text.length) };
  return {
    kind: 'ok',
    text,
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag') as string } : {}),
  };
}
