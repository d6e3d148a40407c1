import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_CERT_PATH, TLS_KEY_PATH } from '../support/tls-fixture.ts';
import { poll } from './browsers/driver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

const LABEL = 'Page the team channel';
const PATH = '/team/page';
const INCIDENT = incidentUrl('Q2CPUHOT9K4L');
/** The options page's review of what a subscription would change (components/options/sharing/PendingReview.tsx). */
const REVIEW = '.pending-review';

/** The team's file: one action that reads a constant, the constant at `channel`. */
function teamConfig(receiverOrigin: string, channel: string) {
  return JSON.stringify({
    format: 'incident-actions/config',
    version: 2,
    actions: [
      {
        id: 'team-page',
        label: LABEL,
        enabled: true,
        method: 'POST',
        url: `${receiverOrigin}${PATH}`,
        headers: [],
        body: '{"channel": "{{ constants.oncall_channel }}"}',
      },
    ],
    constants: [{ name: 'oncall_channel', value: channel }],
  });
}

/**
 * A team subscription in a real browser (docs/security.md row 32): the team's config served over HTTPS with the
 * test certificate (the launchers trust it: browsers/chromium.ts, browsers/firefox.ts), subscribed to through the
 * options page. Its action arrives read-only and sends; a changed constant waits for the responder's review and
 * changes nothing until accepted (design rule 11).
 */
export function subscriptionScenarios(context: () => ScenarioContext) {
  let server: Server;
  let served = '';
  let url = '';
  beforeAll(async () => {
    server = createServer({ key: readFileSync(TLS_KEY_PATH), cert: readFileSync(TLS_CERT_PATH) }, (_, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(served),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/team.json`;
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  /** Whether the page shows an element (a light-DOM check: Firefox's ARIA query for an absent node is slow). */
  const present = (selector: string) =>
    context().browser.evaluateWith((css: string) => document.querySelector(css) !== null, selector);

  /**
   * The review, once it lists what changes (the constant's name): the list loads after the button and pushes it
   * down, so a click at the button's earlier place would miss.
   */
  const reviewShows = (value: string) =>
    poll(`the review listing ${value}`, async () => {
      const text = (await present(REVIEW)) ? await context().browser.textOf(REVIEW) : '';
      return text.includes(value) ? text : undefined;
    });

  async function sendFromIncident(count: number) {
    const { browser, receiver } = context();
    await browser.goto(INCIDENT);
    await openActionModal(browser, LABEL);
    await browser.clickAccessible(button('Send'));
    const request = await receiver.waitFor(PATH, count);
    await browser.waitForAccessible(button('Close'));
    await browser.clickAccessible(button('Close'));
    return JSON.parse(request.body) as { channel: string };
  }

  describe('a team subscription over HTTPS', () => {
    it('subscribes, sends its read-only action, and holds a changed constant until accepted', async () => {
      const { browser, receiver } = context();
      served = teamConfig(receiver.origin, '#sre-oncall');
      await browser.openOptionsPage();
      await browser.fill('#subscription-url', url);
      await browser.clickAccessible(button('Subscribe'));
      const row = await poll(`"${LABEL}" in the action list`, async () => {
        const text = await browser.textOf('.action-list');
        return text.includes(LABEL) ? text : undefined;
      });
      expect(row).toContain('From subscription');
      expect(await present(`[aria-label="Edit ${LABEL}"], [aria-label="Delete ${LABEL}"]`)).toBe(false);
      // Even the first constant waits for the responder (design rule 11).
      await reviewShows('oncall_channel');
      await browser.clickAccessible(button('Accept these changes'));
      await poll('the first review settled', async () => ((await present(REVIEW)) ? undefined : true));
      expect(await sendFromIncident(1)).toEqual({ channel: '#sre-oncall' });

      // The team changes the constant: the refresh holds it for review, and the action still sends the old one.
      served = teamConfig(receiver.origin, '#payments-war-room');
      await browser.openOptionsPage();
      await browser.clickAccessible(button(`Refresh now: ${url}`));
      expect(await reviewShows('oncall_channel')).toContain('Waiting for your review');
      await browser.goto(INCIDENT);
      await openActionModal(browser, LABEL);
      expect(await browser.textOfAccessible(dialog(LABEL))).toContain('#sre-oncall');
      await browser.clickAccessible(button('Cancel'));

      await browser.openOptionsPage();
      await reviewShows('oncall_channel');
      await browser.clickAccessible(button('Accept these changes'));
      await poll('the change accepted', async () => ((await present(REVIEW)) ? undefined : true));
      expect(await sendFromIncident(2)).toEqual({ channel: '#payments-war-room' });
    });
  });
}
