import { useState } from 'preact/hooks';
import { DEFAULT_REFRESH_MINUTES } from '@/lib/model/subscription';

const REFRESH_CHOICES = [
  { minutes: 15, text: '15 min' },
  { minutes: 60, text: '1 h' },
  { minutes: 360, text: '6 h' },
  { minutes: 1440, text: '24 h' },
] as const;

interface SubscriptionFormProps {
  busy: boolean;
  /** Called from the submit itself, so that it can ask for a permission (a user gesture). */
  onSubscribe: (url: string, refreshMinutes: number) => void;
  /** A URL refused here, before anything is asked or fetched. */
  onRefused: (message: string) => void;
}

export function SubscriptionForm({ busy, onSubscribe, onRefused }: SubscriptionFormProps) {
  const [url, setUrl] = useState('');
  const [minutes, setMinutes] = useState<number>(DEFAULT_REFRESH_MINUTES);

  return (
    <form
      class="subscription-form"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = url.trim();
        if (!isHttps(trimmed)) return onRefused('A subscription URL starts with https://');
        onSubscribe(trimmed, minutes);
        setUrl('');
      }}
    >
      <div class="field grow">
        <label for="subscription-url">Config URL</label>
        <input
          id="subscription-url"
          type="url"
          required
          placeholder="https://config.example.com/incident-actions.json"
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="subscription-refresh">Check every</label>
        <select
          id="subscription-refresh"
          value={String(minutes)}
          onChange={(event) => setMinutes(Number(event.currentTarget.value))}
        >
          {REFRESH_CHOICES.map((choice) => (
            <option key={choice.minutes} value={String(choice.minutes)}>
              {choice.text}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        Subscribe
      </button>
    </form>
  );
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** "every 1 h", "every 15 min", for any interval the policy may have set. */
export function intervalText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
