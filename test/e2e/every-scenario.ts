import { describe } from 'vitest';
import { adversarialConfirmScenarios } from './adversarial-confirm.scenarios.ts';
import { adversarialInputScenarios } from './adversarial-input.scenarios.ts';
import { adversarialSecretOriginScenarios } from './adversarial-secret-origins.scenarios.ts';
import { adversarialSecretScenarios } from './adversarial-secrets.scenarios.ts';
import { adversarialShownScenarios } from './adversarial-shown.scenarios.ts';
import { apiValueScenarios } from './api-values.scenarios.ts';
import type { ExtensionBrowser } from './browsers/driver.ts';
import { confirmationScenarios } from './confirmation.scenarios.ts';
import { customSiteScenarios } from './custom-sites.scenarios.ts';
import { dockingAndNavigationScenarios } from './docking-navigation.scenarios.ts';
import { hostileInputScenarios } from './hostile-input.scenarios.ts';
import { leastSurpriseScenarios } from './least-surprise.scenarios.ts';
import { optionsPageScenarios } from './options-page.scenarios.ts';
import { outboxScenarios } from './outbox.scenarios.ts';
import { pagerDutyDeliveryScenarios } from './pagerduty-delivery.scenarios.ts';
import { questionKeystrokeScenarios } from './question-keystrokes.scenarios.ts';
import { scenarioContext } from './scenario-context.ts';
import { sharingScenarios } from './sharing.scenarios.ts';
import { signedPresetScenarios } from './signed-presets.scenarios.ts';
import { siteFixScenarios } from './site-fixes.scenarios.ts';
import { subscriptionScenarios } from './subscription.scenarios.ts';
import { templateScenarios } from './templates.scenarios.ts';
import { vendorPageScenarios } from './vendor-pages.scenarios.ts';

/**
 * Every scenario both browsers run (chromium.e2e.ts, firefox.e2e.ts), one group of behaviour after another
 * in one browser from `launch`, with the receivers they send to. The groups share the browser's profile:
 * the actions one creates are on the incident pages of the next, as they would be for a responder.
 */
export function everyScenario(launch: () => Promise<ExtensionBrowser>) {
  const { context, freshBrowser } = scenarioContext(launch);

  optionsPageScenarios(context);
  confirmationScenarios(context);
  adversarialConfirmScenarios(context);
  questionKeystrokeScenarios(context);
  dockingAndNavigationScenarios(context);
  vendorPageScenarios(context);
  customSiteScenarios(context);
  apiValueScenarios(context);
  templateScenarios(context);
  hostileInputScenarios(context);
  adversarialShownScenarios(context);
  adversarialSecretScenarios(context);
  adversarialSecretOriginScenarios(context);
  adversarialInputScenarios(context);
  leastSurpriseScenarios(context);
  signedPresetScenarios(context);
  pagerDutyDeliveryScenarios(context);
  // Ends in a fresh profile of its own (the fix imported there).
  siteFixScenarios(context, freshBrowser);

  describe('in a fresh browser', () => {
    // The outbox's history test counts the runs of its own tour (8), so it starts from an empty history:
    // a new browser, with a new profile. (The fresh start was first made to cut Firefox's slowdown late in
    // the file, which was puppeteer's leaked ARIA bindings; see browsers/firefox.ts.)
    freshBrowser();
    outboxScenarios(context);
    sharingScenarios(context);
    subscriptionScenarios(context);
  });
}
