import { type ExtensionBrowser, poll } from './browsers/driver.ts';

export interface NewAction {
  label: string;
  url: string;
  headers?: { name: string; value: string; secret?: boolean }[];
  body?: string;
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
  await browser.clickAccessible({ role: 'button', name: 'Save action' });
  await poll(`"${action.label}" in the action list`, async () =>
    (await browser.textOf('.action-list')).includes(action.label) ? true : undefined,
  );
}
