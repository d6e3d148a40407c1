import { announceChange, type ChangeSignal } from '../messaging/change-signals';

/**
 * Tells every context that a store changed (which signal for which store: lib/messaging/change-signals.ts).
 * Called once the write's transaction committed, so a reader that reloads on the ping finds the write, and
 * never for a write that failed. A ping that cannot be sent is logged, not thrown: the write stands.
 */
export async function announce(...signals: ChangeSignal[]): Promise<void> {
  if (signals.length === 0) return;
  try {
    await announceChange(...signals);
  } catch (error) {
    console.warn('Incident Actions: could not announce a change', error);
  }
}
