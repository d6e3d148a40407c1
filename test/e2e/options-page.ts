import { type ExtensionBrowser, poll } from './browsers/driver.ts';

export interface NewAction {
  label: string;
  url: string;
  headers?: { name: string; value: string; secret?: boolean }[];
  body?: string;
  /** More of the form filled in by the test before saving (variables, questions, conditions). */
  fillMore?: (browser: ExtensionBrowser) => Promise<void>;
}

/** Creates an action through the options page form, as an admin would, and waits until it is listed. */
export async function createActionThroughOptions(browser: ExtensionBrowser, action: NewAction): Promise<void> {
  await browser.openOptionsPage();
  await browser.clickAccessible({ role: 'button', name: 'New action' });
  await browser.fill('#action-label', action.label);
  await browser.fill('#action-url', action.url);
  for (const [index, header] of (action.headers ?? []).entries()) {
    await browser.clickAccessible({ role: 'button', name: 'Add header' });
    await browser.fill(`[aria-label="Header ${index + 1} name"]`, header.name);
    if (header.secret) await browser.click(`[aria-label="Header ${index + 1} is secret"]`);
    await browser.fill(`[aria-label="Header ${index + 1} value"]`, header.value);
  }
  if (action.body !== undefined) await browser.fill('#action-body', action.body);
  await action.fillMore?.(browser);
  await browser.clickAccessible({ role: 'button', name: 'Save action' });
  await poll(`"${action.label}" in the action list`, async () =>
    (await browser.textOf('.action-list')).includes(action.label) ? true : undefined,
  );
}

/**
 * Adds the in-house "Acme On-call" site (lib/sites/custom/fixtures/acme-oncall.*) through the options page,
 * as an admin would: pattern, id regex, dock, and three fields by selector, attribute and regex.
 */
/** Registers a self-hosted Grafana through *Add a site*, read as Grafana OnCall. */
export async function addGrafanaSiteThroughOptions(browser: ExtensionBrowser, name: string, pattern: string) {
  await browser.clickAccessible({ role: 'button', name: 'Add a site' });
  await browser.fill('#site-name', name);
  await browser.fill('#site-pattern', pattern);
  await browser.select('#site-reads', 'grafana-oncall');
  await browser.clickAccessible({ role: 'button', name: 'Save site' });
}

export async function addAcmeSiteThroughOptions(browser: ExtensionBrowser): Promise<void> {
  await browser.clickAccessible({ role: 'button', name: 'Add a site' });
  await browser.fill('#site-name', 'Acme On-call');
  await browser.fill('#site-pattern', 'https://oncall.internal.example/*');
  await browser.fill('#site-id-regex', '^/incidents/(INC-[0-9]+)');
  await browser.fill('#site-anchor', '.incident-head .toolbar');
  await browser.fill('[aria-label="Field 1 selector"]', 'h1.incident-name');
  await browser.clickAccessible({ role: 'button', name: 'Add field' });
  await browser.select('[aria-label="Field 2"]', 'status');
  await browser.fill('[aria-label="Field 2 selector"]', '.state');
  await browser.fill('[aria-label="Field 2 attribute"]', 'data-state');
  await browser.clickAccessible({ role: 'button', name: 'Add field' });
  await browser.select('[aria-label="Field 3"]', 'custom');
  await browser.fill('[aria-label="Field 3 custom name"]', 'region');
  await browser.fill('[aria-label="Field 3 selector"]', '.region');
  await browser.fill('[aria-label="Field 3 regex"]', 'Region: (\\S+)');
  await browser.clickAccessible({ role: 'button', name: 'Save site' });
}
