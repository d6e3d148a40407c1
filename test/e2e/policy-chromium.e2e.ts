import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPolicyInForce, chromiumIdForPath, policyConfig, writePolicyFile } from './browser-policy.ts';
import { e2eBuild } from './browsers/build-paths.ts';
import { launchChromium } from './browsers/chromium.ts';
import { type Receiver, startReceiver } from './receiver.ts';

/** Debian's Chromium reads managed policies from here (the packaged binary's policy path). */
const POLICY_FILE = '/etc/chromium/policies/managed/incident-actions-e2e.json';

describe('the browser policy in Chromium', () => {
  let receiver: Receiver;
  let removePolicy: (() => void) | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;

  beforeAll(async () => {
    receiver = await startReceiver();
    const extensionId = chromiumIdForPath(e2eBuild('chrome'));
    removePolicy = writePolicyFile(POLICY_FILE, {
      '3rdparty': { extensions: { [extensionId]: { config: policyConfig(receiver.origin) } } },
    });
    browser = await launchChromium();
    expect(browser.extensionId, 'the id the policy names').toBe(extensionId);
  });
  afterAll(async () => {
    try {
      await browser?.close();
      await receiver?.close();
    } finally {
      removePolicy?.();
    }
  });

  it('locks the action, the constant and the site fix on a fresh profile', async () => {
    if (!browser) throw new Error('Chromium did not start');
    await checkPolicyInForce(browser, receiver);
  });
});
