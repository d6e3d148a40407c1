/**
 * The demo: a local webhook receiver, Chromium with the extension, an action created through the options
 * page, and a PagerDuty incident page served from a fixture at its real URL. Headed when a display is
 * available (you click); headless otherwise, clicking itself and saving screenshots.
 */
import { mkdirSync } from 'node:fs';
import { launchChromium } from '../test/e2e/browsers/chromium.ts';
import { poll } from '../test/e2e/browsers/driver.ts';
import { faultAnswer } from '../test/e2e/fault-receiver.ts';
import { createActionThroughOptions } from '../test/e2e/options-page.ts';
import { type Receiver, startReceiver } from '../test/e2e/receiver.ts';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const shots = 'docs/screenshots';

// `/faults/...` paths fail on purpose first (test/e2e/fault-receiver.ts): the demo's flaky endpoint.
const receiver: Receiver = await startReceiver({
  port: 8787,
  answer: (request) => faultAnswer(request, receiver.received, receiver.origin),
  onRequest(request) {
    console.log(`\nreceiver ← ${request.method} ${request.path}`);
    for (const name of ['content-type', 'x-demo', 'authorization']) {
      if (request.headers[name]) console.log(`  ${name}: ${request.headers[name]}`);
    }
    try {
      console.log(JSON.stringify(JSON.parse(request.body), null, 2).replace(/^/gm, '  '));
    } catch {
      console.log(`  ${request.body}`);
    }
  },
});
console.log(`receiver listening on ${receiver.origin}`);

const browser = await launchChromium({ headless });
const button = (name: string) => ({ role: 'button', name });
const modalText = (label: string) => browser.textOfAccessible({ role: 'dialog', name: `Run “${label}”?` });

// The admin's part: one action, created through the options page form.
await createActionThroughOptions(browser, {
  label: 'Restart server',
  url: `${receiver.origin}/rundeck/job/restart?incident={{incident.id}}`,
  headers: [
    { name: 'X-Demo', value: 'incident-actions' },
    { name: 'Authorization', value: 'Bearer demo-token', secret: true },
  ],
});
// A busy endpoint: 503 with Retry-After: 5 on the first request, 200 on the retry.
await createActionThroughOptions(browser, {
  label: 'Collect diagnostics',
  url: `${receiver.origin}/faults/503-wait-5-then-200/diagnostics?incident={{incident.id}}`,
});

const incident = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';
await browser.goto(incident);
await browser.waitForAccessible(button('Restart server'));

if (!headless) {
  console.log(`\nChromium is open on ${incident} (a fixture served at PagerDuty's URL).`);
  console.log('Click "Restart server" at the bottom right, read the request, press Send. Ctrl-C to quit.');
  console.log('"Collect diagnostics" meets a busy endpoint (503 the first time): watch the modal retry.');
  process.on('SIGINT', async () => {
    await browser.close();
    await receiver.close();
    process.exit(0);
  });
} else {
  mkdirSync(shots, { recursive: true });
  await browser.screenshot(`${shots}/incident-buttons.png`);
  await browser.clickAccessible(button('Restart server'));
  await browser.waitForAccessible(button('Send'), { enabled: true });
  await browser.screenshot(`${shots}/confirm-modal.png`);
  await browser.clickAccessible(button('Send'));
  await receiver.waitFor('/rundeck/job/restart');
  await browser.waitForAccessible(button('Close'));
  await browser.screenshot(`${shots}/delivered.png`);
  await browser.clickAccessible(button('Close'));
  // The busy endpoint: the modal follows the retry, then the incident's runs list both sends.
  await browser.clickAccessible(button('Collect diagnostics'));
  await browser.waitForAccessible(button('Send'), { enabled: true });
  await browser.clickAccessible(button('Send'));
  await poll('the retry shown', async () =>
    (await modalText('Collect diagnostics')).includes('Retrying') ? true : undefined,
  );
  await browser.screenshot(`${shots}/retrying.png`);
  await poll(
    'the retry delivered',
    async () => ((await modalText('Collect diagnostics')).includes('Delivered') ? true : undefined),
    20_000,
  );
  await browser.clickAccessible(button('Close'));
  await browser.clickAccessible(button('Runs (2)'));
  await browser.screenshot(`${shots}/timeline.png`);
  await browser.clickAccessible(button('Close runs'));
  // Fixing the page from the page: the title picked with the mouse, shown before it is saved.
  await browser.clickAccessible(button('Fix this page'));
  await browser.clickAccessible(button('Pick it on the page…'));
  await browser.waitForAccessible(button('Choose'));
  await browser.click('h1');
  await browser.waitForAccessible(button('Save'));
  await browser.screenshot(`${shots}/fix-page.png`);
  await browser.clickAccessible(button('Close'));
  await browser.openOptionsPage();
  await browser.waitForSelector('.history-list .history-row');
  await browser.screenshot(`${shots}/options.png`);
  await browser.click('.history-row[aria-posinset="1"] button');
  await browser.waitForSelector('.run-details');
  await browser.evaluate(() => document.querySelector('.run-details')?.scrollIntoView({ block: 'start' }));
  await browser.screenshot(`${shots}/history-run.png`);
  // A receiver's format from a preset, signed with a saved secret.
  await browser.fill('[aria-label="Secret name"]', 'rundeck_signing');
  await browser.fill('[aria-label="Secret value"]', 'demo-signing-secret-0001');
  await browser.clickAccessible(button('Save secret'));
  await browser.clickAccessible(button('New action'));
  await browser.fill('#action-label', 'Run Rundeck job');
  await browser.fill('#action-url', `${receiver.origin}/rundeck/webhook/v3`);
  await browser.select('#action-preset', 'pagerduty-v3-action-invocation-created');
  await browser.fill('[aria-label="Signing secrets"]', 'rundeck_signing');
  await browser.screenshot(`${shots}/preset-editor.png`);
  console.log(`\nheadless demo done: screenshots in ${shots}/`);
  await browser.close();
  await receiver.close();
}
