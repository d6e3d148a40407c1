import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import { savedPage } from '../support/serve.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import type { Receiver } from './receiver.ts';
import { button, openActionModal } from './scenario-context.ts';

/**
 * The browser policy in a real browser (docs/security.md row 32): an admin's policy file, written where the
 * browser reads it before it starts, locks an action, a constant and a site fix on a fresh profile. Shared by
 * policy-chromium.e2e.ts and policy-firefox.e2e.ts: a policy applies to a whole browser start.
 */
const POLICY_LABEL = 'Restart (policy)';
const POLICY_PATH = '/policy/restart';
/** An incident.io page in markup the adapter does not know: only the policy's fix docks and reads it. */
const PAGE = savedPage('incident-io/unknown-markup');
const TITLE = 'Payments API timeouts';
const ROW = 'IncidentPage_buttons__';

/** What the policy's `config` holds: one action, the constant it reads, and a fix for incident.io's pages. */
export function policyConfig(receiverOrigin: string) {
  return {
    format: 'incident-actions/config',
    version: 2,
    actions: [
      {
        id: 'policy-restart',
        label: POLICY_LABEL,
        enabled: true,
        method: 'POST',
        url: `${receiverOrigin}${POLICY_PATH}`,
        headers: [],
        bodyFormat: 'json',
        body: '{"id": "{{ incident.id }}", "title": "{{ incident.title }}", "team": "{{ constants.team }}"}',
      },
    ],
    constants: [{ name: 'team', value: 'payments-sre' }],
    siteFixes: [
      {
        site: 'incident-io',
        dockSelector: `[class*="${ROW}"]`,
        fields: [{ field: 'title', selector: '[class*="IncidentPage_name__"]' }],
      },
    ],
  };
}

/**
 * Writes a policy file where the browser reads it, and returns what removes it again (and the folders it made).
 * Refuses, rather than skips, when it cannot: the policy directories belong to root (.ci/run runs as root).
 */
export function writePolicyFile(path: string, content: unknown): () => void {
  if (process.getuid?.() !== 0)
    throw new Error(`The policy e2e writes ${path}, which needs root (id -u is ${process.getuid?.()}): run it as root`);
  // Never over an admin's own file (or a crashed run's, which is then removed by hand).
  if (existsSync(path)) throw new Error(`${path} exists already: the policy e2e will not overwrite it`);
  const made: string[] = [];
  for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) made.unshift(dir);
  const remove = () => {
    rmSync(path, { force: true });
    for (const dir of made.reverse()) rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(content, null, 2));
  } catch (error) {
    remove();
    throw error;
  }
  return remove;
}

/**
 * Chromium's id for an extension loaded from a folder: the SHA-256 of its absolute path, the first 32 hex digits
 * written with the letters a–p (Chromium's GenerateIdForPath, in its crx_file component). So the policy can name it
 * before the browser starts.
 */
export function chromiumIdForPath(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Where our shadow host sits: in the body (floating) or in the vendor's buttons row (docked by the fix). */
const hostPlace = (browser: ExtensionBrowser) =>
  browser.evaluate(() => {
    const host = [...document.querySelectorAll('*')].find((element) => /^IA-[A-Z]+$/.test(element.tagName));
    const parent = host?.parentElement;
    return parent === document.body ? 'body' : (parent?.className ?? 'nowhere');
  });

/** What a responder sees on a fresh profile under the policy, and what the locked action sends. */
export async function checkPolicyInForce(browser: ExtensionBrowser, receiver: Receiver): Promise<void> {
  await browser.openOptionsPage();
  const row = await poll('the policy action listed', async () => {
    const text = await browser.textOf('.action-list');
    return text.includes(POLICY_LABEL) ? text : undefined;
  });
  expect(row).toContain('Locked by your organization');
  // Run and duplicate only: no Edit, no Delete.
  const present = (selector: string) =>
    browser.evaluateWith((css: string) => document.querySelector(css) !== null, selector);
  expect(await present(`[aria-label="Duplicate ${POLICY_LABEL}"]`)).toBe(true);
  expect(await present(`[aria-label="Delete ${POLICY_LABEL}"], [aria-label="Edit ${POLICY_LABEL}"]`)).toBe(false);

  // The site fix is in force: the buttons dock in the vendor's row, and the title is read where it says.
  await browser.goto(PAGE.url);
  await browser.waitForAccessible(button(POLICY_LABEL));
  await poll('the buttons docked in the row', async () =>
    (await hostPlace(browser)).startsWith(ROW) ? true : undefined,
  );
  await openActionModal(browser, POLICY_LABEL);
  await browser.clickAccessible(button('Send'));
  const request = await receiver.waitFor(POLICY_PATH, 1);
  expect(JSON.parse(request.body)).toEqual({ id: PAGE.id, title: TITLE, team: 'payments-sre' });
  await browser.waitForAccessible(button('Close'));
  await browser.clickAccessible(button('Close'));

  // The picker says why the page's reading cannot be changed here.
  await browser.clickAccessible(button('Fix this page'));
  const fixDialog = { role: 'dialog', name: 'Fix this page' };
  await browser.waitForAccessible(fixDialog);
  expect(await browser.textOfAccessible(fixDialog)).toContain(
    "Your organization's policy fixes how this site is read: the dock and fields cannot be changed here.",
  );
}
