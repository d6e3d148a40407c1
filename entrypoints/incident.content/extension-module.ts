import { browser, type PublicPath } from 'wxt/browser';

/**
 * A loader for one of our on-demand modules (the dialogs, the page tools): imported into this content script's world
 * the first time it is asked for, so that what every incident page parses at load stays small. The module leaves what
 * it exports on the isolated world's global under `key` (the page cannot read it). The file is a web-accessible
 * resource (wxt.config.ts); Chrome serves it only at the session's dynamic URL, which `getURL` gives, so a page cannot
 * probe for it at a fixed address. A failed import is not kept: the next call tries again.
 */
export function extensionModule<T>(
  file: Extract<PublicPath, '/incident-ui.js' | '/page-tools.js'>,
  key: string,
  what: string,
): () => Promise<T> {
  const loaded = () => (globalThis as Record<string, unknown>)[key] as T | undefined;
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= (async () => {
      if (!loaded()) await import(/* @vite-ignore */ browser.runtime.getURL(file));
      const module = loaded();
      if (!module) throw new Error(`${what} did not load in this tab`);
      return module;
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
