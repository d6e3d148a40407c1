import { useEffect, useState } from 'preact/hooks';

/**
 * Design rule 3: Send is armed only while the modal is really visible. Our <dialog> sits in the top layer, so
 * ordinary page content cannot cover it; the page's own top-layer content (a popover or modal opened after
 * ours, perhaps transparent to clicks) can.
 */

const supportsTrackVisibility =
  typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * Where the browser has IntersectionObserver v2 (Chromium), whether the element is drawn unoccluded, fully
 * opaque and untransformed; elsewhere always true, and `pageTopLayerProblem` is the check.
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

/** Checked at the moment of the click, in every browser: page content open in the top layer with us. */
export function pageTopLayerProblem(doc: Document = document): string | undefined {
  const open = doc.querySelector(':modal, :popover-open') ?? doc.fullscreenElement;
  return open
    ? 'Something on the page is drawn over this dialog, so nothing was sent. Close it and try again.'
    : undefined;
}
