import { describe, expect, it, vi } from 'vitest';
import { postPagerDutyNote } from '@/lib/sites/pagerduty/note.background';
import { makeIncident } from '../../../support/builders';

describe('postPagerDutyNote', () => {
  const access = (token: string) => ({
    site: 'pagerduty' as const,
    base: 'https://api.pagerduty.com',
    token,
    savedAt: 1,
  });

  /** PagerDuty's answers: `/users/me` as `me` gives it (400: an account-level key, which has no user), 201 for a note. */
  const pagerDuty = (me: { status: number; body: string }) =>
    vi.fn(async (url: string, _init: RequestInit) =>
      url.endsWith('/users/me')
        ? new Response(me.body, { status: me.status })
        : new Response('{"note":{}}', { status: 201 }),
    );
  const ACCOUNT_KEY = { status: 400, body: '{"error":{"message":"Requires a user token"}}' };

  it('names the token’s owner as PagerDuty says, never an e-mail the page wrote', async () => {
    const fetch = pagerDuty({ status: 200, body: '{"user":{"id":"PXPGF42","email":"earline@example.com"}}' });
    const incident = makeIncident({ user: { name: 'Someone Else', email: 'ceo@example.com' } });
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission: async () => true };
    expect(await postPagerDutyNote(deps, access('u+owner-token'), incident, 'hello')).toEqual({ outcome: 'posted' });
    const note = fetch.mock.calls.find(([url]) => url.endsWith('/notes'));
    expect(note?.[1]?.headers).toMatchObject({ From: 'earline@example.com' });
    // One lookup per token.
    await postPagerDutyNote(deps, access('u+owner-token'), incident, 'again');
    expect(fetch.mock.calls.filter(([url]) => url.endsWith('/users/me'))).toHaveLength(1);
  });

  it('posts it with the saved token, as the responder, to /incidents/{id}/notes', async () => {
    const fetch = pagerDuty(ACCOUNT_KEY);
    const incident = makeIncident({ user: { name: 'Dana Ops', email: 'dana@example.com' } });
    const hasOriginPermission = vi.fn(async (_url: string) => true);
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission };
    expect(await postPagerDutyNote(deps, access('u+full-access-token'), incident, 'hello')).toEqual({
      outcome: 'posted',
    });
    const [url, init] = fetch.mock.calls.find(([called]) => called.endsWith('/notes')) ?? [];
    expect(url).toBe('https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes');
    expect(hasOriginPermission).toHaveBeenCalledExactlyOnceWith(
      'https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes',
    );
    expect(init?.headers).toMatchObject({ Authorization: 'Token token=u+full-access-token', From: 'dana@example.com' });
    expect(JSON.parse(String(init?.body))).toEqual({ note: { content: 'hello' } });
  });

  it('says why a note was not posted: no token, a read-only key, another vendor', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/users/me')
        ? new Response('{}', { status: 400 })
        : new Response('{"error":"Access Denied"}', { status: 403 }),
    );
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission: async () => true };
    expect(await postPagerDutyNote(deps, undefined, makeIncident(), 'x')).toEqual({
      outcome: 'failed',
      error: 'No PagerDuty API token is saved: add one in the options page',
    });
    expect((await postPagerDutyNote(deps, access('read-only-key'), makeIncident(), 'x')).error).toBe(
      'PagerDuty answered HTTP 403 (a read-only key cannot add notes): {"error":"Access Denied"}',
    );
    const notes = () => fetch.mock.calls.filter(([url]) => url.endsWith('/notes')).length;
    expect(notes()).toBe(1);
    const other = await postPagerDutyNote(deps, access('read-only-key'), makeIncident({ site: 'opsgenie' }), 'x');
    expect(other).toEqual({ outcome: 'failed', error: 'Notes are posted to PagerDuty incidents only' });
    expect(notes()).toBe(1);
  });

  it('asks for the API origin first, and posts nothing to one that is not granted', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 201 }));
    const hasOriginPermission = vi.fn(async (_url: string) => false);
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission };
    expect(await postPagerDutyNote(deps, access('u+full-access-token'), makeIncident(), 'x')).toEqual({
      outcome: 'failed',
      error: 'Not allowed to call https://api.pagerduty.com: save the token again',
    });
    expect(hasOriginPermission).toHaveBeenCalledExactlyOnceWith(
      'https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes',
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});
