import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_INCIDENTS } from '../support/pagerduty-app/incidents.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * What an action's templates can say, rendered inside the built extension: Liquid filters and tags,
 * variables, conditions and questions, shared constants, and form and plain-text bodies.
 */
export function templateScenarios(context: () => ScenarioContext) {
  describe('templates, variables and conditions', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('renders Liquid filters, tags and typed values inside the built extension', async () => {
      const path = '/hooks/liquid';
      await createAction({
        label: 'Liquid features',
        url: `${receiver.origin}${path}/{{ incident.service.name | downcase }}?n={{ incident.number | plus: 1 }}`,
        headers: [{ name: 'X-Summary', value: '{{ incident.title | truncate: 12 }}' }],
        body: JSON.stringify({
          number: '{{ incident.number }}',
          custom: '{{ incident.custom_fields }}',
          shout: '{{ incident.title | upcase }}',
          fallback: '{{ incident.custom_fields.jira_ticket | default: "no ticket" }}',
          // Who is signed in, from the session's GET /users/me (the current app's page does not say).
          user: '{{ incident.user.email }}',
          day: '{{ incident.created_at | date: "%Y-%m-%d" }}',
          severity: '{% if incident.priority == "P1" %}critical{% else %}minor{% endif %}',
          json: '{{ incident.incident_key | json }}',
          raw: '{% raw %}{{ not.rendered }}{% endraw %}',
        }),
      });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openModal('Liquid features');
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.path).toBe(`${path}/checkout%20api?n=4212`);
      expect(request.headers['x-summary']).toBe('Database ...');
      expect(JSON.parse(request.body)).toStrictEqual({
        number: 4211,
        custom: {
          environment: 'production',
          region: 'us-east-1',
          customer_impact: true,
          affected_orders: 1240,
          jira_ticket: null,
        },
        shout: 'DATABASE DISK FULL ON DB-PROD-3',
        fallback: 'no ticket',
        user: '125.greenholt.earline@graham.name',
        day: '2026-03-04',
        severity: 'critical',
        json: '"checkout-api/p99-latency/us-east-1"',
        raw: '{{ not.rendered }}',
      });
      await browser.clickAccessible(button('Close'));
    });

    it('computes variables, shows only where its conditions hold, asks its question, and sends the answer', async () => {
      const path = '/hooks/variables';
      // An action without conditions, to show the page has its buttons where the conditional one is absent.
      await createAction({ label: 'Always here', url: `${receiver.origin}${path}/always` });
      await createAction({
        label: 'Restart {{ variables.host }}',
        url: `${receiver.origin}${path}/{{ variables.host }}`,
        body: '{"host": "{{ variables.host }}", "reason": "{{ params.reason }}", "n": "{{ incident.number }}"}',
        fillMore: async (options) => {
          await options.clickAccessible(button('Add variable'));
          await options.fill('[aria-label="Variable 1 name"]', 'host');
          await options.fill('[aria-label="Variable 1 source"]', 'incident.title');
          await options.fill('[aria-label="Variable 1 regex"]', 'on (\\S+)$');
          await options.clickAccessible(button('Add question'));
          await options.fill('[aria-label="Question 1 name"]', 'reason');
          await options.fill('[aria-label="Question 1 label"]', 'Ticket');
          await options.fill('[aria-label="Question 1 pattern"]', '[A-Z]+-\\d+');
          await options.click('[aria-label="Question 1 is required"]');
          await options.clickAccessible(button('Add rule'));
          await options.fill('[aria-label="Rule 1 variable"]', 'incident.title');
          await options.select('[aria-label="Rule 1 operator"]', 'contains');
          await options.fill('[aria-label="Rule 1 value"]', 'disk');
          // Template fields complete variable names after "{{": typed, chosen with Enter, closed with " }}".
          await options.fill('#action-url', `${receiver.origin}${path}/`);
          await options.click('#action-url');
          await options.type('{{ variables.ho');
          await options.waitForAccessible({ role: 'option', name: 'variables.host' });
          await options.press('Enter');
          expect(await options.evaluate(() => (document.getElementById('action-url') as HTMLInputElement).value)).toBe(
            `${receiver.origin}${path}/{{ variables.host }}`,
          );
          // The live preview renders the draft against a sample incident, where the rule does not hold.
          await poll('preview of the draft', async () =>
            (await options.textOf('.preview')).includes('Not shown on this incident') ? true : undefined,
          );
        },
      });

      // "CPU saturation on web-7" does not contain "disk": no button, while other actions show.
      await browser.goto(incidentUrl('Q2CPUHOT9K4L'));
      await browser.waitForAccessible(button('Always here'));
      expect(await browser.isAccessible(button('Restart web-7'))).toBe(false);

      // "Database disk full on db-prod-3" does: the label is rendered with the extracted host.
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Restart db-prod-3'));
      await browser.clickAccessible(button('Restart db-prod-3'));
      await browser.waitForAccessible(dialog('Restart db-prod-3'));
      // The question is required: nothing can be sent until it is answered in the right form.
      await poll('required answer named', async () =>
        (await browser.textOfAccessible(dialog('Restart db-prod-3'))).includes('“Ticket” is required')
          ? true
          : undefined,
      );
      expect(await browser.isAccessible({ role: 'button', name: 'Send' })).toBe(true);
      await browser.clickAccessible({ role: 'textbox', name: 'Ticket *' });
      await browser.type('OPS-42');
      await browser.waitForAccessible(button('Send'), { enabled: true });
      expect(await browser.textOfAccessible(dialog('Restart db-prod-3'))).toContain('"reason": "OPS-42"');
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.path).toBe(`${path}/db-prod-3`);
      expect(JSON.parse(request.body)).toStrictEqual({ host: 'db-prod-3', reason: 'OPS-42', n: 4211 });
      await browser.clickAccessible(button('Close'));

      // The app changes the incident on screen (as a status or title update does): the rule is checked
      // again and the button goes, then comes back, without a navigation.
      const retitle = (title: string) =>
        browser.evaluate(
          new Function(`document.getElementById('title').textContent = ${JSON.stringify(title)}`) as () => void,
        );
      await retitle('Database CPU hot on db-prod-3');
      await browser.waitForAccessible(button('Restart db-prod-3'), { gone: true });
      await retitle('Database disk full on db-prod-4');
      await browser.waitForAccessible(button('Restart db-prod-4'));
    });

    it('sends a form body with a shared constant, and a plain-text body', async () => {
      const path = '/hooks/formats';
      await browser.openOptionsPage();
      await browser.clickAccessible(button('Add constant'));
      await browser.fill('[aria-label="Constant 1 name"]', 'runbooks');
      await browser.fill('[aria-label="Constant 1 value"]', 'https://wiki.acme.example/runbooks');
      await browser.clickAccessible(button('Save constants'));
      await poll('constants saved', async () =>
        (await browser.textOf('main')).includes('Saved 1 constant.') ? true : undefined,
      );
      await createAction({
        label: 'Open a ticket',
        url: `${receiver.origin}${path}/form`,
        body: 'title={{ incident.title }}&runbook={{ constants.runbooks }}/disk&n={{ incident.number }}',
        fillMore: (options) => options.select('[aria-label="Body format"]', 'form'),
      });
      await createAction({
        label: 'Post to chat',
        url: `${receiver.origin}${path}/text`,
        body: '{{ incident.title | upcase }} ({{ incident.priority | default: "no priority" }})',
        fillMore: (options) => options.select('[aria-label="Body format"]', 'text'),
      });
      await browser.goto(incidentUrl('Q3HOSTILE0ZZ'));
      await openModal('Open a ticket');
      await browser.clickAccessible(button('Send'));
      const form = await receiver.waitFor(`${path}/form`);
      expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
      // A title full of & = " and newlines stays one field.
      const fields = new URLSearchParams(form.body);
      expect([...fields.keys()]).toEqual(['title', 'runbook', 'n']);
      expect(fields.get('title')).toBe(FIXTURE_INCIDENTS.Q3HOSTILE0ZZ.title);
      expect(fields.get('runbook')).toBe('https://wiki.acme.example/runbooks/disk');
      await browser.clickAccessible(button('Close'));

      await openModal('Post to chat');
      await browser.clickAccessible(button('Send'));
      const text = await receiver.waitFor(`${path}/text`);
      expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(text.body).toBe(`${FIXTURE_INCIDENTS.Q3HOSTILE0ZZ.title.toUpperCase()} (P1)`);
      await browser.clickAccessible(button('Close'));
    });
  });
}
