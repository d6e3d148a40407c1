import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { handleContentMessage, type RouterDeps } from '@/entrypoints/background/content-messages';
import { fail } from '@/lib/core/result';
import { ACTION_CHANGED } from '@/lib/messaging/content-client';
import type { Preview } from '@/lib/messaging/messages';
import { saveAction } from '@/lib/storage/actions-store';
import { saveApiAccess } from '@/lib/storage/api-access-store';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';
import { pagerDutyAccess as access, fakePagerDutyApi, PAGE as PD_PAGE } from '../../support/pagerduty-rest';

const EXTENSION_ID = 'incident-actions-test-id';
const PAGE = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';

type Sender = Browser.runtime.MessageSender;

/** What the browser reports for our content script in the top frame of a tab on `url`. */
function topFrame(url = PAGE, overrides: Partial<Sender> = {}): Sender {
  return { id: EXTENSION_ID, tab: { id: 7, url } as Browser.tabs.Tab, frameId: 0, url, ...overrides };
}

/** The endpoint makeAction's URL template renders for makeIncident(). */
const ENDPOINT = 'https://hooks.example.com/run/Q1DBFULL7X2M';

/** Two actions (one disabled), the router's deps, and `checked`: every URL the permission check was asked about. */
async function setup(options: { granted?: boolean } = {}) {
  const db = await freshDatabase();
  const action = await saveAction(db, makeAction({ label: 'Restart' }));
  await saveAction(db, makeAction({ label: 'Hidden', enabled: false }));
  const onLogChanged = vi.fn();
  const fetch = vi.fn(async () => new Response('ok')) as unknown as typeof globalThis.fetch;
  const delivery = deliveryDeps(db, fetch, { onLogChanged, granted: options.granted ?? true });
  const deps: RouterDeps = { ...delivery, extensionId: EXTENSION_ID };
  return { db, action, deps, checked: delivery.checked };
}

const send = (actionId: string, incident = makeIncident(), invocation = newInvocation(), shown = 'f'.repeat(64)) => ({
  type: 'sendAction',
  actionId,
  incident,
  invocation,
  shown,
});

/** A Send as the modal makes it: previewed first, then confirmed with the preview's digest. */
async function confirmedSend(deps: RouterDeps, actionId: string, incident = makeIncident()) {
  const invocation = newInvocation();
  const previewed = await handleContentMessage({ ...preview(actionId, incident), invocation }, topFrame(), deps);
  if (!previewed.ok) throw new Error(previewed.error);
  return send(actionId, incident, invocation, (previewed.value as Preview).digest);
}
const preview = (actionId: string, incident = makeIncident()) => ({
  type: 'previewRequest',
  actionId,
  incident,
  invocation: newInvocation(),
});

describe('handleContentMessage: who may ask', () => {
  it('answers listActions from our content script on an incident page, with buttons only', async () => {
    const { action, deps } = await setup();
    for (const [url, id] of [
      [PAGE, 'Q1DBFULL7X2M'],
      ['https://acme.eu.pagerduty.com/incidents/Q2CPUHOT9K4L', 'Q2CPUHOT9K4L'],
    ] as const) {
      const message = { type: 'listActions', incident: makeIncident({ id, url }) };
      expect(await handleContentMessage(message, topFrame(url), deps)).toEqual({
        ok: true,
        value: { buttons: [{ id: action.id, label: 'Restart' }], awaitsValues: false },
      });
    }
    // Not an incident page: no incident of this site can come from it.
    const root = 'https://acme.pagerduty.com/';
    expect(
      await handleContentMessage({ type: 'listActions', incident: makeIncident({ url: root }) }, topFrame(root), deps),
    ).toEqual({ ok: false, error: 'Refused: incident from another site' });
  });

  const notUs = 'Refused: not this extension';
  const notTop = 'Refused: not the top frame of a tab';
  const notIncident = 'Refused: not an incident page';
  it.each<[string, Partial<Sender>, string]>([
    ['another extension', { id: 'some-other-extension' }, notUs],
    ['no extension id (a web page)', { id: undefined }, notUs],
    ['a sub-frame', { frameId: 3 }, notTop],
    ['no frame id', { frameId: undefined }, notTop],
    ['no tab (an extension page or worker)', { tab: undefined }, notTop],
    ['no url', { url: undefined }, notIncident],
    ['a foreign site', { url: 'https://evil.example/' }, notIncident],
    ['plain http', { url: 'http://acme.pagerduty.com/incidents/Q1DBFULL7X2M' }, notIncident],
    ['a look-alike host', { url: 'https://acme.pagerduty.com.evil.io/incidents/Q1DBFULL7X2M' }, notIncident],
    ['a suffix host', { url: 'https://evilpagerduty.com/incidents/Q1DBFULL7X2M' }, notIncident],
    ['a file page', { url: 'file:///tmp/incidents/Q1DBFULL7X2M' }, notIncident],
  ])('refuses %s, for every request type, without touching the network', async (_who, overrides, error) => {
    const { db, action, deps, checked } = await setup();
    for (const message of [{ type: 'listActions', incident: makeIncident() }, preview(action.id), send(action.id)]) {
      const reply = await handleContentMessage(message, topFrame(PAGE, overrides), deps);
      expect(reply).toEqual({ ok: false, error });
    }
    expect(checked).toEqual([]);
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(deps.onLogChanged).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });
});

describe('handleContentMessage: what may be asked', () => {
  // Each case builds its message around the real action id, so only the malformation can make it fail.
  it.each<[string, (id: string) => unknown]>([
    ['not an object', () => 'listActions'],
    ['null', () => null],
    ['an unknown type', (id) => ({ type: 'deleteAction', actionId: id })],
    ['an extra key on listActions', () => ({ type: 'listActions', all: true })],
    ['a smuggled url', (id) => ({ ...send(id), url: 'https://evil.example/' })],
    ['smuggled headers', (id) => ({ ...send(id), headers: [['Authorization', 'x']] })],
    ['a smuggled key in the incident', (id) => ({ ...send(id), incident: { ...makeIncident(), endpoint: 'x' } })],
    ['a numeric action id', () => ({ ...send('x'), actionId: 42 })],
    ['an empty action id', () => send('')],
    ['a missing incident', (id) => ({ type: 'sendAction', actionId: id })],
    ['an unknown site', (id) => ({ ...send(id), incident: { ...makeIncident(), site: 'evil-tracker' } })],
    ['a javascript: incident url', (id) => send(id, makeIncident({ url: 'javascript:alert(1)' }))],
    ['an empty incident id', (id) => send(id, makeIncident({ id: '' }))],
    ['a numeric title', (id) => ({ ...send(id), incident: { ...makeIncident(), title: 5 } })],
    ['a send without the digest of what was shown', (id) => ({ ...send(id), shown: undefined })],
    ['a digest not of the form a preview gives', (id) => ({ ...send(id), shown: 'x' })],
  ])('refuses a malformed message: %s', async (_what, build) => {
    const { db, action, deps } = await setup();
    expect(await handleContentMessage(build(action.id), topFrame(), deps)).toEqual({
      ok: false,
      error: 'Refused: malformed request',
    });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it.each([
    'https://other.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://acme.eu.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://evil.example/incidents/Q1DBFULL7X2M',
    'https://acme.pagerduty.com:8443/incidents/Q1DBFULL7X2M',
  ])('refuses an incident whose url (%s) is not on the sender origin', async (url) => {
    const { db, action, deps } = await setup();
    for (const message of [preview(action.id, makeIncident({ url })), send(action.id, makeIncident({ url }))]) {
      expect(await handleContentMessage(message, topFrame(), deps)).toEqual({
        ok: false,
        error: 'Refused: incident from another origin',
      });
    }
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it.each([
    ['another site than the page', makeIncident({ site: 'opsgenie' }), 'Refused: incident from another site'],
    [
      'an http url on an https page',
      makeIncident({ url: 'http://acme.pagerduty.com/x' }),
      'Refused: incident from another origin',
    ],
  ])('refuses an incident from %s', async (_what, incident, error) => {
    const { db, action, deps } = await setup();
    expect(await handleContentMessage(send(action.id, incident), topFrame(), deps)).toEqual({ ok: false, error });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it('previews without sending or logging', async () => {
    const { db, action, deps, checked } = await setup();
    const reply = await handleContentMessage(preview(action.id), topFrame(), deps);
    expect(reply).toMatchObject({ ok: true, value: { actionLabel: 'Restart' } });
    expect(checked).toEqual([]);
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(deps.onLogChanged).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it('sends a confirmed action and announces the log change', async () => {
    const { db, action, deps, checked } = await setup();
    const reply = await handleContentMessage(await confirmedSend(deps, action.id), topFrame(), deps);
    expect(reply).toMatchObject({ ok: true, value: { outcome: 'delivered', httpStatus: 200 } });
    // The host permission checked is the action's endpoint, never the incident page the message came from:
    // when the click is taken, and again by the attempt.
    expect(checked).toEqual([ENDPOINT, ENDPOINT]);
    expect(deps.fetch).toHaveBeenCalledTimes(1);
    // Once when the attempt starts, once when its answer is written.
    expect(deps.onLogChanged).toHaveBeenCalledTimes(2);
    expect(await db.count('log')).toBe(1);
  });

  it('announces the log change for a send that was refused after logging (not granted)', async () => {
    const { db, action, deps, checked } = await setup({ granted: false });
    const reply = await handleContentMessage(await confirmedSend(deps, action.id), topFrame(), deps);
    expect(reply).toMatchObject({ ok: true, value: { outcome: 'not-sent' } });
    expect(checked).toEqual([ENDPOINT]);
    expect(deps.onLogChanged).toHaveBeenCalledTimes(1);
    expect(await db.count('log')).toBe(1);
  });
});

describe('handleContentMessage: what is sent is what was shown', () => {
  it('refuses a send after the action changed since its preview, sends nothing, and sends once previewed again', async () => {
    const { db, action, deps } = await setup();
    const stale = await confirmedSend(deps, action.id);
    await saveAction(db, { ...action, url: 'https://hooks.example.com/elsewhere' });
    expect(await handleContentMessage(stale, topFrame(), deps)).toEqual({ ok: false, error: ACTION_CHANGED });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);

    const fresh = await confirmedSend(deps, action.id);
    expect(await handleContentMessage(fresh, topFrame(), deps)).toMatchObject({
      ok: true,
      value: { outcome: 'delivered' },
    });
    expect(vi.mocked(deps.fetch).mock.calls[0]?.[0]).toBe('https://hooks.example.com/elsewhere');
  });

  it('refuses a digest the content script made up', async () => {
    const { db, action, deps } = await setup();
    const forged = { ...(await confirmedSend(deps, action.id)), shown: '0'.repeat(64) };
    expect(await handleContentMessage(forged, topFrame(), deps)).toEqual({ ok: false, error: ACTION_CHANGED });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });
});

describe('handleContentMessage: an action only where its conditions hold', () => {
  const NOT_HERE = 'This action does not apply to this incident on this site (its conditions do not hold)';

  it.each([
    ['on another site only', { sites: ['opsgenie'], match: 'all' as const, rules: [] }],
    [
      'for P1 incidents only',
      { match: 'all' as const, rules: [{ variable: 'incident.priority', operator: 'equals' as const, value: 'P1' }] },
    ],
  ])('refuses to preview or send an action %s', async (_what, conditions) => {
    const { db, deps } = await setup();
    const action = await saveAction(db, makeAction({ label: 'Guarded', conditions }));
    const incident = makeIncident({ priority: 'P3' });
    expect(await handleContentMessage(preview(action.id, incident), topFrame(), deps)).toEqual({
      ok: false,
      error: NOT_HERE,
    });
    expect(await handleContentMessage(send(action.id, incident), topFrame(), deps)).toEqual({
      ok: false,
      error: NOT_HERE,
    });
    expect(deps.fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it('previews and sends it where they hold', async () => {
    const { db, deps } = await setup();
    const conditions = {
      sites: ['pagerduty'],
      match: 'all' as const,
      rules: [{ variable: 'incident.priority', operator: 'equals' as const, value: 'P1' }],
    };
    const action = await saveAction(db, makeAction({ label: 'Guarded', conditions }));
    const message = await confirmedSend(deps, action.id, makeIncident({ priority: 'P1' }));
    expect(await handleContentMessage(message, topFrame(), deps)).toMatchObject({
      ok: true,
      value: { outcome: 'delivered' },
    });
  });
});

describe('handleContentMessage: the incident from the API (saved token)', () => {
  it('reaches a content script only through the router, which checks the page it came from', async () => {
    const api = fakePagerDutyApi();
    const db = await freshDatabase();
    await saveApiAccess(db, access());
    const delivery = deliveryDeps(db, api.fetch);
    const routerDeps: RouterDeps = { ...delivery, extensionId: 'ext' };
    const sender = (url: string) =>
      ({ id: 'ext', tab: { id: 1, url } as Browser.tabs.Tab, frameId: 0, url }) as Browser.runtime.MessageSender;
    const message = { type: 'incidentFromApi', incident: PD_PAGE };
    const answered = await handleContentMessage(message, sender(PD_PAGE.url), routerDeps);
    expect(answered.ok && (answered.value as { number: number }).number).toBe(18342);
    // Another account's page may not read this incident through the saved token.
    expect(await handleContentMessage(message, sender('https://other.pagerduty.com/incidents/X'), routerDeps)).toEqual(
      fail('Refused: incident from another origin'),
    );
    expect(api.calls).toHaveLength(3);
    // The permission checked is the saved API base's, once: the refused page reached no check.
    expect(delivery.checked).toEqual(['https://api.pagerduty.com']);
  });
});

describe('handleContentMessage: site fixes picked on the page', () => {
  it('saves a pick for the site the sender is on, and answers the fix in force there', async () => {
    const { db, deps } = await setup();
    const change = { dockSelector: '[class*="IncidentActions_actionsRow__"]' };
    const saved = await handleContentMessage({ type: 'saveSiteFix', change }, topFrame(), deps);
    expect(saved).toMatchObject({ ok: true, value: { id: 'pagerduty', site: 'pagerduty', ...change } });
    expect(await handleContentMessage({ type: 'siteFix' }, topFrame(), deps)).toMatchObject({
      ok: true,
      value: { fix: { site: 'pagerduty', ...change } },
    });
    // Another site's page gets its own (none), whatever the script claims.
    const incidentIo = 'https://app.incident.io/acme/incidents/1433';
    expect(await handleContentMessage({ type: 'siteFix' }, topFrame(incidentIo), deps)).toEqual({
      ok: true,
      value: { fix: null, locked: undefined },
    });
    expect(await db.count('siteFixes')).toBe(1);
  });

  it('refuses off an incident page, a site the message names, and a selector past its bound', async () => {
    const { db, deps } = await setup();
    const change = { dockSelector: '#row' };
    expect(
      await handleContentMessage(
        { type: 'saveSiteFix', change },
        topFrame('https://acme.pagerduty.com/incidents'),
        deps,
      ),
    ).toEqual(fail('Refused: not an incident page'));
    expect(await handleContentMessage({ type: 'saveSiteFix', change, site: 'opsgenie' }, topFrame(), deps)).toEqual(
      fail('Refused: malformed request'),
    );
    expect(
      await handleContentMessage({ type: 'saveSiteFix', change: { dockSelector: 'a'.repeat(501) } }, topFrame(), deps),
    ).toEqual(fail('Refused: malformed request'));
    expect(await db.count('siteFixes')).toBe(0);
  });
});
