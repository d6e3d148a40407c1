import { describe, expect, it } from 'vitest';
import { lastPointerTracker } from '@/components/incident/last-pointer';

/** A real pointer event as the window sees it (the flag forged: happy-dom events are untrusted, as page script's). */
function pointer(type: string, x: number, y: number, trusted = true) {
  const event = new MouseEvent(type, { bubbles: true, clientX: x, clientY: y });
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  window.dispatchEvent(event);
}

describe('lastPointerTracker', () => {
  it('keeps where the real pointer last was, ignoring events page script makes, until stopped', () => {
    const tracker = lastPointerTracker(window);
    expect(tracker.last()).toBeUndefined();
    pointer('pointermove', 10, 20);
    pointer('pointerdown', 30, 40);
    pointer('pointermove', 500, 500, false);
    expect(tracker.last()).toEqual({ x: 30, y: 40 });
    tracker.stop();
    pointer('pointermove', 50, 60);
    expect(tracker.last()).toEqual({ x: 30, y: 40 });
  });
});
