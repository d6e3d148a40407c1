import { scheduleInWords } from '@/lib/delivery/retry-policy';
import {
  DEFAULT_DELIVERY,
  type DeliveryPolicy,
  deliveryPolicy,
  type StoredDeliveryPolicy,
} from '@/lib/model/delivery-policy';
import { FieldError } from '../shared/FieldError';

const FIELDS: { key: keyof DeliveryPolicy; label: string; unit: string }[] = [
  { key: 'timeoutSeconds', label: 'Timeout per attempt', unit: 's' },
  { key: 'maxAttempts', label: 'Attempts at most', unit: '' },
  { key: 'giveUpAfterMinutes', label: 'Give up after', unit: 'min' },
  { key: 'maxBodyKB', label: 'Largest body', unit: 'KB' },
];

/**
 * How hard the action tries, and whether its result goes back to the incident. Retries are only for answers
 * that may change (no answer, 429, 5xx), always with the same Idempotency-Key; the schedule shown is the one the
 * outbox keeps (`scheduleInWords` over the runner's own backoff).
 */
export function DeliveryEditor({
  delivery,
  postNote,
  errors,
  onChange,
  onPostNote,
}: {
  delivery: StoredDeliveryPolicy | undefined;
  postNote: boolean | undefined;
  errors: Record<string, string>;
  onChange: (delivery: StoredDeliveryPolicy | undefined) => void;
  onPostNote: (postNote: boolean | undefined) => void;
}) {
  const current = deliveryPolicy(delivery);
  const set = (key: keyof DeliveryPolicy, text: string) => {
    const next = { ...current, [key]: text === '' ? Number.NaN : Number(text) };
    const isDefault = FIELDS.every(({ key: field }) => next[field] === DEFAULT_DELIVERY[field]);
    onChange(isDefault ? undefined : next);
  };
  return (
    <fieldset class="field">
      <legend>Delivery</legend>
      <div class="field-row">
        {FIELDS.map(({ key, label, unit }) => (
          <div class="field narrow" key={key}>
            <label for={`delivery-${key}`}>
              {label}
              {unit && ` (${unit})`}
            </label>
            <input
              id={`delivery-${key}`}
              type="number"
              min={1}
              value={Number.isNaN(current[key]) ? '' : current[key]}
              aria-invalid={Boolean(errors[`delivery.${key}`])}
              onInput={(e) => set(key, e.currentTarget.value)}
            />
            <FieldError message={errors[`delivery.${key}`]} />
          </div>
        ))}
      </div>
      <p class="hint" id="delivery-schedule">
        {scheduleOrProblem(current)}
      </p>
      <p class="hint">
        Retried on no answer (a refused connection, an unknown host, a timeout; a TLS error too, which the browser
        cannot tell apart), 429 (after its Retry-After) and 5xx; never on other answers. Every attempt carries the same
        Idempotency-Key. A later send of this action on the same incident waits until an earlier one has ended. Defaults
        are PagerDuty’s: 16 s, 5 attempts over 20 minutes, bodies up to 256 KB.
      </p>
      <label class="inline">
        <input
          id="action-post-note"
          type="checkbox"
          checked={postNote === true}
          onChange={(e) => onPostNote(e.currentTarget.checked ? true : undefined)}
        />
        Post the result to the incident as a note (PagerDuty, with the API token saved below)
      </label>
    </fieldset>
  );
}

/** "Attempts at 0 s, ~25 s, ~2 min, ~5 min, ~17 min", or nothing while a number is being typed. */
function scheduleOrProblem(policy: DeliveryPolicy): string {
  const { maxAttempts, giveUpAfterMinutes } = policy;
  if (!(maxAttempts >= 1 && giveUpAfterMinutes >= 1)) return 'Attempts: set the attempts and the limit';
  return `Attempts at ${scheduleInWords({ maxAttempts: Math.min(maxAttempts, 10), giveUpAfterMinutes })}`;
}
