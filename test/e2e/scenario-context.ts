import { afterAll, beforeAll } from 'vitest';
import { hasPagerDutyToken, pagerDutyApiAnswer } from '../support/pagerduty-app/api.ts';
import type { FixtureIncidentId } from '../support/pagerduty-app/incidents.ts';
import type { AccessibleQuery, ExtensionBrowser } from './browsers/driver.ts';
import { faultAnswer } from './fault-receiver.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { presetReceiverAnswer } from './signed-presets.scenarios.ts';

/** What every scenario group works with: the browser under test and the receivers it sends to. */
export interface ScenarioContext {
  browser: ExtensionBrowser;
  /**
   * Records every webhook. It also answers as the real receivers would: PagerDuty's public REST API under
   * PD_API_PATH (for the token tests), the signed presets' endpoints, and the faults under /faults/.
   */
  receiver: Receiver;
  /** Where the fault receiver's redirect points: it must never be called. */
  elsewhere: Receiver;
}

export const PD_API_PATH = '/pd-api';

/**
 * Starts the receivers and a browser from `launch` before the tests registered after this call, and
 * closes them after. `freshBrowser()`, called inside a describe, replaces the browser (and its profile)
 * with a new one before that describe's tests.
 */
export function scenarioContext(launch: () => Promise<ExtensionBrowser>) {
  let browser: ExtensionBrowser | undefined;
  let receiver: Receiver | undefined;
  let elsewhere: Receiver | undefined;

  beforeAll(async () => {
    elsewhere = await startReceiver();
    const redirectTarget = elsewhere.origin;
    const recorder: Receiver = await startReceiver({
      answer: (request) =>
        request.path.startsWith(PD_API_PATH)
          ? pagerDutyApiAnswer(request.path.slice(PD_API_PATH.length), hasPagerDutyToken(request.headers))
          : (presetReceiverAnswer(request) ?? faultAnswer(request, recorder.received, redirectTarget)),
    });
    receiver = recorder;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await elsewhere?.close();
  });

  const context = (): ScenarioContext => {
    if (!browser || !receiver || !elsewhere) throw new Error('The scenario context was read before it started');
    return { browser, receiver, elsewhere };
  };
  const freshBrowser = () =>
    beforeAll(async () => {
      await browser?.close();
      browser = undefined;
      browser = await launch();
    });
  return { context, freshBrowser };
}

export const button = (name: string): AccessibleQuery => ({ role: 'button', name });
export const dialog = (label: string): AccessibleQuery => ({ role: 'dialog', name: `Run “${label}”?` });
export const incidentUrl = (id: FixtureIncidentId, host = 'acme.pagerduty.com') => `https://${host}/incidents/${id}`;

/** Opens an action's confirmation modal with a person's click and waits until Send is armed. */
export async function openActionModal(browser: ExtensionBrowser, label: string): Promise<void> {
  await browser.waitForAccessible(button(label));
  await browser.clickAccessible(button(label));
  await browser.waitForAccessible(dialog(label));
  await browser.waitForAccessible(button('Send'), { enabled: true });
}
