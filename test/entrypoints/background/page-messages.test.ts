import { describe, expect, it, vi } from 'vitest';
import { handlePageMessage } from '@/entrypoints/background/page-messages';
import { deliverAction } from '@/lib/delivery/deliver-action';
import { saveAction } from '@/lib/storage/actions-store';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';

describe('re-send from the history', () => {
  it('sends the logged incident and answers again as a new invocation that points back', async () => {
    const db = await freshDatabase();
    const action = await saveAction(
      db,
      makeAction({
        prompts: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
        body: '{"why":"{{params.reason}}"}',
      }),
    );
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('ok'));
    const deps = deliveryDeps(db, fetch as unknown as typeof globalThis.fetch);
    const first = newInvocation();
    await deliverAction(deps, action.id, makeIncident(), { reason: 'disk full' }, first);
    const again = await handlePageMessage({ type: 'resend', logId: first.id }, deps);
    expect(again.ok).toBe(true);
    const rows = await db.getAll('log');
    expect(rows).toHaveLength(2);
    const resent = rows.find((row) => row.id !== first.id);
    expect(resent).toMatchObject({ resentFrom: first.id, outcome: 'delivered' });
    expect(fetch.mock.calls.map(([, init]) => init.body)).toEqual(['{"why":"disk full"}', '{"why":"disk full"}']);
    // The first send and the re-send each checked the endpoint's host permission (click, then attempt).
    expect(deps.checked).toEqual(Array(4).fill('https://hooks.example.com/run/Q1DBFULL7X2M'));
    expect(await handlePageMessage({ type: 'resend', logId: 'gone' }, deps)).toEqual({
      ok: false,
      error: 'This run is no longer in the history, or was logged without its values',
    });
    expect(await handlePageMessage({ type: 'resend', logId: first.id, extra: 1 }, deps)).toEqual({
      ok: false,
      error: 'Refused: malformed request',
    });
    deps.outbox.stop();
  });

  it('refuses to re-send a lifecycle’s follow-up event: that is re-sent with its first run', async () => {
    const db = await freshDatabase();
    const action = await saveAction(
      db,
      makeAction({
        body: '{"type":"{{ event.type }}","state":"{{ event.state }}"}',
        lifecycle: {
          start: { type: 'job.created', state: 'created' },
          followUps: [{ when: 'delivered', type: 'job.terminated', state: 'completed' }],
        },
      }),
    );
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('ok'));
    const deps = deliveryDeps(db, fetch as unknown as typeof globalThis.fetch);
    const first = newInvocation();
    await deliverAction(deps, action.id, makeIncident(), undefined, first);
    // The follow-up goes at once, from the outbox's timer.
    const followUp = await vi.waitFor(async () => {
      const row = (await db.getAll('log')).find((logged) => logged.event?.followUpOf === first.id);
      expect(row?.outcome).toBe('delivered');
      return row;
    });
    expect(followUp).toMatchObject({ event: { type: 'job.terminated', state: 'completed' } });
    expect(await handlePageMessage({ type: 'resend', logId: followUp?.id ?? '' }, deps)).toEqual({
      ok: false,
      error: 'This is a follow-up event, sent from how the first one ended: re-send the first run instead',
    });
    expect(fetch.mock.calls.map(([, init]) => init.body)).toEqual([
      '{"type":"job.created","state":"created"}',
      '{"type":"job.terminated","state":"completed"}',
    ]);
    deps.outbox.stop();
  });
});
