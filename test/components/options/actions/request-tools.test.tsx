import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestTools } from '@/components/options/actions/RequestTools';
import { MASK } from '@/lib/render/mask';
import { makeAction, makeIncident } from '../../../support/builders';
import { check, click, find } from '../../../support/ui';

vi.mock('@/lib/permissions/origins', () => ({ requestOriginPermission: vi.fn() }));

const KEY = 'sk-Curl-5e1d';
const draft = makeAction({
  headers: [{ name: 'X-Sig', value: '{{ secrets.api_key | base64_encode }}', secret: false }],
  body: '{"k": "{{ secrets.api_key | upcase }}", "id": "{{ incident.id }}"}',
});

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  render(
    <RequestTools
      draft={draft}
      incident={makeIncident()}
      constants={{}}
      secrets={[{ name: 'api_key', value: KEY, savedAt: 1, origins: ['https://hooks.example.com'] }]}
    />,
    container,
  );
});
afterEach(() => {
  render(null, container);
  container.remove();
});

/** The cURL command shown after a click on Copy as cURL, once it contains `expected`. */
async function copied(expected: string): Promise<string> {
  await click('Copy as cURL');
  await vi.waitFor(() => expect(find('.curl').textContent).toContain(expected));
  return find('.curl').textContent ?? '';
}

describe('RequestTools, Copy as cURL', () => {
  it('masks a secret passed through filters, and shows it only when asked', async () => {
    const masked = await copied('curl');
    expect(masked).toContain(`-H 'X-Sig: ${MASK}'`);
    expect(masked).toContain(`"k":"${MASK}"`);
    expect(masked).toContain('Q1DBFULL7X2M');
    for (const form of [KEY, btoa(KEY), KEY.toUpperCase()]) expect(masked).not.toContain(form);

    await check(find('.request-tools input[type="checkbox"]'));
    const clear = await copied(btoa(KEY));
    expect(clear).toContain(`-H 'X-Sig: ${btoa(KEY)}'`);
    expect(clear).toContain(KEY.toUpperCase());
  });
});
