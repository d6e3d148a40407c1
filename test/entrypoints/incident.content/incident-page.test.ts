import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { IncidentDialogsProps } from '@/components/incident/IncidentDialogs';
import { IncidentPage } from '@/entrypoints/incident.content/incident-page';
import { type IncidentUi, loadIncidentUi } from '@/entrypoints/incident.content/incident-ui';
import { ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import type { ContentRequest } from '@/lib/messaging/messages';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentSource } from '@/lib/sites/site';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
vi.mock('@/entrypoints/incident.content/incident-ui', () => ({ loadIncidentUi: vi.fn() }));
const ask = vi.mocked(askBackground);
const load = vi.mocked(loadIncidentUi);

/** A site whose incident is any page with an `#incident` element; it docks in `#dock` when there is one. */
const SITE: IncidentSource = {
  id: 'pagerduty',
  name: 'PagerDuty',
  matches: ['https://*/*'],
  incidentIdFromUrl: () => 'PABC123',
  detect: (doc) => doc.querySelector('#incident') !== null,
  readPage: (doc) => ({ title: doc.querySelector('#incident')?.textContent ?? undefined }),
  findAnchor: (doc) => doc.querySelector('#dock') ?? undefined,
};

/* happy-dom events have no `isTrusted`, as page script's; the flag is forged on a synthetic event only as a control. */
function trustedClick(target: Element) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

let ctx: ContentScriptContext;
let shadow: ShadowRoot | undefined;
beforeEach(() => {
  ctx = new ContentScriptContext('test', {});
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    shadow = attach.call(this, init);
    return shadow;
  });
  document.body.innerHTML = '<h1 id="incident">Payments API timeouts</h1>';
  ask.mockImplementation(async (request: ContentRequest) => {
    if (request.type === 'listActions')
      return ok({ buttons: [{ id: 'a1', label: 'Restart server' }], awaitsValues: false }) as never;
    if (request.type === 'siteFix') return ok({ fix: null }) as never;
    if (request.type === 'incidentRuns') return ok([]) as never;
    return ok(null) as never;
  });
});
afterEach(() => {
  ctx.abort();
  shadow = undefined;
  document.body.innerHTML = '';
});

const bar = () => shadow?.querySelector('[role="toolbar"]');
const named = (name: string) =>
  [...(shadow?.querySelectorAll('button') ?? [])].find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent) === name,
  );

describe('IncidentPage', () => {
  it('docks the bar in the site’s row, with no UI library loaded until the bar is reached', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="dock"></div>');
    await new IncidentPage(ctx, { builtIn: SITE }).sync(new URL('https://acme.pagerduty.com/incidents/PABC123'));
    expect(document.querySelector('#dock')?.firstElementChild?.localName).toMatch(/^ia-/);
    expect(bar()?.className).toBe('bar docked');
    expect(named('Restart server')).toBeDefined();
    expect(named('Fix this page')).toBeDefined();
    expect(load).not.toHaveBeenCalled();
  });

  it('floats where the site has no dock, and hands a person’s click to the dialogs with the incident on screen', async () => {
    const render = vi.fn();
    load.mockResolvedValue({ render, incidentValues: vi.fn() } as unknown as IncidentUi);
    await new IncidentPage(ctx, { builtIn: SITE }).sync(new URL('https://acme.pagerduty.com/incidents/PABC123'));
    expect(document.body.lastElementChild?.localName).toMatch(/^ia-/);
    expect(bar()?.className).toBe('bar floating');
    bar()?.dispatchEvent(new Event('pointerenter'));
    expect(load).toHaveBeenCalled();

    const button = named('Restart server') as Element;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    trustedClick(button);
    await vi.waitFor(() =>
      expect(render).toHaveBeenLastCalledWith(
        expect.any(HTMLElement),
        expect.objectContaining({
          pending: {
            action: { id: 'a1', label: 'Restart server' },
            incident: expect.objectContaining({ id: 'PABC123', title: 'Payments API timeouts' }),
          },
        }),
      ),
    );
    // Only the trusted click opened it.
    expect(render.mock.calls.filter(([, props]) => props?.pending)).toHaveLength(1);
  });

  it('reads the vendor API’s values when the pointer reaches a button, and the modal of the click gets them', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="dock"></div>');
    const values = { incident: { id: 'PABC123' }, from: 'session' };
    const incidentValues = vi.fn(async () => values);
    const render = vi.fn();
    load.mockResolvedValue({ render, incidentValues } as unknown as IncidentUi);
    await new IncidentPage(ctx, { builtIn: SITE }).sync(new URL('https://acme.pagerduty.com/incidents/PABC123'));
    const button = named('Restart server') as Element;
    button.dispatchEvent(new Event('pointerenter'));
    button.dispatchEvent(new Event('pointerenter'));
    await vi.waitFor(() => expect(incidentValues).toHaveBeenCalledOnce());
    trustedClick(button);
    await vi.waitFor(() =>
      expect(render).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ pending: expect.anything() }),
      ),
    );
    const { loadValues, pending } = (render.mock.lastCall as [Element, IncidentDialogsProps])[1];
    await expect(loadValues(pending?.incident as IncidentSnapshot)).resolves.toBe(values);
    expect(incidentValues).toHaveBeenCalledOnce();
    // A second opening reads them again: they were the first modal's.
    await loadValues(pending?.incident as IncidentSnapshot);
    expect(incidentValues).toHaveBeenCalledTimes(2);
  });

  it('says so in the bar when the dialogs cannot load, never a silent nothing', async () => {
    load.mockRejectedValue(new Error('blocked'));
    await new IncidentPage(ctx, { builtIn: SITE }).sync(new URL('https://acme.pagerduty.com/incidents/PABC123'));
    trustedClick(named('Restart server') as Element);
    await vi.waitFor(() =>
      expect(shadow?.querySelector('[role="alert"]')?.textContent).toContain(
        'Incident Actions could not open its dialog: blocked',
      ),
    );
  });

  it('shows nothing on a page with no action, and takes the bar down when the actions go', async () => {
    document.body.insertAdjacentHTML('afterbegin', '<div id="dock"></div>');
    const page = new IncidentPage(ctx, { builtIn: SITE });
    await page.sync(new URL('https://acme.pagerduty.com/incidents/PABC123'));
    expect(bar()?.isConnected).toBe(true);
    ask.mockImplementation(async (request: ContentRequest) =>
      request.type === 'listActions'
        ? (ok({ buttons: [], awaitsValues: false }) as never)
        : (ok({ fix: null }) as never),
    );
    page.configChanged();
    await vi.waitFor(() => expect(document.querySelector('#dock')?.childElementCount).toBe(0));
  });

  it('asks the background which custom site the page is, once', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="dock"></div>');
    const custom = vi.fn(async () => [SITE]);
    const page = new IncidentPage(ctx, { custom });
    await page.sync(new URL('https://oncall.internal.example/incidents/PABC123'));
    await page.sync(new URL('https://oncall.internal.example/incidents/PABC123'));
    expect(custom).toHaveBeenCalledOnce();
    expect(named('Restart server')).toBeDefined();
  });
});
