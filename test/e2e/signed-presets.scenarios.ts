import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MASK } from '../../lib/render/mask.ts';
import { FIXTURE_INCIDENTS } from '../support/pagerduty-app/incidents.ts';
import { verifyPagerDutySignature } from '../support/receivers/pagerduty-signature.ts';
import { judgePagerTreeWebhook } from '../support/receivers/pagertree.ts';
import { type Json, shapeProblems } from '../support/webhook-shape.ts';
import type { ExtensionBrowser } from './browsers/driver.ts';
import { poll } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { ReceivedRequest, Receiver, ReceiverAnswer } from './receiver.ts';

/**
 * Presets and signing from a real click, checked by receivers that behave like the real ones: a Rundeck-like
 * PagerDuty V3 endpoint that verifies `X-PagerDuty-Signature` (answering 401 otherwise), and PagerTree's
 * incoming webhook with its token rule (403 otherwise).
 */
const PD_SECRETS = { current: 'pd-signing-current-7f3a', next: 'pd-signing-next-91c2' };
const PAGERTREE_TOKEN = 'pt-e2e-token-4242';
const RUNDECK_V3_PATH = '/rundeck/webhook/v3';
const PAGERTREE_PATH = '/pagertree/integration/int_e2e';

const example = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../lib/sites/pagerduty/fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'),
  ) as Json;

/** How the test receiver answers these two endpoints, as the real receivers would. */
export function presetReceiverAnswer(request: ReceivedRequest): ReceiverAnswer | undefined {
  if (request.path.startsWith(RUNDECK_V3_PATH)) {
    const header = request.headers['x-pagerduty-signature'];
    const valid = verifyPagerDutySignature(Buffer.from(request.body, 'utf8'), String(header ?? ''), PD_SECRETS.current);
    return valid
      ? { status: 200, contentType: 'application/json', body: '{"jobId":"rundeck-42","status":"queued"}' }
      : { status: 401, contentType: 'text/plain', body: 'signature mismatch' };
  }
  if (request.path.startsWith(PAGERTREE_PATH)) {
    const verdict = judgePagerTreeWebhook(request.headers, request.body, PAGERTREE_TOKEN);
    return { status: verdict.status, contentType: 'text/plain', body: verdict.status === 200 ? 'OK' : '' };
  }
  return undefined;
}

export function signedPresetScenarios(context: () => { browser: ExtensionBrowser; receiver: Receiver }) {
  const button = (name: string) => ({ role: 'button', name });
  const dialog = (label: string) => ({ role: 'dialog', name: `Run “${label}”?` });

  async function saveSecret(browser: ExtensionBrowser, name: string, value: string) {
    await browser.fill('[aria-label="Secret name"]', name);
    await browser.fill('[aria-label="Secret value"]', value);
    await browser.clickAccessible(button('Save secret'));
    await poll(`secret ${name} listed`, async () =>
      (await browser.textOf('main')).includes(`the secret “${name}”`) ? true : undefined,
    );
  }

  async function clickAndSend(browser: ExtensionBrowser, label: string, incidentId: string) {
    await browser.goto(`https://acme.pagerduty.com/incidents/${incidentId}`);
    await browser.waitForAccessible(button(label));
    await browser.clickAccessible(button(label));
    await browser.waitForAccessible(button('Send'), { enabled: true });
    const shown = await browser.textOfAccessible(dialog(label));
    await browser.clickAccessible(button('Send'));
    await browser.waitForAccessible(button('Close'));
    const outcome = await browser.textOfAccessible(dialog(label));
    await browser.clickAccessible(button('Close'));
    return { shown, outcome };
  }

  describe('presets and signing', () => {
    it('sends a PagerDuty V3 action-invocation webhook signed with two secrets, which the receiver verifies', async () => {
      const { browser, receiver } = context();
      await browser.openOptionsPage();
      await saveSecret(browser, 'pd_signing', PD_SECRETS.current);
      await saveSecret(browser, 'pd_signing_next', PD_SECRETS.next);
      // Listed by name and last four characters only.
      const listed = await browser.textOf('.secrets');
      expect(listed).toContain('…7f3a');
      expect(listed).not.toContain(PD_SECRETS.current);

      await createActionThroughOptions(browser, {
        label: 'Run Rundeck job',
        url: `${receiver.origin}${RUNDECK_V3_PATH}`,
        fillMore: async (options) => {
          await options.select('#action-preset', 'pagerduty-v3-action-invocation-created');
          await options.fill('[aria-label="Signing secrets"]', 'pd_signing, pd_signing_next');
        },
      });

      const id = 'Q1DBFULL7X2M';
      const { shown, outcome } = await clickAndSend(browser, 'Run Rundeck job', id);
      expect(shown).toContain('incident.action_invocation.created');
      expect(shown).toContain('X-PagerDuty-Signature');
      expect(outcome).toMatch(/Delivered · HTTP 200/);
      expect(outcome).toContain('rundeck-42');

      const request = await receiver.waitFor(RUNDECK_V3_PATH);
      const raw = Buffer.from(request.body, 'utf8');
      const signature = String(request.headers['x-pagerduty-signature']);
      expect(signature.split(',')).toHaveLength(2);
      expect(verifyPagerDutySignature(raw, signature, PD_SECRETS.current)).toBe(true);
      expect(verifyPagerDutySignature(raw, signature, PD_SECRETS.next)).toBe(true);
      expect(verifyPagerDutySignature(raw, signature, 'pd-signing-wrong')).toBe(false);
      expect(
        verifyPagerDutySignature(
          Buffer.from(request.body.replace(id, 'QTAMPERED'), 'utf8'),
          signature,
          PD_SECRETS.current,
        ),
      ).toBe(false);

      const { event } = JSON.parse(request.body) as {
        event: Record<string, unknown> & { data: Record<string, unknown> };
      };
      const envelope = (example('v3-02-webhook-payload') as { event: Record<string, Json> }).event;
      // The page names no signed-in user: a null agent, as in PagerDuty's service.updated example (v3-03).
      const { event: other } = example('v3-03-webhook-payload') as { event: Record<string, Json> };
      expect(shapeProblems({ ...envelope, data: null }, { ...event, data: null }, { others: [other] })).toEqual([]);
      expect(shapeProblems(example('v3-15-incident-action-invocation'), event.data)).toEqual([]);
      expect(event).toMatchObject({ event_type: 'incident.action_invocation.created', resource_type: 'incident' });
      expect(event.data).toMatchObject({
        state: 'created',
        incident: { id, type: 'incident_reference' },
        action: { summary: 'Run Rundeck job' },
      });
      // The webhook id is the invocation: the same in the header and the event.
      expect(request.headers['x-webhook-id']).toBe(event.id);
      expect(request.headers['x-webhook-subscription']).toBeTruthy();
      // Firefox sends the User-Agent given; Chromium sends its own, and the modal said so.
      if (browser.name === 'firefox') {
        expect(request.headers['user-agent']).toBe('PagerDuty-Webhook/V3.0');
        expect(shown).not.toContain('not sent');
      } else {
        expect(request.headers['user-agent']).not.toBe('PagerDuty-Webhook/V3.0');
        expect(shown).toContain('PagerDuty-Webhook/V3.0 (not sent: this browser sends its own)');
      }
      expect(receiver.to(RUNDECK_V3_PATH)).toHaveLength(1);
    });

    it('test-sends a PagerTree webhook from the options page, then sends it from the incident with its token', async () => {
      const { browser, receiver } = context();
      await browser.openOptionsPage();
      // A wrong token first: the Test send shows PagerTree's 403.
      await saveSecret(browser, 'pagertree_token', 'pt-wrong-token-0000');
      await browser.clickAccessible(button('New action'));
      await browser.fill('#action-label', 'Page the DB team');
      await browser.fill('#action-url', `${receiver.origin}${PAGERTREE_PATH}`);
      await browser.select('#action-preset', 'pagertree-create');
      await browser.clickAccessible(button('Test send'));
      await poll('a 403 from the test send', async () =>
        /Rejected · HTTP 403/.test(await browser.textOf('main')) ? true : undefined,
      );

      // Replaced under the same name, as a rotation would; the open editor uses it at once.
      await saveSecret(browser, 'pagertree_token', PAGERTREE_TOKEN);
      await browser.clickAccessible(button('Test send'));
      await poll('a 200 from the test send', async () =>
        /Delivered · HTTP 200/.test(await browser.textOf('.test-result')) ? true : undefined,
      );
      await browser.clickAccessible(button('Copy as cURL'));
      await browser.waitForSelector('.curl');
      const curl = await browser.textOf('.curl');
      expect(curl).toContain(`-H 'pagertree-token: ${MASK}'`);
      expect(curl).not.toContain(PAGERTREE_TOKEN);
      expect(curl).toContain('"event_type":"create"');
      await browser.clickAccessible(button('Save action'));
      await poll('the action listed', async () =>
        (await browser.textOf('.action-list')).includes('Page the DB team') ? true : undefined,
      );
      const tested = receiver.to(PAGERTREE_PATH).length;
      expect(tested).toBe(2);

      const id = 'Q2CPUHOT9K4L';
      const { shown, outcome } = await clickAndSend(browser, 'Page the DB team', id);
      expect(shown).toContain('pagertree-token');
      expect(shown).toContain(MASK);
      expect(shown).not.toContain(PAGERTREE_TOKEN);
      expect(outcome).toMatch(/Delivered · HTTP 200/);
      const request = await receiver.waitFor(PAGERTREE_PATH, tested + 1);
      const verdict = judgePagerTreeWebhook(request.headers, request.body, PAGERTREE_TOKEN);
      expect(verdict).toMatchObject({
        status: 200,
        action: 'create',
        thirdparty_id: `pagerduty-${id}`,
        alert: { title: FIXTURE_INCIDENTS[id].title, dedup_keys: [`pagerduty-${id}`] },
      });
    });
  });
}
