import { beforeEach, describe, expect, it } from 'vitest';
import { savedPage } from '../support/serve.ts';
import type { ExtensionBrowser } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * Incident pages of the other vendors the extension reads, saved pages served at their real URLs.
 */
export function vendorPageScenarios(context: () => ScenarioContext) {
  describe("other vendors' pages", () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it("works on other vendors' incident pages, reading their fields", async () => {
      const path = '/hooks/vendors';
      await createAction({
        label: 'Post to war room',
        url: `${receiver.origin}${path}/{{incident.site}}/{{incident.id}}`,
        body: '{"site": "{{incident.site}}", "id": "{{incident.id}}", "title": "{{incident.title}}", "status": "{{incident.status}}"}',
      });
      for (const [count, saved] of [
        'pagertree/alert-open',
        'incident-io/incident-active',
        'grafana-oncall/cloud-oncall',
      ].entries()) {
        const expected = savedPage(saved);
        await browser.goto(expected.url);
        await openModal('Post to war room');
        expect(await browser.textOfAccessible(dialog('Post to war room'))).toContain(expected.title);
        await browser.clickAccessible(button('Send'));
        const request = await receiver.waitFor(path, count + 1);
        expect(request.path).toBe(`${path}/${expected.site}/${encodeURIComponent(expected.id)}`);
        expect(JSON.parse(request.body)).toStrictEqual({
          site: expected.site,
          id: expected.id,
          title: expected.title,
          status: expected.status,
        });
        await browser.waitForAccessible(button('Close'));
        await browser.clickAccessible(button('Close'));
      }
    });
  });
}
