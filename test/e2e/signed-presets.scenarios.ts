import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MASK } from '../../lib/render/mask.ts';
import { FIXTURE_INCIDENTS } from '../support/pagerduty-app/incidents.ts';
import { verifyPagerDutySignature } from '../support/receivers/pagerduty-signature.ts';
import { judgePagerTreeWebhook } from '../support/receivers/pagertree.ts';
import { type RundeckWebhook, rundeckJobRuns } from '../support/receivers/rundeck.ts';
import { rundeckRecipe } from '../support/rundeck-recipe.ts';
import { type Json, shapeProblems } from '../support/webhook-shape.ts';
import type { ExtensionBrowser } from './browsers/driver.ts';
import { poll, watchForNothing } from './browsers/driver.ts';
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
/** A Rundeck-like V3 endpoint whose job refuses the run: 400 to the first event of an invocation. */
const RUNDECK_REFUSING_PATH = '/rundeck/webhook/refusing';

/**
 * The Rundeck webhook these actions post to, with the README recipe's rules for their preset (each action
 * posts to a webhook of its own, holding the rows of its preset).
 */
const RUNDECK_V3: RundeckWebhook = {
  rules: rundeckRecipe()
    .filter((row) => row.preset === 'pagerduty-v3-action-invocation-created')
    .flatMap((row) =>
      row.webhook.rules.map((rule) => ({ ...rule, name: `${row.forType} ${row.forState ?? ''}`.trim() })),
    ),
};

const PAGERTREE_PATH = '/pagertree/integration/int_e2e';

const example = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../lib/sites/pagerduty/fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'),
  ) as Json;

type V3Body = { event: Record<string, unknown> & { data: Record<string, unknown> } };

/** How the test receiver answers these two endpoints, as the real receivers would. */
export function presetReceiverAnswer(request: ReceivedRequest): ReceiverAnswer | undefined {
  if (request.path.startsWith(RUNDECK_V3_PATH) || request.path.startsWith(RUNDECK_REFUSING_PATH)) {
    const header = request.headers['x-pagerduty-signature'];
    const valid = verifyPagerDutySignature(Buffer.from(request.body, 'utf8'), String(header ?? ''), PD_SECRETS.current);
    if (!valid) return { status: 401, contentType: 'text/plain', body: 'signature mismatch' };
    const body = JSON.parse(request.body) as { event: { event_type: string } };
    if (request.path.startsWith(RUNDECK_REFUSING_PATH) && body.event.event_type.endsWith('.created'))
      return { status: 400, contentType: 'text/plain', body: 'job refused the options' };
    // The jobs the README's rules run for this event (none: the event is accepted, nothing runs).
    const jobs = rundeckJobRuns(RUNDECK_V3, body);
    const answer =
      jobs.length > 0 ? { jobId: 'rundeck-42', status: 'queued', rules: jobs.map((job) => job.rule) } : { jobs: [] };
    return { status: 200, contentType: 'application/json', body: JSON.stringify(answer) };
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

  /** An action from the lifecycle preset (created, then terminated from the answer), signed with these secrets. */
  function createLifecycleAction(browser: ExtensionBrowser, label: string, url: string, secrets: string[]) {
    return createActionThroughOptions(browser, {
      label,
      url,
      fillMore: async (options) => {
        await options.select('#action-preset', 'pagerduty-v3-action-invocation-created');
        await options.fill('[aria-label="Signing secrets"]', secrets.join(', '));
      },
    });
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

      await createLifecycleAction(browser, 'Run Rundeck job', `${receiver.origin}${RUNDECK_V3_PATH}`, [
        'pd_signing',
        'pd_signing_next',
      ]);

      const id = 'Q1DBFULL7X2M';
      const { shown, outcome } = await clickAndSend(browser, 'Run Rundeck job', id);
      expect(shown).toContain('incident.action_invocation.created');
      expect(shown).toContain(
        'Then incident.action_invocation.terminated, state “completed”, if the receiver answers 2xx',
      );
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

      // The lifecycle's follow-up: terminated, state completed (the receiver answered 200), signed, keyed apart.
      const terminated = await receiver.waitFor(RUNDECK_V3_PATH, 2);
      const followUp = JSON.parse(terminated.body) as V3Body;
      expect(followUp.event).toMatchObject({ event_type: 'incident.action_invocation.terminated' });
      expect(followUp.event.data).toMatchObject({ state: 'completed', id: event.data.id, incident: { id } });
      expect(shapeProblems(example('v3-15-incident-action-invocation'), followUp.event.data)).toEqual([]);
      const terminatedSignature = String(terminated.headers['x-pagerduty-signature']);
      expect(
        verifyPagerDutySignature(Buffer.from(terminated.body, 'utf8'), terminatedSignature, PD_SECRETS.current),
      ).toBe(true);
      expect(verifyPagerDutySignature(Buffer.from(terminated.body, 'utf8'), terminatedSignature, PD_SECRETS.next)).toBe(
        true,
      );
      expect(followUp.event.id).not.toBe(event.id);
      expect(terminated.headers['x-webhook-id']).toBe(followUp.event.id);
      expect(terminated.headers['idempotency-key']).toBe(followUp.event.id);
      // The README's Rundeck rule ran the job for the first event only: once per click.
      expect(rundeckJobRuns(RUNDECK_V3, JSON.parse(request.body)).map((job) => job.rule)).toEqual([
        'incident.action_invocation.created',
      ]);
      expect(rundeckJobRuns(RUNDECK_V3, followUp)).toEqual([]);
      await watchForNothing(); // no third event: a follow-up has no follow-up
      expect(receiver.to(RUNDECK_V3_PATH)).toHaveLength(2);
    });

    it('a lifecycle whose first event the receiver refuses (400) follows with terminated, state error, signed', async () => {
      const { browser, receiver } = context();
      await createLifecycleAction(browser, 'Run refused job', `${receiver.origin}${RUNDECK_REFUSING_PATH}`, [
        'pd_signing',
      ]);
      const id = 'Q1DBFULL7X2M';
      const { outcome } = await clickAndSend(browser, 'Run refused job', id);
      expect(outcome).toMatch(/Rejected · HTTP 400/);
      const [created, terminated] = [
        await receiver.waitFor(RUNDECK_REFUSING_PATH, 1),
        await receiver.waitFor(RUNDECK_REFUSING_PATH, 2),
      ].map((request) => {
        const signature = String(request.headers['x-pagerduty-signature']);
        expect(verifyPagerDutySignature(Buffer.from(request.body, 'utf8'), signature, PD_SECRETS.current)).toBe(true);
        return JSON.parse(request.body) as V3Body;
      }) as [V3Body, V3Body];
      expect([created.event.event_type, created.event.data.state]).toEqual([
        'incident.action_invocation.created',
        'created',
      ]);
      expect([terminated.event.event_type, terminated.event.data.state]).toEqual([
        'incident.action_invocation.terminated',
        'error',
      ]);
      expect(terminated.event.data.id).toBe(created.event.data.id);
      expect(terminated.event.id).not.toBe(created.event.id);
      // The README's second rule for this preset runs its job on the failed run's follow-up.
      expect(rundeckJobRuns(RUNDECK_V3, terminated).map((job) => job.rule)).toEqual([
        'incident.action_invocation.terminated error',
      ]);
    });

    it('the custom field event sends exactly the field the responder changed in the modal, signed', async () => {
      const { browser, receiver } = context();
      const path = '/hooks/pd-field-values';
      await createActionThroughOptions(browser, {
        label: 'Update custom fields',
        url: `${receiver.origin}${path}`,
        fillMore: async (options) => {
          await options.select('#action-preset', 'pagerduty-v3-field-values-updated');
          await options.fill('[aria-label="Signing secrets"]', 'pd_signing');
        },
      });
      const label = 'Update custom fields';
      await browser.goto('https://acme.pagerduty.com/incidents/Q1DBFULL7X2M');
      await browser.waitForAccessible(button(label));
      await browser.clickAccessible(button(label));
      // The fields come from PagerDuty's API (the session double): region is us-east-1; the responder edits it.
      await browser.clickAccessible({ role: 'textbox', name: 'region' });
      // Where the click put the caret depends on the field's width: a person adds to the end.
      await browser.press('End');
      await browser.type('-b');
      await poll('the preview with the changed field', async () =>
        (await browser.textOfAccessible(dialog(label))).includes('us-east-1-b') ? true : undefined,
      );
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      await browser.clickAccessible(button('Close'));
      const signature = String(request.headers['x-pagerduty-signature']);
      expect(verifyPagerDutySignature(Buffer.from(request.body, 'utf8'), signature, PD_SECRETS.current)).toBe(true);
      const { event } = JSON.parse(request.body) as { event: { event_type: string; data: Record<string, Json[]> } };
      expect(event.event_type).toBe('incident.custom_field_values.updated');
      const pairs = (fields: Json[] | undefined) =>
        (fields ?? []).map((field) => [(field as { name: string }).name, (field as { value: Json }).value]);
      // Listed as changed with the value it had (as PagerDuty's v3-14 example shows); sent with the new one.
      expect(pairs(event.data.changed_custom_fields)).toEqual([['region', 'us-east-1']]);
      expect(pairs(event.data.custom_fields)).toContainEqual(['region', 'us-east-1-b']);
      expect(pairs(event.data.custom_fields)).toContainEqual(['environment', 'production']);
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
