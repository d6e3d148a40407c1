import { beforeEach, describe, expect, it } from 'vitest';
import { savedPage } from '../support/serve.ts';
import { type ExtensionBrowser, poll, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

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

    it('shows buttons from the URL alone: floating where the markup is unknown, docked in the row it knows', async () => {
      const path = '/hooks/url-first';
      await createAction({
        label: 'Open a bridge',
        url: `${receiver.origin}${path}/{{incident.site}}/{{incident.id}}`,
        body: '{"id": "{{incident.id}}", "link": "{{incident.html_url}}"}',
      });
      // Where our shadow host sits: its parent's tag and its own attributes, and the buttons beside it.
      const host = () =>
        browser.evaluate(() => {
          const element = [...document.querySelectorAll('*')].find((e) => /^IA-[A-Z]+$/.test(e.tagName));
          const parent = element?.parentElement;
          return {
            inBody: parent === document.body,
            parentLabel: parent?.getAttribute('aria-label') ?? '',
            parentTabindex: parent?.getAttribute('tabindex') ?? '',
            siblingButtons: [...(parent?.querySelectorAll(':scope > * button, :scope > button') ?? [])].map(
              (b) => b.textContent?.trim() ?? '',
            ),
          };
        });
      const sendAndCheck = async (count: number, page: { site: string; id: string }, link: string) => {
        await openModal('Open a bridge');
        await browser.clickAccessible(button('Send'));
        const request = await receiver.waitFor(path, count);
        expect(request.path).toBe(`${path}/${page.site}/${encodeURIComponent(page.id)}`);
        expect(JSON.parse(request.body)).toStrictEqual({ id: page.id, link });
        await browser.waitForAccessible(button('Close'));
        await browser.clickAccessible(button('Close'));
      };

      // A PagerTree alert opened inside the app, without the account segment: docked in its actions toolbar.
      const pagerTree = savedPage('pagertree/alert-acknowledged');
      expect(new URL(pagerTree.url).pathname).toBe(`/alerts/${pagerTree.id}`);
      await browser.goto(pagerTree.url);
      await browser.waitForAccessible(button('Open a bridge'));
      expect((await host()).parentLabel).toBe('Alert actions');
      await sendAndCheck(1, pagerTree, pagerTree.url);

      // An incident.io page with no marker or selector the adapter knows: floating, the id from the URL, and the
      // modal says the values are the address's alone.
      const unknown = savedPage('incident-io/unknown-markup');
      await browser.goto(unknown.url);
      await browser.waitForAccessible(button('Open a bridge'));
      expect((await host()).inBody).toBe(true);
      await openModal('Open a bridge');
      expect(await browser.textOfAccessible(dialog('Open a bridge'))).toContain(
        "Values from the page's address only (nothing on the page was recognised)",
      );
      await browser.clickAccessible(button('Cancel'));
      await browser.waitForAccessible(dialog('Open a bridge'), { gone: true });
      await sendAndCheck(2, unknown, unknown.url);

      // Grafana OnCall for a user without write permission: each action button sits alone in a tooltip wrapper;
      // the buttons dock in the row holding all of them, not inside one wrapper.
      const readOnly = savedPage('grafana-oncall/cloud-oncall-readonly');
      await browser.goto(readOnly.url);
      await browser.waitForAccessible(button('Open a bridge'));
      const docked = await host();
      expect(docked.inBody).toBe(false);
      expect(docked.parentTabindex).toBe('');
      expect(docked.siblingButtons).toEqual(['Unacknowledge', 'Resolve']);
      await sendAndCheck(3, readOnly, readOnly.url);
    });

    it('shows no buttons on PagerDuty pages that are not an incident: the status page and the incident list', async () => {
      await createAction({ label: 'Only on incidents', url: `${receiver.origin}/hooks/not-incidents` });
      // Whether our shadow host is in the page, and whether the page drew the app's actions row (it is the same app).
      const shown = () =>
        browser.evaluate(() => ({
          ours: [...document.querySelectorAll('*')].some((e) => /^IA-[A-Z]+$/.test(e.tagName)),
          actionsRow: document.querySelector('#actionsButtonsRow') !== null,
        }));
      // On an account's incident the button shows: the content script runs on these hosts.
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Only on incidents'));

      // status.pagerduty.com serves no account: the same markup and path there is not an incident.
      await browser.goto('https://status.pagerduty.com/incidents/Q1DBFULL7X2M');
      await poll('the status page drawn', async () => ((await shown()).actionsRow ? true : undefined));
      await watchForNothing();
      expect(await shown()).toEqual({ ours: false, actionsRow: true });

      // The incident list, on the account's own host.
      await browser.goto('https://acme.pagerduty.com/incidents');
      await watchForNothing();
      expect((await shown()).ours).toBe(false);
      await browser.waitForAccessible(button('Only on incidents'), { gone: true });
    });
  });
}
