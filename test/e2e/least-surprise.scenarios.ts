import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * The lesser weaknesses of the hardening review, each in the browser: the page is not told the extension runs,
 * one account's runs stay off another account's incident of the same id, a custom site cannot claim a whole
 * public suffix, and plain http off this machine needs the action's say-so and is shown in the modal.
 */
export function leastSurpriseScenarios(context: () => ScenarioContext) {
  describe('least surprise', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });

    it('posts no window message the page can hear when it starts on an incident', async () => {
      await createActionThroughOptions(browser, { label: 'Quiet start', url: `${receiver.origin}/hooks/quiet` });
      await browser.goto(incidentUrl('Q2CPUHOT9K4L'));
      await browser.waitForAccessible(button('Quiet start'));
      // The fixture app records every window message from its first script on (lib/sites/pagerduty/fixtures).
      const heard = await browser.evaluate(() => (window as unknown as { pageMessages: string[] }).pageMessages);
      expect(heard).toEqual([]);
    });

    it("keeps one account's runs off another account's incident with the same id", async () => {
      const label = 'Account run';
      const path = '/hooks/account-run';
      await createActionThroughOptions(browser, { label, url: `${receiver.origin}${path}` });
      const send = async (host: string, count: number) => {
        // Not Q2CPUHOT9K4L: the navigation scenario sends on that incident of the EU account.
        await browser.goto(incidentUrl('Q1DBFULL7X2M', host));
        await openActionModal(browser, label);
        await browser.clickAccessible(button('Send'));
        await receiver.waitFor(path, count);
        await browser.waitForAccessible(button('Close'));
        await browser.clickAccessible(button('Close'));
      };
      // Other groups ran actions on this incident of the main account; none ran on the EU account's.
      await send('acme.pagerduty.com', 1);
      // The same incident id on the EU account is another incident: its first run is its only one.
      await send('acme.eu.pagerduty.com', 2);
      await browser.clickAccessible(button('Runs (1)'));
      expect(await browser.textOfAccessible({ role: 'region', name: 'Runs on this incident' })).toContain(label);
    });

    it('refuses a custom site pattern that covers a whole public suffix', async () => {
      await browser.openOptionsPage();
      await browser.clickAccessible(button('Add a site'));
      await browser.fill('#site-name', 'Everything');
      await browser.fill('#site-pattern', 'https://*.com/*');
      await browser.fill('#site-id-regex', '^/incidents/([0-9]+)');
      await browser.clickAccessible(button('Save site'));
      await poll('the pattern refused', async () =>
        (await browser.textOf('main')).includes('That *. covers every site under a public suffix') ? true : undefined,
      );
      await browser.clickAccessible(button('Cancel'));
      expect(await browser.textOf('main')).not.toContain('https://*.com/*');
    });

    it('saves a plain-http endpoint off this machine only with the action’s opt-in, and says so in the modal', async () => {
      const label = 'Plain http hook';
      await browser.openOptionsPage();
      await browser.clickAccessible(button('New action'));
      await browser.fill('#action-label', label);
      await browser.fill('#action-url', 'http://grafana.internal.example/hooks/plain');
      await browser.clickAccessible(button('Save action'));
      await poll('plain http refused', async () =>
        (await browser.textOf('main')).includes(
          'Plain http sends the request, its secrets and its signature unencrypted',
        )
          ? true
          : undefined,
      );
      await browser.clickAccessible({
        role: 'checkbox',
        name: 'Allow plain http (the request, its secrets and signature travel unencrypted)',
      });
      await browser.clickAccessible(button('Save action'));
      await poll(`"${label}" in the action list`, async () =>
        (await browser.textOf('.action-list')).includes(label) ? true : undefined,
      );

      await browser.goto(incidentUrl('Q2CPUHOT9K4L'));
      await openActionModal(browser, label);
      expect(await browser.textOfAccessible(dialog(label))).toContain(
        'Plain http: this request and its secrets travel unencrypted (the action allows it).',
      );
      await browser.clickAccessible(button('Cancel'));
      await browser.waitForAccessible(dialog(label), { gone: true });
    });
  });
}
