import type { Subscription } from '../model/subscription';
import { announce } from './announce';
import type { Database } from './database';

/**
 * A subscription's own state after a check (when, its ETag, its last error), saved only if it is still
 * there: an unsubscribe while the fetch was in flight wins. Its actions are written with writeConfig.
 */
export async function saveSubscriptionState(db: Database, subscription: Subscription): Promise<void> {
  const tx = db.transaction('subscriptions', 'readwrite');
  const kept = await tx.store.get(subscription.id);
  if (kept) await tx.store.put(subscription);
  await tx.done;
  if (kept) await announce('settingsChangedAt');
}

/**
 * Stops following a subscription: it and its actions go together, in one transaction. One the policy set
 * goes only when the policy drops it (`byPolicy`).
 */
export async function deleteSubscription(db: Database, id: string, byPolicy = false): Promise<void> {
  const tx = db.transaction(['subscriptions', 'actions', 'siteFixes'], 'readwrite');
  const subscription = await tx.objectStore('subscriptions').get(id);
  if (subscription?.fromPolicy && !byPolicy) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error('This subscription is set by your organization');
  }
  let cursor = await tx.objectStore('actions').openCursor();
  while (cursor) {
    const owner = cursor.value.managedBy;
    if (owner?.kind === 'subscription' && owner.subscriptionId === id) await cursor.delete();
    cursor = await cursor.continue();
  }
  // Its site fixes go with it, as its actions do.
  let fixes = await tx.objectStore('siteFixes').openCursor();
  while (fixes) {
    const owner = fixes.value.managedBy;
    if (owner?.kind === 'subscription' && owner.subscriptionId === id) await fixes.delete();
    fixes = await fixes.continue();
  }
  await tx.objectStore('subscriptions').delete(id);
  await tx.done;
  await announce('actionsChangedAt', 'settingsChangedAt');
}
