import type { IncidentDialogsProps } from '@/components/incident/IncidentDialogs';
import { extensionModule } from './extension-module';
import type { incidentValues } from './incident-values';

/** What entrypoints/incident-ui hands over: everything the bar opens, and the vendor API's reading of the incident. */
export interface IncidentUi {
  /** Draws the dialogs into `container` (in our closed shadow root); `undefined` takes them down. */
  render: (container: Element, props: IncidentDialogsProps | undefined) => void;
  incidentValues: typeof incidentValues;
}

/** Where the injected module leaves its UI, on the isolated world's global (the page cannot read it). */
export const INCIDENT_UI_KEY = '__incidentActionsUi';

/** The dialogs and the vendor API's mapping, first asked for when the bar is hovered, focused or clicked. */
export const loadIncidentUi = extensionModule<IncidentUi>('/incident-ui.js', INCIDENT_UI_KEY, 'The dialogs');
