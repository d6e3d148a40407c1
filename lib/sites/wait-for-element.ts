/**
 * Resolves with what `find` returns once it returns something, watching the page's DOM until `timeoutMs`
 * (then undefined). Incident apps render their header after load, so an anchor may come a moment late.
 */
export function waitForElement(
  doc: Document,
  find: (doc: Document) => Element | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Element | undefined> {
  const found = find(doc);
  if (found || timeoutMs <= 0) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (element: Element | undefined) => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(element);
    };
    const onAbort = () => finish(undefined);
    const observer = new MutationObserver(() => {
      const element = find(doc);
      if (element) finish(element);
    });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    signal?.addEventListener('abort', onAbort);
  });
}
