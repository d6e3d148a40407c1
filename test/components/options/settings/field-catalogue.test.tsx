import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCatalogue } from '@/components/options/settings/FieldCatalogue';
import { makeIncident } from '../../../support/builders';

let container: HTMLElement;

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('FieldCatalogue', () => {
  it('lists each custom field by name and by the name people see, as a template writes them, with its value', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const incident = makeIncident({
      custom_fields: { customer_impact: true },
      custom_fields_by_display_name: { 'Customer impact': true },
    });
    const open = { incident, from: 'session' as const, siteName: 'PagerDuty', tabId: 1, lastAccessed: 1 };
    render(<FieldCatalogue site="pagerduty" siteName="PagerDuty" open={open} />, container);
    const details = container.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const rows = [...container.querySelectorAll('tr')].map((row) => [
      row.querySelector('th')?.textContent,
      row.querySelector('td')?.textContent,
    ]);
    expect(rows).toContainEqual(['{{incident.custom_fields.customer_impact}}', 'true']);
    expect(rows).toContainEqual(['{{incident.custom_fields_by_display_name["Customer impact"]}}', 'true']);
  });
});
