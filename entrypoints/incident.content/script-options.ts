/**
 * The options every incident content script shares. A module of its own, without the UI: WXT reads each entrypoint's
 * options in Node, keeping only what `main` does not use.
 */
export const INCIDENT_SCRIPT_OPTIONS = {
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  // No `window.postMessage` naming the extension to every page on start: a newer copy still replaces an older one
  // through WXT's document event, whose name holds the extension id, so only a page that knows it can listen.
  noScriptStartedPostMessage: true,
} as const;
