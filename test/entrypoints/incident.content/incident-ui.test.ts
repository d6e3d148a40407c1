import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_UI_KEY, loadIncidentUi } from '@/entrypoints/incident.content/incident-ui';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[INCIDENT_UI_KEY];
});

describe('loadIncidentUi', () => {
  it('fails with a clear error when the module cannot be loaded, and tries again next time', async () => {
    // No built file here: the import fails, as a blocked or missing resource would.
    await expect(loadIncidentUi()).rejects.toThrow();
    await expect(loadIncidentUi()).rejects.toThrow();
  });

  it('hands over what the module left on the isolated world’s global, importing nothing again', async () => {
    const ui = { render: () => {}, incidentValues: async () => ({}) };
    Object.defineProperty(globalThis, INCIDENT_UI_KEY, { value: ui, configurable: true });
    await expect(loadIncidentUi()).resolves.toBe(ui);
    await expect(loadIncidentUi()).resolves.toBe(ui);
  });
});
