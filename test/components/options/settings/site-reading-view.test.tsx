import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiteReadingView } from '@/components/options/settings/SiteReadingView';
import { nextReading } from '@/lib/messaging/site-readings';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe("a site's reading in the options page", () => {
  it('warns, naming the fields, when a page stops giving what it gave before, and when the dock is lost', () => {
    const before = nextReading(
      undefined,
      { docked: true, dockFrom: 'site', fields: { title: 'page', status: 'page' } },
      1,
    );
    const after = nextReading(before, { docked: false, fields: { title: 'none', status: 'api' } }, 2);
    render(<SiteReadingView siteName="PagerDuty" reading={after} fix={undefined} />, container);
    expect(container.querySelector('.warning[role="alert"]')?.textContent).toContain(
      'Read before, missing on the last incident: title, status',
    );
    expect(container.textContent).toContain('The incident header was not found');
  });

  it('says nothing alarming for a page read as before, and names the fix in force with its owner', () => {
    const reading = nextReading(undefined, { docked: true, dockFrom: 'fix', fields: { title: 'fix' } }, 1);
    render(
      <SiteReadingView
        siteName="incident.io"
        reading={reading}
        fix={{
          id: 'policy:incident-io',
          site: 'incident-io',
          dockSelector: '[class*="IncidentPage_buttons__"]',
          fields: [],
          managedBy: { kind: 'policy' },
          updatedAt: 1,
        }}
      />,
      container,
    );
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(container.textContent).toContain('Buttons docked where the site fix says');
    expect(container.textContent).toContain("from your organization's policy (locked)");
    // An admin's fix cannot be reset here.
    expect(container.querySelector('button')).toBeNull();
  });
});
