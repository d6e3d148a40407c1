import { beforeEach, describe, expect, it } from 'vitest';
import { savedPage } from '../support/serve.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import {
  addAcmeSiteThroughOptions,
  addGrafanaSiteThroughOptions,
  createActionThroughOptions,
  type NewAction,
} from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * An in-house incident tool the admin describes in the options page (pattern, id, dock, fields).
 */
export function customSiteScenarios(context: () => ScenarioContext) {
  describe('sites added in the options page', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('works on an in-house site added through the options page, in a tab open before it was added', async () => {
      const path = '/hooks/custom-site';
      await createAction({
        label: 'Page the queue team',
        url: `${receiver.origin}${path}/{{incident.id}}`,
        body: '{"site": "{{incident.site}}", "title": "{{incident.title}}", "status": "{{incident.status}}", "region": "{{incident.custom_fields.region}}"}',
      });
      // A responder already has the incident open in another tab: no script runs there yet.
      const incidentTab = await browser.newTab();
      await incidentTab.goto('https://oncall.internal.example/incidents/INC-42');
      const ourHosts = () => [...document.querySelectorAll('*')].filter((el) => /^IA-/.test(el.tagName)).length;
      expect(await incidentTab.evaluate(ourHosts)).toBe(0);
      await browser.bringToFront();
      await browser.openOptionsPage();
      await addAcmeSiteThroughOptions(browser);
      await poll('site registered and started in the open tab', async () =>
        (await browser.textOf('main')).includes(
          'Registered on: https://oncall.internal.example/*. Started in 1 open tab.',
        )
          ? true
          : undefined,
      );

      // The tab that was already open has the buttons now, without a reload, and exactly one host.
      await incidentTab.bringToFront();
      await incidentTab.waitForAccessible(button('Page the queue team'));
      expect(await incidentTab.evaluate(ourHosts)).toBe(1);

      // The options page lists the site's fields with the values of the incident open in that tab.
      await browser.bringToFront();
      await browser.clickAccessible(button('Refresh field values'));
      await poll('field catalogue with values', async () =>
        (await browser.textOf('main')).includes('Fields of INC-42 · Queue consumers stalled in eu-central')
          ? true
          : undefined,
      );
      await browser.click('details[data-site="custom:acme-on-call"] > summary');
      const catalogue = await browser.textOf('table[aria-label="Acme On-call fields"]');
      expect(catalogue).toContain('{{incident.custom_fields.region}}eu-central-1');
      expect(catalogue).toContain('{{incident.status}}investigating');
      await incidentTab.close();

      await browser.goto('https://oncall.internal.example/incidents/INC-42');
      await openModal('Page the queue team');
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.path).toBe(`${path}/INC-42`);
      expect(JSON.parse(request.body)).toStrictEqual({
        site: 'custom:acme-on-call',
        title: 'Queue consumers stalled in eu-central',
        status: 'investigating',
        region: 'eu-central-1',
      });
      // Docked in the site's own toolbar.
      expect(await browser.evaluate(() => document.querySelector('.toolbar')?.lastElementChild?.tagName ?? '')).toMatch(
        /^IA-[A-Z]+$/,
      );
      await browser.clickAccessible(button('Close'));
    });

    it('reads a self-hosted Grafana on plain http as Grafana OnCall once registered, with a warning', async () => {
      const path = '/hooks/self-hosted-grafana';
      await createAction({
        label: 'Escalate alert group',
        url: `${receiver.origin}${path}/{{incident.site}}/{{incident.id}}`,
        body: '{"title": "{{incident.title}}", "status": "{{incident.status}}", "link": "{{incident.html_url}}"}',
      });
      const saved = savedPage('grafana-oncall/self-hosted-oncall');
      const url = saved.url.replace(/^https:/, 'http:');
      await browser.openOptionsPage();
      await addGrafanaSiteThroughOptions(browser, 'Ops Grafana', 'http://grafana.internal.example/*');
      await poll('site registered', async () =>
        (await browser.textOf('main')).includes('Registered on:') ? true : undefined,
      );
      expect(await browser.textOf('main')).toContain('Plain http: anyone on the network');
      expect(await browser.textOf('main')).toContain('read as Grafana OnCall');

      await browser.goto(url);
      await openModal('Escalate alert group');
      expect(await browser.textOfAccessible(dialog('Escalate alert group'))).toContain(saved.title);
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.path).toBe(`${path}/grafana-oncall/${saved.id}`);
      expect(JSON.parse(request.body)).toStrictEqual({
        title: saved.title,
        status: saved.status,
        link: url.replace(/\?.*$/, ''),
      });
      await browser.clickAccessible(button('Close'));
    });
  });
}
