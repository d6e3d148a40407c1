import type { Point } from './visibility-guard';

/**
 * Where the real pointer last was in this window, followed from the bar's first showing by the script every incident
 * page parses: the dialogs load later, and Send's arming needs to know where the pointer was before the modal
 * appeared (visibility-guard.ts). Only trusted events count, as there.
 */
export function lastPointerTracker(win: Window = window): { last: () => Point | undefined; stop: () => void } {
  let last: Point | undefined;
  const record = (event: Event) => {
    if (!event.isTrusted) return;
    const pointer = event as PointerEvent;
    last = { x: pointer.clientX, y: pointer.clientY };
  };
  const types = ['pointermove', 'pointerdown', 'pointerup'];
  for (const type of types) win.addEventListener(type, record, { capture: true, passive: true });
  return {
    last: () => last,
    stop: () => {
      for (const type of types) win.removeEventListener(type, record, { capture: true });
    },
  };
}
