import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useState } from 'preact/hooks';

export type ElementVirtualizerOptions = Omit<
  VirtualizerOptions<HTMLElement, HTMLElement>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn' | 'onChange'
>;

/** TanStack's virtualizer for a scrolling element, re-rendering the component when its window moves. */
export function useVirtualizer(options: ElementVirtualizerOptions): Virtualizer<HTMLElement, HTMLElement> {
  const [, setVersion] = useState(0);
  const resolved: VirtualizerOptions<HTMLElement, HTMLElement> = {
    ...options,
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    onChange: () => setVersion((version) => version + 1),
  };
  const [virtualizer] = useState(() => new Virtualizer(resolved));
  virtualizer.setOptions(resolved);
  // `_didMount` (once, on mount) and `_willUpdate` (after every render) are the adapter API: TanStack's own
  // React adapter (@tanstack/react-virtual, `useVirtualizerBase`) calls them too. Underscored, they may
  // change in any release: package.json pins @tanstack/virtual-core to one exact version for that reason,
  // and an upgrade must be checked against the React adapter's source of the new version.
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
