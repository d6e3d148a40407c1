import { DEFAULT_DELIVERY, type DeliveryPolicy, deliveryPolicy } from '@/lib/model/delivery-policy';
import { FieldError } from '../shared/FieldError';

const FIELDS: { key: keyof DeliveryPolicy; label: string; unit: string }[] = [
  { key: 'timeoutSeconds', label: 'Timeout per attempt', unit: 's' },
  { key: 'maxAttempts', label: 'Attempts at most', unit: '' },
  { key: 'giveUpAfterMinutes', label: 'Give up after', unit: 'min' },
];

/**
 * How hard the action tries, and whether its result goes back to the incident. Retries are only for answers
 * that may change (no answer, 408, 429, 5xx), always with the same Idempotency-Key.
 */
export function DeliveryEditor({
  delivery,
  postNote,
  errors,
  onChange,
  onPostNote,
}: {
  delivery: DeliveryPolicy | undefined;
  postNote: boolean | undefined;
  errors: Record<string, string>;
  onChange: (delivery: DeliveryPolicy | undefined) => void;
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
      <p class="hint">
        Retried with backoff on no answer, 408, 429 (after its Retry-After) and 5xx; never on other answers. Every
        attempt carries the same Idempotency-Key. Defaults are PagerDuty’s: 16 s, 5 attempts, 20 minutes.
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
