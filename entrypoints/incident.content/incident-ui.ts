import { browser } from 'wxt/browser';
import type { IncidentDialogsProps } from '@/components/incident/IncidentDialogs';
import type { incidentValues } from './incident-values';

/** What entrypoints/incident-ui hands over: everything the bar opens, and the vendor API's reading of the incident. */
export interface IncidentUi {
  /** Draws the dialogs into `container` (in our closed shadow root); `undefined` takes them down. */
  render: (container: Element, props: IncidentDialogsProps | undefined) => void;
  incidentValues: typeof incidentValues;
}

/** Where the injected module leaves its UI, on the isolated world's global (the page cannot read it). */
export const INCIDENT_UI_KEY = '__incidentActionsUi';

let loading: Promise<IncidentUi> | undefined;

/**
 * The dialogs and the vendor API's mapping, imported into this content script's world the first time the bar is
 * hovered, focused or clicked, so that what every incident page parses at load stays small. The file is a
 * web-accessible resource (wxt.config.ts); Chrome serves it only at the session's dynamic URL, which `getURL` gives.
 * A failed import is not kept: the next attempt tries again.
 */
export function loadIncidentUi(): Promise<IncidentUi> {
  const loaded = () => (globalThis as Record<string, unknown>)[INCIDENT_UI_KEY] as IncidentUi | undefined;
  loading ??= (async () => {
    if (!loaded()) await import(/* @vite-ignore */ browser.runtime.getURL('/incident-ui.js'));
    const ui = loaded();
    if (!ui) throw new Error('The dialogs did not load in this tab');
    return ui;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
