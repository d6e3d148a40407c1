import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DeliveryDeps, deliverAction, previewAction } from '@/lib/delivery/deliver-action';
import type { Action } from '@/lib/model/action';
import { MASK } from '@/lib/render/mask';
import { saveAction } from '@/lib/storage/actions-store';
import { saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { saveSecret } from '@/lib/storage/secrets-store';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';
import { endedRun } from '../../support/log-entries';

/** Where the builders' actions send: the saved secrets are bound to it. */
const HOOKS = 'https://hooks.example.com';

type FetchImpl = (url: string, init: RequestInit) => Promise<Response>;

const SECRET = 'Bearer sk-live-very-secret';

/** A database holding one action, and deps with a fake fetch that records its calls. */
async function setup(fetchImpl: FetchImpl, options: { action?: Partial<Action>; granted?: boolean } = {}) {
  const db = await freshDatabase();
  const action = await saveAction(
    db,
    makeAction({ headers: [{ name: 'X-Auth', value: SECRET, secret: true }], ...options.action }),
  );
  const fetch = vi.fn(fetchImpl);
  let clock = 5_000;
  const deps = deliveryDeps(db, fetch as unknown as typeof globalThis.fetch, {
    granted: options.granted ?? true,
    now: () => clock++,
  });
  /** Every URL the permission check was asked about. */
  const checked = deps.checked;
  return { db, action, fetch, checked, deps };
}

/** The URL makeAction's template renders for makeIncident(): what is sent, and what the permission check sees. */
const ENDPOINT = 'https://hooks.example.com/run/Q1DBFULL7X2M';

async function onlyLogRow(db: Database) {
  const rows = await db.getAll('log');
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error('no log row');
  const details = await db.get('logDetails', row.id);
  return { ...row, request: details?.request, attempts: details?.attempts ?? [] };
}

/** One attempt only: the answers these tests check are final at once. */
const ONE_ATTEMPT = { delivery: { timeoutSeconds: 1, maxAttempts: 1, giveUpAfterMinutes: 20 } };

function delivered<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(`expected a delivery, got error: ${result.error}`);
  return result.value;
}

describe('deliverAction', () => {
  it('delivers on 2xx and logs the status, latency and response excerpt', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('{"queued":true}', { status: 202 }));
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));

    expect(delivery).toMatchObject({ outcome: 'delivered', httpStatus: 202, responseExcerpt: '{"queued":true}' });
    expect(delivery.latencyMs).toBeGreaterThanOrEqual(0);
    const row = await onlyLogRow(db);
    expect(row).toMatchObject({
      id: delivery.logId,
      actionId: action.id,
      actionLabel: 'Restart server',
      outcome: 'delivered',
      httpStatus: 202,
      latencyMs: delivery.latencyMs,
      attemptCount: 1,
      incident: makeIncident(),
    });
    expect(row.attempts).toEqual([
      expect.objectContaining({ number: 1, outcome: 'delivered', httpStatus: 202, responseExcerpt: '{"queued":true}' }),
    ]);
    expect(row.finishedAt).toBeGreaterThan(row.createdAt);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends exactly the rendered request, with credentials omitted and redirects not followed', async () => {
    const { action, fetch, checked, deps } = await setup(async () => new Response(null, { status: 204 }));
    await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());

    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://hooks.example.com/run/Q1DBFULL7X2M');
    // The host permission was checked for the rendered URL the request went to: when the click was taken (the
    // log keeps what would be sent), and again by the outbox's attempt, which prepares the request anew.
    expect(checked).toEqual([ENDPOINT, ENDPOINT]);
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      headers: [
        ['X-Auth', SECRET],
        ['Idempotency-Key', expect.stringMatching(/^[0-9a-f-]{36}$/)],
        ['Content-Type', 'application/json'],
      ],
    });
    expect(JSON.parse(String(init?.body))).toEqual({
      incident_id: 'Q1DBFULL7X2M',
      title: 'Database disk full on db-prod-3',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('logs the request with the secret masked, never in clear', async () => {
    const { db, action, deps } = await setup(async () => new Response('ok'));
    await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
    const row = await onlyLogRow(db);
    expect(row.request?.headers).toContainEqual(['X-Auth', MASK]);
    expect(JSON.stringify(row)).not.toContain('sk-live');
  });

  it('logs a secret passed through filters masked, sends it real, and masks an answer that echoes it', async () => {
    const key = 'sk-Echo-7f3a9';
    const { db, action, fetch, deps } = await setup(
      async (_url, init) => {
        const sig = new Headers(init.headers).get('x-sig') ?? '';
        return new Response(JSON.stringify({ sig, lower: key.toLowerCase() }), { headers: { 'x-echo': sig } });
      },
      {
        action: {
          ...ONE_ATTEMPT,
          headers: [{ name: 'X-Sig', value: '{{ secrets.api_key | base64_encode }}', secret: false }],
          body: '{"k": "{{ secrets.api_key | upcase | slice: 0, 9 }}"}',
        },
      },
    );
    await saveSecret(db, { name: 'api_key', value: key, savedAt: 1, origins: [HOOKS] });
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    const init = fetch.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('x-sig')).toBe(btoa(key));
    expect(init?.body).toBe(JSON.stringify({ k: key.toUpperCase().slice(0, 9) }));

    const row = await onlyLogRow(db);
    expect(row.request?.headers).toContainEqual(['X-Sig', MASK]);
    expect(row.request?.body).toBe(JSON.stringify({ k: MASK }));
    expect(row.attempts[0]?.responseExcerpt).toBe(JSON.stringify({ sig: MASK, lower: MASK }));
    expect(row.attempts[0]?.responseHeaders).toContainEqual(['x-echo', MASK]);
    expect(delivery.responseExcerpt).toBe(JSON.stringify({ sig: MASK, lower: MASK }));
    const logged = JSON.stringify(row);
    for (const form of [btoa(key), key.toUpperCase().slice(0, 9), key.toLowerCase()])
      expect(logged).not.toContain(form);
  });

  it('commits the outbox row and the "sending" log row before the request leaves', async () => {
    let seenDuringFetch: unknown[] = [];
    let outboxDuringFetch: unknown[] = [];
    const { db, action, deps } = await setup(async () => {
      // Read through a fresh transaction: only what has been committed is visible.
      seenDuringFetch = await db.getAll('log');
      outboxDuringFetch = await db.getAll('outbox');
      return new Response('ok');
    });
    await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
    expect(seenDuringFetch).toHaveLength(1);
    expect(seenDuringFetch[0]).toMatchObject({ outcome: 'sending', actionId: action.id, attemptCount: 1 });
    expect(seenDuringFetch[0]).not.toHaveProperty('finishedAt');
    expect(outboxDuringFetch).toEqual([expect.objectContaining({ attempts: 1, leaseUntil: expect.any(Number) })]);
    // Final: the outbox row went in the same transaction as the final log row.
    expect(await db.count('outbox')).toBe(0);
  });

  it.each([400, 401, 404, 409, 410, 422])(
    'reports HTTP %i as rejected at once, with the body excerpt',
    async (status) => {
      const { db, action, fetch, deps } = await setup(async () => new Response(`error ${status}`, { status }));
      const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
      expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: status, responseExcerpt: `error ${status}` });
      expect(await onlyLogRow(db)).toMatchObject({ outcome: 'rejected', httpStatus: status, attemptCount: 1 });
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(await db.count('outbox')).toBe(0);
    },
  );

  it.each([500, 503])('reports HTTP %i as rejected when no attempt is left', async (status) => {
    const { db, action, deps } = await setup(async () => new Response(`error ${status}`, { status }), {
      action: ONE_ATTEMPT,
    });
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: status, responseExcerpt: `error ${status}` });
    expect(delivery.error).toBe(`Gave up after 1 attempt: HTTP ${status}`);
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'rejected', httpStatus: status });
  });

  it.each([301, 302, 303, 307, 308])('reports a %i redirect as rejected and does not follow it', async (status) => {
    const { db, action, fetch, deps } = await setup(
      async () => new Response(null, { status, headers: { Location: 'https://elsewhere.example/' } }),
    );
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(delivery).toMatchObject({ outcome: 'rejected', httpStatus: status });
    expect(delivery.error).toContain('redirect');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'rejected', httpStatus: status });
  });

  it('reports an opaque redirect (what a browser returns for redirect: manual) as rejected', async () => {
    // A browser hands back status 0 and type "opaqueredirect"; happy-dom cannot build one, so it is faked.
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      body: null,
      headers: new Headers(),
    } as unknown as Response;
    const { db, action, fetch, deps } = await setup(async () => opaque);
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(delivery.outcome).toBe('rejected');
    expect(delivery.httpStatus).toBeUndefined();
    expect(delivery.error).toContain('redirect');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await onlyLogRow(db)).outcome).toBe('rejected');
  });

  it('reports a network error as failed when no attempt is left', async () => {
    const { db, action, deps } = await setup(
      async () => {
        throw new TypeError('Failed to fetch');
      },
      { action: ONE_ATTEMPT },
    );
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(delivery).toMatchObject({
      outcome: 'failed',
      error:
        'Gave up after 1 attempt: Could not reach the endpoint: Failed to fetch (refused, unknown host, or a TLS or certificate error: the browser does not say which)',
    });
    expect(delivery.httpStatus).toBeUndefined();
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'failed' });
  });

  it('gives up after the timeout and reports it as failed', async () => {
    // A fetch that never answers, but honours its abort signal like the real one.
    const { db, action, deps } = await setup(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      { action: ONE_ATTEMPT },
    );
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    const error = 'Gave up after 1 attempt: No answer within 1 s';
    expect(delivery).toMatchObject({ outcome: 'failed', error });
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'failed', error });
  });

  it('does not call an origin that is not granted, and logs why', async () => {
    const { db, action, fetch, checked, deps } = await setup(async () => new Response('ok'), {
      granted: false,
    });
    const delivery = delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(checked).toEqual([ENDPOINT]);
    expect(fetch).not.toHaveBeenCalled();
    expect(delivery.outcome).toBe('not-sent');
    expect(delivery.error).toBe(
      'Not allowed to call https://hooks.example.com: open the options page and grant access to it',
    );
    const row = await onlyLogRow(db);
    expect(row).toMatchObject({ outcome: 'not-sent', error: delivery.error });
    // The log shows what would have been sent, secrets masked.
    expect(row.request?.headers).toContainEqual(['X-Auth', MASK]);
  });

  it('treats a failing permission check as not granted, and still logs one row', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'));
    const failing = deliveryDeps(db, deps.fetch, {
      granted: async () => Promise.reject(new Error('permissions API gone')),
    });
    const delivery = delivered(await deliverAction(failing, action.id, makeIncident(), undefined, newInvocation()));
    expect(failing.checked).toEqual([ENDPOINT]);
    expect(fetch).not.toHaveBeenCalled();
    expect(delivery.outcome).toBe('not-sent');
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'not-sent' });
  });

  it('does not send when the page lacks a value the template needs', async () => {
    const { db, action, fetch, checked, deps } = await setup(async () => new Response('ok'));
    const delivery = delivered(
      await deliverAction(deps, action.id, makeIncident({ title: undefined }), undefined, newInvocation()),
    );
    // Nothing rendered, so no URL to check either.
    expect(checked).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
    expect(delivery.outcome).toBe('not-sent');
    expect(delivery.error).toContain('{{incident.title}}');
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'not-sent', error: delivery.error });
  });

  it('does not send a header that the page would split with a line break', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'), {
      action: { headers: [{ name: 'X-Title', value: '{{incident.title}}', secret: false }] },
    });
    const delivery = delivered(
      await deliverAction(deps, action.id, makeIncident({ title: 'a\r\nX-Evil: 1' }), undefined, newInvocation()),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(delivery.outcome).toBe('not-sent');
    expect(delivery.error).toBe('The value of header "X-Title" would contain a line break: refused');
    expect((await onlyLogRow(db)).outcome).toBe('not-sent');
  });

  it.each([
    ['disabled', { enabled: false }],
    ['deleted', 'delete'],
    ['unknown', 'unknown'],
  ] as const)('refuses a %s action without sending or logging', async (_kind, change) => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'));
    let id = action.id;
    if (change === 'delete') await db.delete('actions', action.id);
    else if (change === 'unknown') id = 'no-such-action';
    else await saveAction(db, { ...action, ...change });

    const result = await deliverAction(deps, id, makeIncident(), undefined, newInvocation());
    expect(result).toEqual({ ok: false, error: 'This action was deleted or disabled in the options page' });
    expect(fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
  });

  it('writes exactly one row per call, whatever the outcome', async () => {
    const outcomes: FetchImpl[] = [
      async () => new Response('ok'),
      async () => new Response('no', { status: 500 }),
      async () => new Response(null, { status: 302 }),
      async () => {
        throw new Error('boom');
      },
    ];
    const db = await freshDatabase();
    const action = await saveAction(db, makeAction(ONE_ATTEMPT));
    for (const [index, fetchImpl] of outcomes.entries()) {
      const deps = deliveryDeps(db, fetchImpl as typeof fetch);
      await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
      expect(await db.count('log')).toBe(index + 1);
    }
    // Not granted and missing values are refused before any request, and still logged.
    const base: DeliveryDeps = deliveryDeps(db, outcomes[0] as typeof fetch, { granted: false });
    await deliverAction(base, action.id, makeIncident(), undefined, newInvocation());
    await deliverAction(
      deliveryDeps(db, outcomes[0] as typeof fetch),
      action.id,
      makeIncident({ title: undefined }),
      undefined,
      newInvocation(),
    );
    expect(await db.count('log')).toBe(outcomes.length + 2);
    expect((await db.getAll('log')).every((row) => row.outcome !== 'sending')).toBe(true);
  });
});

describe('one click, one invocation', () => {
  it('a double submit of one confirmation sends once; the second is refused', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'));
    const invocation = newInvocation();
    const send = () => deliverAction(deps, action.id, makeIncident(), undefined, invocation);
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused).toEqual({
      ok: false,
      error: 'This confirmation was already sent: close the dialog and click the button again',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await db.count('log')).toBe(1);
  });
});

describe('a full disk', () => {
  afterEach(() => vi.restoreAllMocks());

  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('prunes the oldest tenth of the history, still sends, and reports it', async () => {
    const db = await freshDatabase();
    const action = await saveAction(db, makeAction());
    for (let i = 0; i < 20; i++) await db.put('log', endedRun({ id: `old-${i}`, createdAt: i }));
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
    expect(deps.checked).toEqual([ENDPOINT, ENDPOINT]);
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
    // Unlogged, but not unchecked: the endpoint's host permission was asked before the send.
    expect(deps.checked).toEqual([ENDPOINT]);
    vi.restoreAllMocks();
    expect(await db.count('log')).toBe(0);
    deps.outbox.stop();
  });
});

describe('previewAction', () => {
  it('renders the request with secrets masked', async () => {
    const { db, action } = await setup(async () => new Response('ok'), {
      action: {
        headers: [
          { name: 'X-Auth', value: SECRET, secret: true },
          { name: 'X-Trace', value: 'trace-{{incident.id}}', secret: false },
        ],
      },
    });
    const invocation = newInvocation();
    const result = await previewAction(db, action.id, makeIncident(), undefined, invocation);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toEqual({
      actionLabel: 'Restart server',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      request: {
        method: 'POST',
        url: 'https://hooks.example.com/run/Q1DBFULL7X2M',
        headers: [
          ['X-Auth', MASK],
          ['X-Trace', 'trace-Q1DBFULL7X2M'],
          ['Idempotency-Key', invocation.id],
          ['Content-Type', 'application/json'],
        ],
        body: JSON.stringify({ incident_id: 'Q1DBFULL7X2M', title: 'Database disk full on db-prod-3' }),
      },
    });
    expect(JSON.stringify(result)).not.toContain('sk-live');
    // A preview is not a send.
    expect(await db.count('log')).toBe(0);
  });

  it('refuses a disabled action and reports a missing value', async () => {
    const { db, action } = await setup(async () => new Response('ok'));
    expect(await previewAction(db, action.id, makeIncident({ title: undefined }), undefined, newInvocation())).toEqual({
      ok: false,
      error: 'No value on this page for {{incident.title}}: nothing was sent',
    });
    await saveAction(db, { ...action, enabled: false });
    expect(await previewAction(db, action.id, makeIncident(), undefined, newInvocation())).toEqual({
      ok: false,
      error: 'This action was deleted or disabled in the options page',
    });
  });
});

describe('what is sent is what was shown (design rule 10)', () => {
  const ACTION_CHANGED = 'The action changed while this dialog was open: check the request again';

  async function previewed(db: Database, actionId: string, invocation = newInvocation()) {
    const result = await previewAction(db, actionId, makeIncident(), undefined, invocation);
    if (!result.ok) throw new Error(result.error);
    return { invocation, digest: result.value.digest };
  }

  it('sends what the preview showed', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'));
    const { invocation, digest } = await previewed(db, action.id);
    const sent = await deliverAction(deps, action.id, makeIncident(), undefined, invocation, { shown: digest });
    expect(delivered(sent).outcome).toBe('delivered');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it.each<[string, (db: Database, action: Action) => Promise<unknown>]>([
    ['its URL', (db, action) => saveAction(db, { ...action, url: 'https://hooks.example.com/other' })],
    ['its body', (db, action) => saveAction(db, { ...action, body: '{"changed":true}' })],
    [
      'its signing choice',
      async (db, action) => {
        await saveSecret(db, { name: 'hook_key', value: 'whsec_abc', savedAt: 1, origins: [HOOKS] });
        await saveAction(db, { ...action, signing: { scheme: 'github', secrets: ['hook_key'] } });
      },
    ],
    ['a constant it reads', (db) => saveConstants(db, [{ name: 'region', value: 'eu-west-1' }])],
    [
      'the value of a secret it sends',
      (db) => saveSecret(db, { name: 'token', value: 'sk-rotated', savedAt: 2, origins: [HOOKS] }),
    ],
  ])('refuses a send after %s changed, with nothing sent or logged', async (_what, change) => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'), {
      action: {
        headers: [{ name: 'Authorization', value: 'Bearer {{secrets.token}}', secret: true }],
        body: '{"region":"{{constants.region}}"}',
      },
    });
    await saveSecret(db, { name: 'token', value: 'sk-live-1', savedAt: 1, origins: [HOOKS] });
    await saveConstants(db, [{ name: 'region', value: 'us-east-1' }]);
    const { invocation, digest } = await previewed(db, action.id);
    await change(db, action);
    const sent = await deliverAction(deps, action.id, makeIncident(), undefined, invocation, { shown: digest });
    expect(sent).toEqual({ ok: false, error: ACTION_CHANGED });
    expect(fetch).not.toHaveBeenCalled();
    expect(await db.count('log')).toBe(0);
    // Previewed again, the same confirmation sends.
    const again = await previewed(db, action.id, invocation);
    expect(again.digest).not.toBe(digest);
    const resent = await deliverAction(deps, action.id, makeIncident(), undefined, invocation, { shown: again.digest });
    expect(delivered(resent).outcome).toBe('delivered');
  });

  it('leaves a resend from the history, which previews nothing, as it was', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'));
    await saveAction(db, { ...action, url: 'https://hooks.example.com/other' });
    const sent = await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation(), { resentFrom: 'x' });
    expect(delivered(sent).outcome).toBe('delivered');
    expect(fetch.mock.calls[0]?.[0]).toBe('https://hooks.example.com/other');
  });
});

describe("the body cap (PagerDuty's 256 KB)", () => {
  const CAP = 256 * 1024;
  const body = '{"t":"{{incident.title}}"}'; // 8 bytes around the title
  const titleOf = (bytes: number) => 'a'.repeat(bytes - 8);

  it('sends a body of exactly 256 KB', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'), { action: { body } });
    const incident = makeIncident({ title: titleOf(CAP) });
    expect((await previewAction(db, action.id, incident, undefined, newInvocation())).ok).toBe(true);
    const delivery = delivered(await deliverAction(deps, action.id, incident, undefined, newInvocation()));
    expect(delivery.outcome).toBe('delivered');
    expect(fetch.mock.calls[0]?.[1].body).toHaveLength(CAP);
  });

  it('refuses one byte more in the preview, and a Send of it is logged as not sent, never queued', async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'), { action: { body } });
    const incident = makeIncident({ title: titleOf(CAP + 1) });
    const error =
      "The body is 257 KB, over this action's limit of 256 KB (PagerDuty drops webhooks over 256 KB): it is not sent";
    expect(await previewAction(db, action.id, incident, undefined, newInvocation())).toEqual({ ok: false, error });
    const delivery = delivered(await deliverAction(deps, action.id, incident, undefined, newInvocation()));
    expect(delivery).toMatchObject({ outcome: 'not-sent', error });
    expect(await onlyLogRow(db)).toMatchObject({ outcome: 'not-sent', error, attemptCount: 0 });
    expect(await db.count('outbox')).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('counts bytes, not characters: 131,073 two-byte characters are over', async () => {
    const { db, action } = await setup(async () => new Response('ok'), { action: { body } });
    const incident = makeIncident({ title: 'é'.repeat((CAP - 8) / 2 + 1) });
    const preview = await previewAction(db, action.id, incident, undefined, newInvocation());
    expect(preview.ok).toBe(false);
  });

  it("follows the action's own cap", async () => {
    const { db, action, fetch, deps } = await setup(async () => new Response('ok'), {
      action: { body, delivery: { timeoutSeconds: 16, maxAttempts: 5, giveUpAfterMinutes: 20, maxBodyKB: 1_024 } },
    });
    const incident = makeIncident({ title: titleOf(1024 * 1024) });
    expect((await previewAction(db, action.id, incident, undefined, newInvocation())).ok).toBe(true);
    expect(delivered(await deliverAction(deps, action.id, incident, undefined, newInvocation())).outcome).toBe(
      'delivered',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const over = makeIncident({ title: titleOf(1024 * 1024 + 1) });
    expect(await previewAction(db, action.id, over, undefined, newInvocation())).toMatchObject({ ok: false });
  });
});

describe('a secret goes only to the origins it is bound to (design rule 10)', () => {
  const REFUSED =
    'The secret token may be sent only to https://rundeck.example.com; this action sends to https://hooks.example.com: add the origin to the secret under Secrets';

  async function boundElsewhere() {
    const context = await setup(async () => new Response('ok'), {
      action: { headers: [], auth: { kind: 'bearer', secret: 'token' } },
    });
    await saveSecret(context.db, {
      name: 'token',
      value: 'sk-live-1',
      savedAt: 1,
      origins: ['https://rundeck.example.com'],
    });
    return context;
  }

  it('refuses the preview, naming the secret and both origins', async () => {
    const { db, action } = await boundElsewhere();
    expect(await previewAction(db, action.id, makeIncident(), undefined, newInvocation())).toEqual({
      ok: false,
      error: REFUSED,
    });
  });

  it('refuses a confirmed send: nothing fetched, logged as not sent with the reason', async () => {
    const { action, fetch, deps } = await boundElsewhere();
    await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation());
    expect(fetch).not.toHaveBeenCalled();
    const row = await onlyLogRow(deps.db);
    expect(row.outcome).toBe('not-sent');
    expect(row.error).toBe(REFUSED);
  });

  it('sends once the origin is added to the secret', async () => {
    const { db, action, fetch, deps } = await boundElsewhere();
    await saveSecret(db, {
      name: 'token',
      value: 'sk-live-1',
      savedAt: 1,
      origins: ['https://rundeck.example.com', HOOKS],
    });
    delivered(await deliverAction(deps, action.id, makeIncident(), undefined, newInvocation()));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('authorization')).toBe('Bearer sk-live-1');
  });
});
