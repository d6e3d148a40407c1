import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import type { Receiver } from './receiver.ts';

const button = (name: string) => ({ role: 'button', name });
const LABEL = 'Imported restart';
const INCIDENT = 'https://acme.pagerduty.com/incidents/Q2CPUHOT9K4L';

/** A config as an admin shares it: one action with a secret header left as a placeholder, and a constant. */
function teamConfig(receiverOrigin: string) {
  return {
    $schema: './incident-actions-config.schema.json',
    format: 'incident-actions/config',
    version: 2,
    actions: [
      {
        id: 'imported-restart',
        label: LABEL,
        enabled: true,
        method: 'POST',
        url: `${receiverOrigin}/imported/{{ incident.id }}`,
        headers: [{ name: 'X-Api-Key', secret: true, placeholder: 'team_api_key' }],
        body: '{"incident": "{{ incident.id }}", "runbook": "{{ constants.runbook }}"}',
      },
    ],
    constants: [{ name: 'runbook', value: 'https://runbooks.example.com/web' }],
    secrets: [{ name: 'team_api_key' }],
  };
}

/**
 * Sharing through the options page, as an admin's file reaches a responder: chosen with the file picker,
 * previewed, its secret filled in, imported, and sent from an incident; a polluted file is refused with its
 * JSON path and changes nothing.
 */
export function sharingScenarios(context: () => { browser: ExtensionBrowser; receiver: Receiver }) {
  const folder = mkdtempSync(join(tmpdir(), 'ia-import-'));
  const file = (name: string, content: unknown) => {
    const path = join(folder, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };

  describe('sharing configs', () => {
    it('refuses a polluted file with the JSON path, then imports a team config and sends with its secret', async () => {
      const { browser, receiver } = context();
      await browser.openOptionsPage();
      const listBefore = await browser.textOf('#actions-heading ~ *');

      const polluted = teamConfig(receiver.origin) as Record<string, unknown>;
      const hostile = `${JSON.stringify(polluted).slice(0, -1)}, "actions_extra": {"__proto__": {"isAdmin": true}}}`;
      await browser.setInputFile('#import-file', file('polluted.json', hostile));
      await browser.waitForSelector('.import-error');
      expect(await browser.textOf('.import-error')).toContain('$.actions_extra.__proto__');
      expect(await browser.textOf('#actions-heading ~ *')).toBe(listBefore);

      await browser.setInputFile('#import-file', file('team.json', teamConfig(receiver.origin)));
      await browser.waitForSelector('#import-secret-team_api_key');
      const preview = await browser.textOf('.import-preview');
      expect(preview).toContain(LABEL);
      expect(preview).toContain('team_api_key');
      await browser.fill('#import-secret-team_api_key', 'key-from-the-vault');
      await browser.clickAccessible(button('Import'));
      await browser.waitForSelector('.import-done');
      expect(await browser.textOf('.import-done')).toContain('actions: 1 added');
      await poll(`"${LABEL}" in the action list`, async () =>
        (await browser.textOf('.action-list')).includes(LABEL) ? true : undefined,
      );

      await browser.goto(INCIDENT);
      await browser.waitForAccessible(button(LABEL));
      await browser.clickAccessible(button(LABEL));
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor('/imported/Q2CPUHOT9K4L', 1);
      expect(request.headers['x-api-key']).toBe('key-from-the-vault');
      expect(JSON.parse(request.body)).toEqual({
        incident: 'Q2CPUHOT9K4L',
        runbook: 'https://runbooks.example.com/web',
      });
      await browser.waitForAccessible(button('Close'));
      await browser.clickAccessible(button('Close'));
    });
  });
}
