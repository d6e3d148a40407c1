import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatTime } from '@/components/shared/time';
import type { Subscription } from '@/lib/model/subscription';
import { intervalText } from './SubscriptionForm';

interface SubscriptionItemProps {
  subscription: Subscription;
  busy: boolean;
  onRefresh: () => void;
  onUnsubscribe: () => void;
  /** What waits for the user's review, shown under the subscription. */
  children?: ComponentChildren;
}

export function SubscriptionItem({ subscription, busy, onRefresh, onUnsubscribe, children }: SubscriptionItemProps) {
  // Unsubscribing removes the subscription's actions too: asked in place, as deleting an action is.
  const [confirming, setConfirming] = useState(false);
  const { url, refreshMinutes, lastCheckedAt, lastGoodAt, lastChange, lastError, fromPolicy } = subscription;
  return (
    <li class="subscription">
      <div class="subscription-summary">
        <code>{url}</code>
        <span class="muted">
          Every {intervalText(refreshMinutes)}
          {lastCheckedAt ? `, checked ${formatTime(lastCheckedAt)}` : ', not checked yet'}
        </span>
        {lastChange && <span>Last change: {lastChange}</span>}
        {lastError && (
          <span class="subscription-error">
            Last update failed: {withoutKeptNote(lastError)}
            {lastGoodAt ? ` Keeping the config from ${formatTime(lastGoodAt)}.` : ''}
          </span>
        )}
      </div>
      {children}
      {fromPolicy ? (
        <span class="managed-badge">Set by your organization</span>
      ) : confirming ? (
        <fieldset class="confirm-delete" aria-label={`Unsubscribe from ${url}?`}>
          Unsubscribe? Its actions are removed.
          <button type="button" class="danger" onClick={onUnsubscribe}>
            Yes, unsubscribe
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </fieldset>
      ) : null}
      {!confirming && (
        <div class="subscription-buttons">
          <button type="button" disabled={busy} aria-label={`Refresh now: ${url}`} onClick={onRefresh}>
            Refresh now
          </button>
          {!fromPolicy && (
            <button
              type="button"
              class="danger"
              aria-label={`Unsubscribe from ${url}`}
              onClick={() => setConfirming(true)}
            >
              Unsubscribe
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** The stored error ends with when the kept config was fetched, as ISO time: said here in local time instead. */
function withoutKeptNote(error: string): string {
  return error.replace(/\s*Keeping the config fetched \S+\.\s*$/, '');
}
