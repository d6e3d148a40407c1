import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CustomSiteEditor, PLAIN_HTTP_WARNING } from '@/components/options/settings/CustomSiteEditor';
import type { CustomSite } from '@/lib/model/custom-site';
import { choose, click, type } from '../../../support/ui';

let container: HTMLElement;

function setup() {
  container = document.createElement('div');
  document.body.append(container);
  const onSave = vi.fn<(site: CustomSite) => void>();
  render(<CustomSiteEditor onSave={onSave} onCancel={() => {}} />, container);
  return onSave;
}

const warning = () => [...container.querySelectorAll('[role="note"]')].map((note) => note.textContent);

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('CustomSiteEditor', () => {
  it('registers a self-hosted Grafana over plain http, warning while the pattern is http', async () => {
    const onSave = setup();
    await type('#site-name', 'Ops Grafana');
    await type('#site-pattern', 'https://grafana.lan:3000/*');
    expect(warning()).toEqual([]);
    await type('#site-pattern', 'http://grafana.lan:3000/*');
    expect(warning()).toEqual([PLAIN_HTTP_WARNING]);
    await choose(container.querySelector('#site-reads') as HTMLSelectElement, 'grafana-oncall');
    // Grafana's adapter reads the id, fields and dock: the selector inputs are gone.
    expect(container.querySelector('#site-id-regex')).toBeNull();
    expect(container.querySelector('#site-anchor')).toBeNull();
    await click('Save site');
    expect(onSave).toHaveBeenCalledOnce();
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({
      id: 'ops-grafana',
      urlPattern: 'http://grafana.lan:3000/*',
      reads: 'grafana-oncall',
      fields: [],
    });
    expect(onSave.mock.calls[0]?.[0].anchorSelector).toBeUndefined();
  });

  it('refuses a wildcard over a public suffix with a message at the pattern field', async () => {
    const onSave = setup();
    await type('#site-name', 'Everything');
    await type('#site-pattern', 'https://*.com/*');
    await choose(container.querySelector('#site-reads') as HTMLSelectElement, 'grafana-oncall');
    await click('Save site');
    expect(onSave).not.toHaveBeenCalled();
    const field = container.querySelector('#site-pattern');
    expect(field?.getAttribute('aria-invalid')).toBe('true');
    expect(field?.parentElement?.textContent).toContain('covers every site under a public suffix');
  });

  it('registers a Jira site on its own domain, read as JSM alerts', async () => {
    const onSave = setup();
    await type('#site-name', 'Acme Jira');
    await type('#site-pattern', 'https://ops.acme-corp.example/*');
    await choose(container.querySelector('#site-reads') as HTMLSelectElement, 'opsgenie');
    await click('Save site');
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ reads: 'opsgenie', fields: [] });
    expect(warning()).toEqual([]);
  });

  it('keeps its own selectors when read by them', async () => {
    const onSave = setup();
    await type('#site-name', 'Acme');
    await type('#site-pattern', 'https://oncall.acme.example/*');
    await type('[aria-label="Field 1 selector"]', 'h1');
    await click('Save site');
    const saved = onSave.mock.calls[0]?.[0];
    expect(saved).toMatchObject({ fields: [{ field: 'title', selector: 'h1' }] });
    expect(saved && 'reads' in saved).toBe(false);
  });
});
