import { describe, expect, it, vi } from 'vitest';
import { finalNotice, finishRun, noteText } from '@/lib/delivery/run-end';
import type { OutboxItem } from '@/lib/model/outbox-item';
import { saveApiAccess } from '@/lib/storage/api-access-store';
import { freshDatabase, makeAction, makeIncident } from '../../support/builders';
import { endedRun } from '../../support/log-entries';

describe('noteText: the note back to a PagerDuty incident', () => {
  it('says what ran, how it ended and who ran it', () => {
    expect(noteText(endedRun(), '{"job":"42"}')).toBe(
      'Incident Actions: “Restart server” delivered (HTTP 200, 2 attempts, by Dana Ops).\nResponse: {"job":"42"}',
    );
    expect(
      noteText(
        endedRun({
          outcome: 'failed',
          httpStatus: undefined,
          attemptCount: 1,
          who: undefined,
          error: 'No answer within 16 s',
        }),
      ),
    ).toBe('Incident Actions: “Restart server” failed (1 attempt).\nNo answer within 16 s');
  });
});

describe('the notification at the end of a retried run', () => {
  it('is only for runs that needed more than one attempt', () => {
    expect(finalNotice(endedRun({ attemptCount: 1 }))).toBeUndefined();
    expect(finalNotice(endedRun())).toEqual({
      title: 'Delivered: Restart server',
      message: 'incident Q1DBFULL7X2M · 2 attempts · HTTP 200',
    });
    expect(
      finalNotice(
        endedRun({
          outcome: 'rejected',
          httpStatus: 503,
          attemptCount: 5,
          error: 'Gave up after 5 attempts: HTTP 503',
        }),
      ),
    ).toEqual({
      title: 'Rejected: Restart server',
      message: 'incident Q1DBFULL7X2M · 5 attempts · HTTP 503\nGave up after 5 attempts: HTTP 503',
    });
  });
});

describe('the end of a run', () => {
  const item = (postNote: boolean): OutboxItem => ({
    id: 'run-1',
    invocation: { id: 'run-1', createdAt: 1 },
    action: makeAction({ postNote }),
    incident: makeIncident(),
    policy: { timeoutSeconds: 16, maxAttempts: 5, giveUpAfterMinutes: 20, maxBodyKB: 256 },
    attempts: 2,
    nextAttemptAt: 1,
    deadline: 2,
  });

  it('posts the note when the action asks, notifies a retried run, and keeps the history within its limits', async () => {
    const db = await freshDatabase();
    const entry = endedRun({ createdAt: 400 * 24 * 60 * 60 * 1000 });
    await db.put('log', entry);
    await db.put('logDetails', { id: entry.id, attempts: [{ number: 2, startedAt: 1, responseExcerpt: '{"job":7}' }] });
    await db.put('log', endedRun({ id: 'ancient', createdAt: 1, finishedAt: 1 }));
    await saveApiAccess(db, { site: 'pagerduty', base: 'https://api.pagerduty.com', token: 'write-token', savedAt: 1 });
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{}', { status: 201 }));
    const notify = vi.fn(async () => {});
    const onLogChanged = vi.fn();
    const deps = {
      db,
      fetch: fetch as unknown as typeof globalThis.fetch,
      hasOriginPermission: vi.fn(async (_url: string) => true),
      notify,
      onLogChanged,
      now: () => 400 * 24 * 60 * 60 * 1000,
    };

    await finishRun(deps, entry, item(true));
    expect(deps.hasOriginPermission).toHaveBeenCalledExactlyOnceWith(
      'https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes',
    );
    // The note follows the lookup of who owns the token (its From).
    const note = fetch.mock.calls.find((call) => String(call[0]).endsWith('/notes'));
    expect(note?.[0]).toBe('https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes');
    expect(JSON.parse(String(note?.[1]?.body)).note.content).toBe(
      'Incident Actions: “Restart server” delivered (HTTP 200, 2 attempts, by Dana Ops).\nResponse: {"job":7}',
    );
    expect((await db.get('log', entry.id))?.note).toEqual({ outcome: 'posted' });
    expect(onLogChanged).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledExactlyOnceWith('run-1', {
      title: 'Delivered: Restart server',
      message: 'incident Q1DBFULL7X2M · 2 attempts · HTTP 200',
    });
    // The default retention keeps 180 days: the run from day 0 goes.
    expect(await db.get('log', 'ancient')).toBeUndefined();

    const notesPosted = () => fetch.mock.calls.filter((call) => String(call[0]).endsWith('/notes')).length;
    await finishRun(deps, endedRun({ id: 'run-2', attemptCount: 1, createdAt: deps.now() }), item(false));
    expect(notesPosted()).toBe(1);
    expect(notify).toHaveBeenCalledTimes(1);

    // A lifecycle's follow-up event posts no second note for the same click.
    const followUp: OutboxItem = {
      ...item(true),
      id: 'run-3',
      event: {
        id: 'run-3',
        type: 'incident.action_invocation.terminated',
        state: 'completed',
        occurredAt: 2,
        followUpOf: 'run-1',
      },
    };
    await finishRun(deps, endedRun({ id: 'run-3', attemptCount: 1, createdAt: deps.now() }), followUp);
    expect(notesPosted()).toBe(1);
  });
});
