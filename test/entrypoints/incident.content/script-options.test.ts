import { describe, expect, it } from 'vitest';
import { INCIDENT_SCRIPT_OPTIONS } from '@/entrypoints/incident.content/script-options';

describe('INCIDENT_SCRIPT_OPTIONS', () => {
  it('runs after the page loaded, injects no CSS of its own and posts no start-up message to the page', () => {
    expect(INCIDENT_SCRIPT_OPTIONS).toEqual({
      runAt: 'document_idle',
      cssInjectionMode: 'manual',
      noScriptStartedPostMessage: true,
    });
  });
});
