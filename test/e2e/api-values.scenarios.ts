import { beforeEach, describe, expect, it } from 'vitest';
import { E2E_API_TOKEN } from '../support/pagerduty-app/api.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, PD_API_PATH, type ScenarioContext } from './scenario-context.ts';

/**
 * Values the page does not show, completed from PagerDuty's own API: with the responder's session, or a
 * token saved in the options page.
 */
export function apiValueScenarios(context: () => ScenarioContext) {
  describe("values from the vendor's API", () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it("completes the page's values from PagerDuty's own API with the session, and says so", async () => {
      const path = '/hooks/api-values';
      await createAction({
        label: 'Snapshot the database',
        url: `${receiver.origin}${path}`,
        body: '{"env": "{{incident.custom_fields.environment}}", "observed": "{{incident.alert_details.observed_ms}}", "key": "{{incident.incident_key}}", "priority": "{{incident.priority}}"}',
      });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openModal('Snapshot the database');
      expect(await browser.textOfAccessible(dialog('Snapshot the database'))).toContain(
        "Values from the vendor's API (your session)",
      );
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      // None of these is on the page: they come from /api/v1 with the session cookie the app set.
      expect(JSON.parse(request.body)).toStrictEqual({
        env: 'production',
        observed: 3412, // a leaf that is one output keeps the value's type
        key: 'checkout-api/p99-latency/us-east-1',
        priority: 'P1',
      });
      await browser.clickAccessible(button('Close'));
    });

    it('shows an action whose condition reads a value only the API has, before any click', async () => {
      // The fixture page shows no priority; PagerDuty's API (with the session) says P1.
      await createAction({
        label: 'Page the P1 bridge',
        url: `${receiver.origin}/hooks/p1-bridge`,
        fillMore: async (options) => {
          await options.clickAccessible(button('Add rule'));
          await options.fill('[aria-label="Rule 1 variable"]', 'incident.priority');
          await options.select('[aria-label="Rule 1 operator"]', 'equals');
          await options.fill('[aria-label="Rule 1 value"]', 'P1');
        },
      });
      await createAction({
        label: 'Page the P3 queue',
        url: `${receiver.origin}/hooks/p3-queue`,
        fillMore: async (options) => {
          await options.clickAccessible(button('Add rule'));
          await options.fill('[aria-label="Rule 1 variable"]', 'incident.priority');
          await options.select('[aria-label="Rule 1 operator"]', 'equals');
          await options.fill('[aria-label="Rule 1 value"]', 'P3');
        },
      });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Page the P1 bridge'));
      expect(await browser.isAccessible(button('Page the P3 queue'))).toBe(false);
      // The options page learnt that the priority came from the API.
      await browser.openOptionsPage();
      await poll('the PagerDuty reading', async () =>
        (await browser.textOf('section[aria-labelledby="sites-heading"]')).includes("prioritythe vendor's API")
          ? true
          : undefined,
      );
    });

    it('reads the incident through a PagerDuty API token saved in the options page', async () => {
      const path = '/hooks/api-token';
      await createAction({
        label: 'Scale out checkout',
        url: `${receiver.origin}${path}`,
        body: '{"env": "{{incident.custom_fields.environment}}", "number": "{{incident.number}}"}',
      });
      await browser.clickAccessible(button('Read PagerDuty incidents through its API with a token…'));
      await browser.fill('#api-pagerduty-base', `${receiver.origin}${PD_API_PATH}`);
      await browser.fill('#api-pagerduty-token', E2E_API_TOKEN);
      await browser.clickAccessible(button('Save token'));
      await poll('token saved', async () =>
        (await browser.textOf('main')).includes('Saved the PagerDuty API token ending in 7Qx9') ? true : undefined,
      );
      // Shown by its end only, never in full.
      expect(await browser.textOf('main')).not.toContain(E2E_API_TOKEN);

      await browser.goto(incidentUrl('Q2CPUHOT9K4L'));
      await openModal('Scale out checkout');
      expect(await browser.textOfAccessible(dialog('Scale out checkout'))).toContain(
        "Values from the vendor's API (saved token)",
      );
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(JSON.parse(request.body)).toStrictEqual({ env: 'production', number: 4212 });
      const apiCall = receiver.to(`${PD_API_PATH}/incidents/Q2CPUHOT9K4L`)[0];
      expect(apiCall?.headers.authorization).toBe(`Token token=${E2E_API_TOKEN}`);
      expect(apiCall?.headers.cookie).toBeUndefined();
      await browser.clickAccessible(button('Close'));

      // Removed again, so the other scenarios read PagerDuty through the session.
      await browser.openOptionsPage();
      await browser.clickAccessible(button('Remove the PagerDuty API token'));
      await poll('token removed', async () =>
        (await browser.textOf('main')).includes('Removed the PagerDuty API token.') ? true : undefined,
      );
    });
  });
}
