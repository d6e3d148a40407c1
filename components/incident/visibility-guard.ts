import { useEffect, useState } from 'preact/hooks';

/**
 * Design rule 3: Send is armed only while the modal is really visible, and only for a pointer a person moved
 * onto it. Our <dialog> sits in the top layer, so ordinary page content cannot cover it; the page's own
 * top-layer content (a popover or modal opened after ours, perhaps transparent to clicks) can, from its light
 * DOM or from inside its own shadow roots.
 */

const supportsTrackVisibility =
  typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * Where the browser has IntersectionObserver v2 (Chromium), whether the element is drawn unoccluded, fully
 * opaque and untransformed; elsewhere always true, and `coverProblem` is the check.
 */
export function useTrackedVisibility(element: { current: Element | null }): boolean {
  const [visible, setVisible] = useState(!supportsTrackVisibility);
  useEffect(() => {
    const target = element.current;
    if (!supportsTrackVisibility || !target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1] as IntersectionObserverEntry & { isVisible?: boolean };
        setVisible(entry.isVisible === true);
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return visible;
}

const TOP_LAYER = ':modal, :popover-open';

/**
 * Design rule 9: one check looks at this many elements and shadow roots at most. A page past either cap is
 * treated as covering the dialog (fail closed): Send stays off there rather than trusting an unchecked page.
 */
export const SCAN_LIMITS = { elements: 50_000, shadowRoots: 200 };

/** A shadow root the content script may look into: open ones, and in Firefox closed ones too. */
function shadowRootOf(element: Element): ShadowRoot | null {
  return (
    (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? element.shadowRoot
  );
}

/**
 * Whether the page has content open in the top layer: in its light DOM, fullscreen, or in any shadow root we
 * can see (`own`, our host, skipped). 'too-big' past SCAN_LIMITS.
 */
export function scanPageTopLayer(doc: Document, own?: Element, limits = SCAN_LIMITS): 'clear' | 'open' | 'too-big' {
  if (doc.querySelector(TOP_LAYER) || doc.fullscreenElement) return 'open';
  let elements = 0;
  let roots = 0;
  const pending: Node[] = [doc];
  for (let root = pending.pop(); root; root = pending.pop()) {
    // Every element is looked at, as no selector finds shadow hosts; only hosts' roots are searched again.
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++elements > limits.elements) return 'too-big';
      const shadow = node === own ? null : shadowRootOf(node as Element);
      if (!shadow) continue;
      if (++roots > limits.shadowRoots) return 'too-big';
      if (shadow.querySelector(TOP_LAYER)) return 'open';
      pending.push(shadow);
    }
  }
  return 'clear';
}

export interface Point {
  x: number;
  y: number;
}

type Box = Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>;

const centreOf = (box: Box): Point => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 });

const isInside = (point: Point, box: Box): boolean =>
  point.x >= box.left && point.x < box.left + box.width && point.y >= box.top && point.y < box.top + box.height;

/**
 * The hit test at Send's centre, from both sides of our closed shadow root: the page's topmost element there
 * must be our host, and our own topmost element must be the button. Anything else means covered.
 */
export function hitTestCovered(
  button: Element,
  host: Element,
  pageHits: readonly Element[],
  ownHits: readonly Element[],
): boolean {
  const ownTop = ownHits[0];
  return pageHits[0] !== host || !ownTop || !(ownTop === button || button.contains(ownTop));
}

export const COVERED = 'Something on the page is drawn over this dialog, so Send is off until it is gone.';
const TOO_BIG = 'This page is too large to check that nothing covers this dialog, so Send is off.';

/**
 * Why the button cannot be trusted to be seen now, or undefined: the page's top layer and the hit test at the
 * button's centre. A button out of the viewport is not hit-tested (nothing can click it there; focus scrolls it
 * into view for the keyboard).
 */
export function coverProblem(button: Element | null, doc: Document = document): string | undefined {
  const root = button?.getRootNode() as ShadowRoot | undefined;
  if (!button || !root || !('host' in root)) return COVERED;
  const scan = scanPageTopLayer(doc, root.host);
  if (scan !== 'clear') return scan === 'open' ? COVERED : TOO_BIG;
  const box = button.getBoundingClientRect();
  const at = centreOf(box);
  const view = doc.defaultView;
  if (!view || box.width === 0 || !isInside(at, { left: 0, top: 0, width: view.innerWidth, height: view.innerHeight }))
    return undefined;
  return hitTestCovered(button, root.host, doc.elementsFromPoint(at.x, at.y), root.elementsFromPoint(at.x, at.y))
    ? COVERED
    : undefined;
}

/**
 * How often the cover check runs while Send is offered: a popover opening fires nothing we can hear. Measured
 * in headless Chromium, one check takes 0.8 ms on an 8,000-element page and 4.5 ms on a 39,000-element one.
 */
export const COVER_CHECK_MS = 250;
/** The least time between two checks the pointer, scrolling or resizing asks for. */
const EVENT_CHECK_GAP_MS = 50;

/**
 * `coverProblem` for the button, kept current while `active`: on a timer (opening a popover mutates no DOM
 * and its toggle event does not leave its shadow root, so no observer would hear it), and at once on the
 * pointer moving, scrolling and resizing.
 */
export function useCoverProblem(button: { current: Element | null }, active: boolean): string | undefined {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const check = () => {
      last = Date.now();
      setProblem(coverProblem(button.current));
    };
    // Events come many a second while the pointer moves; a big page's scan takes milliseconds (design rule 9).
    const soon = () => {
      if (Date.now() - last >= EVENT_CHECK_GAP_MS) check();
    };
    check();
    const timer = setInterval(check, COVER_CHECK_MS);
    const stop = onPointer(soon);
    window.addEventListener('scroll', soon, true);
    window.addEventListener('resize', soon);
    return () => {
      clearInterval(timer);
      stop();
      window.removeEventListener('scroll', soon, true);
      window.removeEventListener('resize', soon);
    };
  }, [button, active]);
  return problem;
}

type PointerListener = (event: PointerEvent, before: Point | undefined) => void;
const pointerListeners = new Set<PointerListener>();
let lastPointer: Point | undefined;
const followed = new WeakSet<object>();

/**
 * Follows the real pointer in this window from now on, so the modal knows where it was before the modal
 * appeared. Idempotent; the dialogs start it when they load, with where the bar's loader last saw the pointer
 * (`from`, last-pointer.ts), which counts only until this module sees one itself.
 */
export function followPointer(win: Window = window, from?: Point): void {
  lastPointer ??= from;
  if (followed.has(win)) return;
  followed.add(win);
  const record = (event: Event) => {
    if (!event.isTrusted) return;
    const pointer = event as PointerEvent;
    const before = lastPointer;
    lastPointer = { x: pointer.clientX, y: pointer.clientY };
    for (const listener of pointerListeners) listener(pointer, before);
  };
  // Not the boundary events (pointerover): a browser sends them before the move they belong to, at its position.
  for (const type of ['pointermove', 'pointerdown', 'pointerup'])
    win.addEventListener(type, record, { capture: true, passive: true });
}

/** Hears every trusted pointer event `followPointer` sees, with where the pointer was before it. */
export function onPointer(listener: PointerListener): () => void {
  pointerListeners.add(listener);
  return () => pointerListeners.delete(listener);
}

/**
 * Whether this event is the pointer moving onto the button: a trusted move inside its box, from a different
 * position than the last one seen. A browser's own re-dispatch when the layout changes under a still pointer
 * (Send appearing under it) repeats the last position, and a press is no move at all.
 */
export function movedOnto(
  event: Pick<PointerEvent, 'isTrusted' | 'type' | 'clientX' | 'clientY'>,
  before: Point | undefined,
  box: Box,
): boolean {
  if (!event.isTrusted || event.type !== 'pointermove' || !before) return false;
  const at = { x: event.clientX, y: event.clientY };
  return (at.x !== before.x || at.y !== before.y) && isInside(at, box);
}
