import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Subscription } from '@/lib/model/subscription';
import { originPattern } from '@/lib/permissions/origins';
import {
  listSubscriptions,
  refreshSubscription,
  type SubscriptionDeps,
  settlePending,
  subscribe,
  unsubscribe,
} from '@/lib/sharing/subscriptions';
import type { Database } from '@/lib/storage/database';
import { FieldError } from '../shared/FieldError';
import { Notice } from '../shared/Notice';
import { useStored } from '../shared/use-stored';
import { PendingReview } from './PendingReview';
import { SubscriptionForm } from './SubscriptionForm';
import { SubscriptionItem } from './SubscriptionItem';

interface SubscriptionsPanelProps {
  db: Database;
  /** The page's own fetch unless a test gives one. */
  fetch?: typeof fetch;
}

/** Team configs followed over HTTPS: their actions arrive read-only and are replaced at each refresh. */
export function SubscriptionsPanel({
  db,
  fetch: fetchFn = (input, init) => fetch(input, init),
}: SubscriptionsPanelProps) {
  // A refresh (here or on the background's alarm) changes the subscription's row, and its actions if the file did.
  const [subscriptions = []] = useStored(() => listSubscriptions(db), ['actionsChangedAt', 'settingsChangedAt']);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const deps: SubscriptionDeps = { db, fetch: fetchFn };

  /** Runs one change and shows its outcome; the list follows the stores' announcements. */
  const run = async (work: () => Promise<{ status?: string; error?: string }>) => {
    setBusy(true);
    setStatus(undefined);
    setError(undefined);
    try {
      const outcome = await work();
      setStatus(outcome.status);
      setError(outcome.error);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const add = (url: string, refreshMinutes: number) => {
    // Asked from the submit itself (Firefox refuses after an await); refused, the fetch may still pass by CORS.
    const permission = browser.permissions.request({ origins: [originPattern(url)] }).catch(() => false);
    void run(async () => {
      await permission;
      const result = await subscribe(deps, url, refreshMinutes);
      return result.ok
        ? { status: `Subscribed to ${url}: ${result.value.summary || 'nothing to import yet'}.` }
        : { error: result.error };
    });
  };

  const refresh = (subscription: Subscription) =>
    void run(async () => {
      const outcome = await refreshSubscription(deps, subscription.id);
      if (outcome.kind === 'updated') return { status: `Updated ${subscription.url}: ${outcome.summary}.` };
      if (outcome.kind === 'not-modified') return { status: `${subscription.url} has not changed.` };
      return { error: outcome.error };
    });

  const remove = (subscription: Subscription) =>
    void run(async () => {
      await unsubscribe(db, subscription.id);
      return { status: `Unsubscribed from ${subscription.url}; its actions are removed.` };
    });

  return (
    <section aria-labelledby="subscriptions-heading">
      <h2 id="subscriptions-heading">Team subscriptions</h2>
      <p class="hint">
        A config your team serves over HTTPS. Its actions are read-only here and follow the file; duplicate one to
        change your own copy.
      </p>
      <Notice message={status} />
      <FieldError message={error} />
      {subscriptions.length > 0 ? (
        <ul class="subscriptions">
          {subscriptions.map((subscription) => (
            <SubscriptionItem
              key={subscription.id}
              subscription={subscription}
              busy={busy}
              onRefresh={() => refresh(subscription)}
              onUnsubscribe={() => remove(subscription)}
            >
              <PendingReview
                deps={deps}
                subscription={subscription}
                busy={busy}
                onSettle={(accept) =>
                  void run(async () => ({ status: await settlePending(deps, subscription.id, accept) }))
                }
              />
            </SubscriptionItem>
          ))}
        </ul>
      ) : (
        <p class="empty">No subscriptions.</p>
      )}
      <SubscriptionForm
        busy={busy}
        onSubscribe={add}
        onRefused={(message) => {
          setStatus(undefined);
          setError(message);
        }}
      />
    </section>
  );
}
