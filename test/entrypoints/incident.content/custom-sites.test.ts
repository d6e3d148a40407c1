import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { customSiteSources } from '@/entrypoints/incident.content/custom-sites';
import { ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import { ACME_ON_CALL } from '../../support/custom-sites';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

beforeEach(() => {
  fakeBrowser.reset();
  ask.mockReset();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Incident Actions',
    version: '0',
    content_scripts: [{ matches: ['https://*.pagerduty.com/*'], js: ['content-scripts/pagerduty.js'] }],
  });
});

describe('customSiteSources', () => {
  it('gives the adapter of the site the user added for this page, as the background has it', async () => {
    ask.mockResolvedValue(ok(ACME_ON_CALL) as never);
    const sources = await customSiteSources(new URL('https://oncall.acme.example/incidents/42'));
    expect(ask).toHaveBeenCalledExactlyOnceWith({ type: 'customSite' });
    expect(sources.map((source) => source.name)).toEqual([ACME_ON_CALL.name]);
  });

  it('gives none when the background knows no site for the page', async () => {
    ask.mockResolvedValue(ok(null) as never);
    expect(await customSiteSources(new URL('https://oncall.acme.example/incidents/42'))).toEqual([]);
  });

  it('leaves a page a built-in site’s own script serves to that script: one bar per page', async () => {
    expect(await customSiteSources(new URL('https://acme.pagerduty.com/incidents/PABC123'))).toEqual([]);
    expect(ask).not.toHaveBeenCalled();
  });
});
