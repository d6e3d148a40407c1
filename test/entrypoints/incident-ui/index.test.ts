import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_UI_KEY, type IncidentUi } from '@/entrypoints/incident.content/incident-ui';
import { incidentValues } from '@/entrypoints/incident.content/incident-values';
import definition from '@/entrypoints/incident-ui/index';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[INCIDENT_UI_KEY];
});

describe('the on-demand dialogs module', () => {
  it('leaves its UI on the isolated world’s global, and styles a shadow root once however often it draws', () => {
    definition.main();
    const ui = (globalThis as Record<string, unknown>)[INCIDENT_UI_KEY] as IncidentUi;
    expect(ui.incidentValues).toBe(incidentValues);

    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const container = document.createElement('div');
    root.append(container);
    const props = {
      runs: [],
      runsOpen: false,
      fixing: false,
      loadValues: incidentValues,
      onCloseConfirm: () => {},
      onCloseRuns: () => {},
      onCloseFix: () => {},
    };
    ui.render(container, props);
    ui.render(container, props);
    ui.render(container, undefined);
    expect(root.querySelectorAll('style')).toHaveLength(1);
  });
});
