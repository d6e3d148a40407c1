import { useEffect, useState } from 'preact/hooks';
import type { Subscription } from '@/lib/model/subscription';
import type { ImportPlan } from '@/lib/sharing/import-plan';
import { pendingPlan, type SubscriptionDeps } from '@/lib/sharing/subscriptions';
import { SharedPlanChanges } from './SharedPlanChanges';

/**
 * What a team config would change in the constants, sites and site fixes every action reads, shown before it
 * applies: nothing changes until the user accepts it (design rule 11).
 */
export function PendingReview({
  deps,
  subscription,
  busy,
  onSettle,
}: {
  deps: SubscriptionDeps;
  subscription: Subscription;
  busy: boolean;
  onSettle: (accept: boolean) => void;
}) {
  const [plan, setPlan] = useState<ImportPlan>();
  const fetchedAt = subscription.pending?.fetchedAt;
  useEffect(() => {
    void pendingPlan(deps, subscription.id).then(setPlan);
  }, [subscription.id, fetchedAt]);
  if (!subscription.pending) return null;
  return (
    <fieldset class="pending-review" aria-label={`Changes waiting from ${subscription.url}`}>
      <p class="warning">
        Waiting for your review: {subscription.pending.summary}. Nothing of it applies until you accept.
      </p>
      {plan && <SharedPlanChanges plan={plan} showRemoved={true} />}
      <button type="button" class="primary" disabled={busy} onClick={() => onSettle(true)}>
        Accept these changes
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => onSettle(false)}>
        Dismiss
      </button>
    </fieldset>
  );
}
