import { afterAll, beforeAll, describe, it } from 'vitest';
import { GECKO_ID } from '../../lib/core/extension-ids.ts';
import { checkPolicyInForce, policyConfig, writePolicyFile } from './browser-policy.ts';
import { launchFirefox } from './browsers/firefox.ts';
import { type Receiver, startReceiver } from './receiver.ts';

/** Firefox ESR reads `policies.json` from its installation's distribution folder (a link into /usr/share). */
const POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';

describe('the browser policy in Firefox', () => {
  let receiver: Receiver;
  let removePolicy: (() => void) | undefined;
  let browser: Awaited<ReturnType<typeof launchFirefox>> | undefined;

  beforeAll(async () => {
    receiver = await startReceiver();
    removePolicy = writePolicyFile(POLICY_FILE, {
      policies: { '3rdparty': { Extensions: { [GECKO_ID]: { config: policyConfig(receiver.origin) } } } },
    });
    browser = await launchFirefox();
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
    if (!browser) throw new Error('Firefox did not start');
    await checkPolicyInForce(browser, receiver);
  });
});
