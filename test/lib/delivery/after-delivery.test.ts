import { afterEach, describe, expect, it, vi } from 'vitest';
import { handlePageMessage } from '@/entrypoints/background/page-messages';
import { deliverAction } from '@/lib/delivery/deliver-action';
import { finalNotice, finishRun, noteText } from '@/lib/delivery/run-end';
import { isExtensionPage } from '@/lib/messaging/sender';
import type { LogEntry } from '@/lib/model/log-entry';
import type { OutboxItem } from '@/lib/model/outbox-item';
import { postPagerDutyNote } from '@/lib/sites/pagerduty/note.background';
import { saveAction } from '@/lib/storage/actions-store';
import { saveApiAccess } from '@/lib/storage/api-access-store';
import { pruneByRetention, saveRetention } from '@/lib/storage/retention-store';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';

const run = (overrides: Partial<LogEntry> = {}): LogEntry => ({
  id: 'run-1',
  actionId: 'a1',
  actionLabel: 'Restart server',
  incident: { site: 'pagerduty', id: 'Q1DBFULL7X2M', url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M' },
  who: 'Dana Ops',
  outcome: 'delivered',
  httpStatus: 200,
  attemptCount: 2,
  createdAt: 1,
  finishedAt: 2,
  ...overrides,
});

afterEach(() => vi.restoreAllMocks());

describe('the note back to a PagerDuty incident', () => {
  it('says what ran, how it ended and who ran it', () => {
    expect(noteText(run(), '{"job":"42"}')).toBe(
      'Incident Actions: “Restart server” delivered (HTTP 200, 2 attempts, by Dana Ops).\nResponse: {"job":"42"}',
    );
    expect(
      noteText(
        run({
          outcome: 'failed',
          httpStatus: undefined,
          attemptCount: 1,
          who: undefined,
          error: 'No answer within 16 s',
        }),
      ),
    ).toBe('Incident Actions: “Restart server” failed (1 attempt).\nNo answer within 16 s');
  });

  const access = (token: string) => ({
    site: 'pagerduty' as const,
    base: 'https://api.pagerduty.com',
    token,
    savedAt: 1,
  });

  it('posts it with the saved token, as the responder, to /incidents/{id}/notes', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{"note":{}}', { status: 201 }));
    const incident = makeIncident({ user: { name: 'Dana Ops', email: 'dana@example.com' } });
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission: async () => true };
    expect(await postPagerDutyNote(deps, access('u+full-access-token'), incident, 'hello')).toEqual({
      outcome: 'posted',
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://api.pagerduty.com/incidents/Q1DBFULL7X2M/notes');
    expect(init?.headers).toMatchObject({ Authorization: 'Token token=u+full-access-token', From: 'dana@example.com' });
    expect(JSON.parse(String(init?.body))).toEqual({ note: { content: 'hello' } });
  });

  it('says why a note was not posted: no token, a read-only key, another vendor', async () => {
    const fetch = vi.fn(async () => new Response('{"error":"Access Denied"}', { status: 403 }));
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasOriginPermission: async () => true };
    expect((await postPagerDutyNote(deps, undefined, makeIncident(), 'x')).error).toContain('No PagerDuty API token');
    expect((await postPagerDutyNote(deps, access('read-only-key'), makeIncident(), 'x')).error).toBe(
      'PagerDuty answered HTTP 403 (a read-only key cannot add notes): {"error":"Access Denied"}',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const other = await postPagerDutyNote(deps, access('read-only-key'), makeIncident({ site: 'opsgenie' }), 'x');
    expect(other).toEqual({ outcome: 'failed', error: 'Notes are posted to PagerDuty incidents only' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('the notification at the end of a retried run', () => {
  it('is only for runs that needed more than one attempt', () => {
    expect(finalNotice(run({ attemptCount: 1 }))).toBeUndefined();
    expect(finalNotice(run())).toEqual({
      title: 'Delivered: Restart server',
      message: 'incident Q1DBFULL7X2M · 2 attempts · HTTP 200',
    });
    expect(
      finalNotice(
        run({ outcome: 'rejected', httpStatus: 503, attemptCount: 5, error: 'Gave up after 5 attempts: HTTP 503' }),
      ),
    ).toEqual({
      title: 'Rejected: Restart server',
      message: 'incident Q1DBFULL7X2M · 5 attempts · HTTP 503\nGave up after 5 attempts: HTTP 503',
    });
  });
});

describe('a full disk', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('prunes the oldest tenth of the history, still sends, and reports it', async () => {
    const db = await freshDatabase();
    const action = await saveAction(db, makeAction());
    for (let i = 0; i < 20; i++) await db.put('log', run({ id: `old-${i}`, createdAt: i }));
    const fetch = vi.fn(async () => new Response('ok'));
    const onStorageFull = vi.fn();
    const deps = { ...deliveryDeps(db, fetch as unknown as typeof globalThis.fetch), onStorageFull };
    const add = IDBObjectStore.prototype.add;
    let refusals = 1;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (refusals-- > 0) throw quota();
      return add.apply(this, args);
    });
    const reply = await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
    expect(reply.ok && reply.value.outcome).toBe('delivered');
    expect(onStorageFull).toHaveBeenCalledWith(2);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await db.count('log')).toBe(19);
    expect(await db.get('log', 'old-0')).toBeUndefined();
    deps.outbox.stop();
  });

  it('with no room at all: sends once, unlogged, and says so', async () => {
    const db = await freshDatabase();
    const action = await saveAction(db, makeAction());
    const fetch = vi.fn(async () => new Response('ok'));
    const deps = deliveryDeps(db, fetch as unknown as typeof globalThis.fetch);
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quota();
    });
    const reply = await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
    expect(reply.ok && reply.value).toMatchObject({ outcome: 'delivered', logId: '' });
    expect(reply.ok && reply.value.error).toContain('The disk is full: this send was made once');
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    expect(await db.count('log')).toBe(0);
    deps.outbox.stop();
  });
});

describe('the end of a run', () => {
  const item = (postNote: boolean): OutboxItem => ({
    id: 'run-1',
    invocation: { id: 'run-1', createdAt: 1 },
    action: makeAction({ postNote }),
    incident: makeIncident(),
    policy: { timeoutSeconds: 16, maxAttempts: 5, giveUpAfterMinutes: 20 },
    attempts: 2,
    nextAttemptAt: 1,
    deadline: 2,
  });

  it('posts the note when the action asks, notifies a retried run, and keeps the history within its limits', async () => {
    const db = await freshDatabase();
    const entry = run({ createdAt: 400 * 24 * 60 * 60 * 1000 });
    await db.put('log', entry);
    await db.put('logDetails', { id: entry.id, attempts: [{ number: 2, startedAt: 1, responseExcerpt: '{"job":7}' }] });
    await db.put('log', run({ id: 'ancient', createdAt: 1, finishedAt: 1 }));
    await saveApiAccess(db, { site: 'pagerduty', base: 'https://api.pagerduty.com', token: 'write-token', savedAt: 1 });
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{}', { status: 201 }));
    const notify = vi.fn(async () => {});
    const onLogChanged = vi.fn();
    const deps = {
      db,
      fetch: fetch as unknown as typeof globalThis.fetch,
      hasOriginPermission: async () => true,
      notify,
      onLogChanged,
      now: () => 400 * 24 * 60 * 60 * 1000,
    };

    await finishRun(deps, entry, item(true));
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body)).note.content).toBe(noteText(entry, '{"job":7}'));
    expect((await db.get('log', entry.id))?.note).toEqual({ outcome: 'posted' });
    expect(onLogChanged).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith(entry.id, finalNotice(entry));
    // The default retention keeps 180 days: the run from day 0 goes.
    expect(await db.get('log', 'ancient')).toBeUndefined();

    await finishRun(deps, run({ id: 'run-2', attemptCount: 1, createdAt: deps.now() }), item(false));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledTimes(1);
  });
});

describe('retention', () => {
  it('keeps the newest runs within the count and the age the user set', async () => {
    const db = await freshDatabase();
    const day = 24 * 60 * 60 * 1000;
    const now = 400 * day;
    // One run a day for 200 days: the default keeps 180 days (and 100,000 runs).
    for (let i = 0; i < 200; i++) await db.put('log', run({ id: `r-${i}`, createdAt: now - i * day }));
    expect(await pruneByRetention(db, now)).toBe(19);
    await saveRetention(db, { maxEntries: 100, maxAgeDays: 30 });
    expect(await pruneByRetention(db, now)).toBe(150);
    expect(await db.count('log')).toBe(31);
    await saveRetention(db, { maxEntries: 100, maxAgeDays: 3650 });
    for (let i = 0; i < 100; i++) await db.put('log', run({ id: `n-${i}`, createdAt: now + 1 + i }));
    expect(await pruneByRetention(db, now)).toBe(31);
    expect((await db.getAll('log')).every((entry) => entry.id.startsWith('n-'))).toBe(true);
    await expect(saveRetention(db, { maxEntries: 5, maxAgeDays: 30 })).rejects.toThrow('Keep at least 100');
  });
});

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
    expect(await handlePageMessage({ type: 'resend', logId: 'gone' }, deps)).toMatchObject({ ok: false });
    expect(await handlePageMessage({ type: 'resend', logId: first.id, extra: 1 }, deps)).toEqual({
      ok: false,
      error: 'Refused: malformed request',
    });
    deps.outbox.stop();
  });

  it('is asked only by this extension’s own pages', () => {
    const pages = 'chrome-extension://abc/';
    expect(isExtensionPage({ id: 'abc', url: 'chrome-extension://abc/options.html' }, 'abc', pages)).toBe(true);
    expect(isExtensionPage({ id: 'abc', url: 'https://acme.pagerduty.com/incidents/Q1' }, 'abc', pages)).toBe(false);
    expect(isExtensionPage({ id: 'other', url: 'chrome-extension://abc/options.html' }, 'abc', pages)).toBe(false);
  });
});
