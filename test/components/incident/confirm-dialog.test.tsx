import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARM_DELAY_MS, ARM_HINT, ConfirmDialog } from '@/components/incident/ConfirmDialog';
import { IncidentDialogs } from '@/components/incident/IncidentDialogs';
import { COVER_CHECK_MS, COVERED } from '@/components/incident/visibility-guard';
import { clockTime } from '@/components/shared/time';
import { fail, ok } from '@/lib/core/result';
import { ACTION_CHANGED, askBackground } from '@/lib/messaging/content-client';
import type { ContentRequest, Delivery, Preview } from '@/lib/messaging/messages';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentValues } from '@/lib/model/incident-values';
import type { IncidentRun } from '@/lib/model/log-entry';
import { MASK } from '@/lib/render/mask';
import { makeIncident } from '../../support/builders';

// The dialog talks to the background only through askBackground: replace it with a recording fake.
vi.mock('@/lib/messaging/content-client', async (original) => ({
  ...(await original<typeof import('@/lib/messaging/content-client')>()),
  askBackground: vi.fn(),
}));
const ask = vi.mocked(askBackground);

/*
 * happy-dom events have no `isTrusted` (it reads undefined, i.e. false), which is what page script gets
 * with `button.click()` or `dispatchEvent`. A real trusted click cannot be made here: the e2e covers it.
 * `trustedClick` forges the flag on a synthetic event only as a control, to show that the flag is the one
 * thing standing between a synthetic click and the action.
 */
function trustedClick(target: Element, detail = 0) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, detail });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

/** Where a test lays out a button (happy-dom has no layout): a box in the viewport. */
const BOX = { left: 100, top: 100, width: 80, height: 30, right: 180, bottom: 130, x: 100, y: 100 };
let placed: Element | undefined;
function placeAt(target: Element, box = BOX) {
  target.getBoundingClientRect = () => ({ ...box, toJSON: () => box }) as DOMRect;
  placed = target;
}

/** A real pointer moving to a viewport point, as the window sees it (the flag forged as in trustedClick). */
function trustedPointer(type: string, x: number, y: number) {
  const event = new MouseEvent(type, { bubbles: true, clientX: x, clientY: y });
  Object.defineProperty(event, 'isTrusted', { value: true });
  window.dispatchEvent(event);
}

/** A person's click: the pointer moves from outside onto the button, then clicks it (detail 1: a pointer's). */
function personClick(target: Element) {
  placeAt(target);
  trustedPointer('pointermove', 10, 10);
  trustedPointer('pointermove', BOX.left + 40, BOX.top + 15);
  trustedClick(target, 1);
}

const ACTION: ActionButton = { id: 'action-1', label: 'Restart server' };
const INCIDENT = makeIncident({ title: 'He said "restart"\n</script><img src=x onerror=alert(1)>' });
const PREVIEW: Preview = {
  actionLabel: 'Restart server',
  request: {
    method: 'POST',
    url: 'https://hooks.example.com/run/Q1DBFULL7X2M',
    headers: [
      ['Authorization', MASK],
      ['X-Trace', 'trace-Q1DBFULL7X2M'],
    ],
    body: JSON.stringify({ title: '</script><img src=x onerror=alert(2)>' }),
  },
  digest: 'a'.repeat(64),
};
/** The incident as the vendor's API completed it: what the preview and the send must use. */
const COMPLETED = { ...INCIDENT, priority: 'P1', custom_fields: { region: 'us-east-1' } };
const loadValues = vi.fn(
  async (_page: IncidentSnapshot): Promise<IncidentValues> => ({ incident: COMPLETED, from: 'session' }),
);

/** The dialog's own run (log-1) as the incident's runs list it once delivered; override any field. */
const ownRun = (overrides: Partial<IncidentRun>): IncidentRun => ({
  id: 'log-1',
  actionId: ACTION.id,
  actionLabel: ACTION.label,
  incident: { site: INCIDENT.site, id: INCIDENT.id, url: INCIDENT.url },
  outcome: 'delivered',
  attemptCount: 1,
  createdAt: 1,
  ...overrides,
});

const DELIVERY: Delivery = { logId: 'log-1', outcome: 'delivered', httpStatus: 202, latencyMs: 12 };

let container: HTMLElement;
let host: HTMLElement;
/** What the fake background answers; a test may replace it. */
let answer: (request: ContentRequest) => unknown;
/** Holds every reply until opened, so a test can let the preview land inside `act`. */
let gate: Promise<void>;

beforeEach(() => {
  // As on a real page, the UI lives in a shadow root of its own host element.
  host = document.createElement('ia-test-host');
  document.body.append(host);
  container = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(container);
  // The hit test at the placed button, as a browser would answer it with nothing of the page above it.
  placed = undefined;
  document.elementsFromPoint = () => [host, document.body];
  shadow.elementsFromPoint = () => (placed ? [placed] : []);
  gate = Promise.resolve();
  answer = (request) => {
    if (request.type === 'previewRequest') return ok(PREVIEW);
    if (request.type === 'sendAction') return ok(DELIVERY);
    return ok([]);
  };
  ask.mockReset();
  ask.mockImplementation((async (request: ContentRequest) => {
    await gate;
    return answer(request);
  }) as typeof askBackground);
});

afterEach(() => {
  render(null, container);
  host.remove();
  vi.useRealTimers();
});

const buttonNamed = (name: string) =>
  [...container.querySelectorAll('button')].find((button) => button.textContent?.trim() === name);

const sendCalls = () => ask.mock.calls.filter(([request]) => request.type === 'sendAction');

describe('ConfirmDialog', () => {
  /** Renders the dialog and lets the preview reply arrive. */
  async function openDialog(onClose = () => {}, runs?: IncidentRun[]) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let release = () => {};
    gate = new Promise((resolve) => {
      release = resolve;
    });
    // First act: render and run the mount effect, which asks for the preview (held at the gate).
    await act(() => {
      render(
        <ConfirmDialog action={ACTION} incident={INCIDENT} onClose={onClose} loadValues={loadValues} runs={runs} />,
        container,
      );
    });
    // Second act: the incident's values load; their re-render asks for the preview (held at the gate).
    await act(async () => {
      await loadValues.mock.results.at(-1)?.value;
    });
    // Third act: release the reply, so its re-render and effects (the arming timer) flush here.
    await act(async () => {
      release();
      await ask.mock.results[0]?.value;
    });
    const dialog = container.querySelector('dialog');
    if (!dialog) throw new Error('no dialog');
    return dialog;
  }

  const arm = () =>
    act(() => {
      vi.advanceTimersByTime(ARM_DELAY_MS);
    });

  /** A person's click on the named button, and the background's reply to it landing inside act. */
  const clickAndAwaitReply = (name: string) =>
    act(async () => {
      const target = buttonNamed(name);
      if (target) personClick(target);
      await ask.mock.results.at(-1)?.value;
    });

  it('opens as a modal and asks the background for the preview, by action id and the completed incident only', async () => {
    const dialog = await openDialog();
    expect(dialog.open).toBe(true);
    expect(loadValues).toHaveBeenCalledWith(INCIDENT);
    expect(ask).toHaveBeenCalledExactlyOnceWith({
      type: 'previewRequest',
      actionId: ACTION.id,
      incident: COMPLETED,
      invocation: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), createdAt: expect.any(Number) },
    });
    expect(dialog.querySelector('.values-source')?.textContent).toBe("Values from the vendor's API (your session)");
  });

  it("says the values are the page's, and why, when the API could not help", async () => {
    loadValues.mockResolvedValueOnce({
      incident: INCIDENT,
      from: 'page',
      problem: 'PagerDuty API answered 401 (signed out, or the token is wrong)',
    });
    const dialog = await openDialog();
    expect(dialog.querySelector('.values-source')?.textContent).toBe(
      'Values from the page: PagerDuty API answered 401 (signed out, or the token is wrong)',
    );
    expect(ask).toHaveBeenCalledExactlyOnceWith({
      type: 'previewRequest',
      actionId: ACTION.id,
      incident: INCIDENT,
      invocation: expect.any(Object),
    });
  });

  it("shows the background's preview as text, with the masked header as given", async () => {
    const dialog = await openDialog();
    const text = dialog.textContent ?? '';
    expect(text).toContain('Run “Restart server”?');
    expect(text).toContain('POST https://hooks.example.com/run/Q1DBFULL7X2M');
    const rows = [...dialog.querySelectorAll('table.headers tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['Authorization', MASK],
      ['X-Trace', 'trace-Q1DBFULL7X2M'],
    ]);
    expect(dialog.querySelector('pre.body')?.textContent).toBe(
      JSON.stringify({ title: '</script><img src=x onerror=alert(2)>' }, null, 2),
    );
    // Hostile incident and body text is shown, never parsed as markup.
    expect(text).toContain('</script><img src=x onerror=alert(1)>');
    expect(dialog.querySelector('img, script')).toBeNull();
  });

  it('keeps Send disarmed for ARM_DELAY_MS, even against a trusted-looking click', async () => {
    await openDialog();
    const send = buttonNamed('Send');
    expect(send?.disabled).toBe(true);
    await act(() => {
      vi.advanceTimersByTime(ARM_DELAY_MS - 1);
    });
    expect(send?.disabled).toBe(true);
    await act(async () => {
      if (send) personClick(send);
    });
    expect(sendCalls()).toHaveLength(0);

    await act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(send?.disabled).toBe(false);
  });

  it('never sends on a synthetic click on an armed Send', async () => {
    const dialog = await openDialog();
    await arm();
    const send = buttonNamed('Send');
    expect(send?.disabled).toBe(false);

    await act(async () => {
      send?.click();
      send?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(sendCalls()).toHaveLength(0);
    expect(dialog.textContent).not.toContain('Sending');
    expect(dialog.open).toBe(true);

    // Control: the same armed button does send on a click carrying the trusted flag, and shows the outcome.
    await act(async () => {
      if (send) personClick(send);
      await ask.mock.results.at(-1)?.value; // the delivery reply, landing inside act
    });
    // The send carries the confirmation the preview was rendered for.
    const previewed = ask.mock.calls.find(([request]) => request.type === 'previewRequest')?.[0];
    const invocation = previewed && 'invocation' in previewed ? previewed.invocation : undefined;
    expect(invocation).toBeDefined();
    expect(sendCalls()).toEqual([
      [{ type: 'sendAction', actionId: ACTION.id, incident: COMPLETED, invocation, shown: PREVIEW.digest }],
    ]);
    expect(dialog.textContent).toContain('Delivered · HTTP 202 · 12 ms');
    expect(buttonNamed('Send')).toBeUndefined();
    expect(buttonNamed('Close')).toBeDefined();
  });

  it('previews again when the action changed under it, and sends the new request only after a new click', async () => {
    const CHANGED: Preview = {
      ...PREVIEW,
      request: { ...PREVIEW.request, url: 'https://elsewhere.example.com/new' },
      digest: 'b'.repeat(64),
    };
    let current = PREVIEW;
    answer = (request) => {
      if (request.type === 'previewRequest') return ok(current);
      if (request.type === 'sendAction' && request.shown !== current.digest) return fail(ACTION_CHANGED);
      return ok(DELIVERY);
    };
    const dialog = await openDialog();
    await arm();
    current = CHANGED; // edited in the options page while the modal is open
    await act(async () => {
      const send = buttonNamed('Send');
      if (send) personClick(send);
      await ask.mock.results.at(-1)?.value;
    });
    expect(buttonNamed('Send')?.disabled).toBe(true);
    await act(async () => {
      await ask.mock.results.at(-1)?.value; // the new preview
    });
    await arm();
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(ACTION_CHANGED);
    expect(dialog.textContent).toContain('https://elsewhere.example.com/new');
    expect(sendCalls()).toHaveLength(1);

    await act(async () => {
      const send = buttonNamed('Send');
      if (send) personClick(send);
      await ask.mock.results.at(-1)?.value;
    });
    expect(sendCalls().map(([request]) => request.type === 'sendAction' && request.shown)).toEqual([
      PREVIEW.digest,
      CHANGED.digest,
    ]);
    expect(dialog.textContent).toContain('Delivered · HTTP 202');
  });

  it('ignores a click by a pointer that never moved onto Send, says why, and sends once it does', async () => {
    const dialog = await openDialog();
    await arm();
    const send = buttonNamed('Send');
    if (!send) throw new Error('no Send');
    expect(dialog.textContent).toContain(ARM_HINT);
    expect(send.getAttribute('aria-describedby')).toBe('ia-arm-hint');
    // The lure: Send appeared under a pointer already there; the browser repeats its position, then a click.
    placeAt(send);
    await act(async () => {
      trustedPointer('pointermove', 140, 115);
      trustedPointer('pointermove', 140, 115);
      trustedPointer('pointerdown', 140, 115);
      trustedClick(send, 1);
    });
    expect(sendCalls()).toHaveLength(0);
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(ARM_HINT);

    await clickAndAwaitReply('Send');
    expect(sendCalls()).toHaveLength(1);
  });

  it('ignores a pointer that moved onto Send before it was offered', async () => {
    await openDialog();
    const send = buttonNamed('Send');
    if (!send) throw new Error('no Send');
    placeAt(send);
    await act(async () => {
      trustedPointer('pointermove', 10, 10);
      trustedPointer('pointermove', 140, 115);
    });
    await arm();
    await act(async () => trustedClick(send, 1));
    expect(sendCalls()).toHaveLength(0);
  });

  it('sends from the keyboard once Tab reached Send, and not from focus that Tab did not bring', async () => {
    const dialog = await openDialog();
    await arm();
    const send = buttonNamed('Send');
    if (!send) throw new Error('no Send');
    const key = (key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true });
      Object.defineProperty(event, 'isTrusted', { value: true });
      (dialog.querySelector(':focus') ?? send).dispatchEvent(event);
    };
    // Focus moved there by other means (page script cannot reach in, but a click or our own code could).
    await act(async () => {
      send.focus();
      key('Enter');
      trustedClick(send); // a keyboard's click: detail 0
    });
    expect(sendCalls()).toHaveLength(0);

    await act(async () => {
      send.blur();
      key('Tab');
      send.focus();
      key('Enter');
      trustedClick(send);
      await ask.mock.results.at(-1)?.value;
    });
    expect(sendCalls()).toHaveLength(1);
  });

  it('turns Send off while page content is open in the top layer, from a shadow root too', async () => {
    const dialog = await openDialog();
    await arm();
    const pageHost = document.createElement('div');
    document.body.append(pageHost);
    const theirs = pageHost.attachShadow({ mode: 'open' });
    theirs.append(document.createElement('div'));
    // happy-dom has no top layer: the page's root answers its popover as open.
    vi.spyOn(theirs, 'querySelector').mockImplementation(() => theirs.firstElementChild);
    await act(() => {
      vi.advanceTimersByTime(COVER_CHECK_MS);
    });
    expect(buttonNamed('Send')?.disabled).toBe(true);
    expect(dialog.textContent).toContain(COVERED);
    await act(async () => {
      const send = buttonNamed('Send');
      if (send) personClick(send);
    });
    expect(sendCalls()).toHaveLength(0);

    vi.restoreAllMocks();
    await act(() => {
      vi.advanceTimersByTime(COVER_CHECK_MS);
    });
    expect(buttonNamed('Send')?.disabled).toBe(false);
    pageHost.remove();
  });

  it('refuses at the click itself when the hit test finds the page above Send', async () => {
    const dialog = await openDialog();
    await arm();
    const send = buttonNamed('Send');
    if (!send) throw new Error('no Send');
    const cover = document.createElement('div');
    document.elementsFromPoint = () => [cover, host];
    await act(async () => personClick(send));
    expect(sendCalls()).toHaveLength(0);
    expect(dialog.textContent).toContain(COVERED);
  });

  it('shows why a preview failed and offers no Send', async () => {
    answer = () => fail('No value on this page for {{incident.title}}: nothing was sent');
    const dialog = await openDialog();
    await arm();
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe(
      'No value on this page for {{incident.title}}: nothing was sent',
    );
    expect(buttonNamed('Send')).toBeUndefined();
    expect(buttonNamed('Close')).toBeDefined();
  });

  it('closes on Cancel without sending', async () => {
    const onClose = vi.fn();
    const dialog = await openDialog(onClose);
    await arm();
    await act(async () => buttonNamed('Cancel')?.click());
    expect(dialog.open).toBe(false);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(sendCalls()).toHaveLength(0);
  });

  it('follows its run through retries: the reply says retrying, the live run says how it ended', async () => {
    const retrying: Delivery = {
      logId: 'log-1',
      outcome: 'retrying',
      httpStatus: 503,
      attemptCount: 1,
      maxAttempts: 5,
      nextAttemptAt: Date.parse('2026-11-24T10:00:05Z'),
      error: 'HTTP 503',
    };
    answer = (request) => (request.type === 'previewRequest' ? ok(PREVIEW) : ok(retrying));
    const dialog = await openDialog();
    await arm();
    await clickAndAwaitReply('Send');
    expect(dialog.textContent).toContain('Retrying · HTTP 503');
    expect(dialog.textContent).toContain('Attempt 2 of 5 at');
    expect(dialog.textContent).toContain('You can close this dialog: a notification will say how it ends.');

    // The log changed: the incident's runs now hold this one, final. Same dialog, new runs.
    const run = ownRun({ httpStatus: 200, attemptCount: 2, lastResponse: '{"job":7}' });
    await act(() => {
      render(
        <ConfirmDialog action={ACTION} incident={INCIDENT} onClose={() => {}} loadValues={loadValues} runs={[run]} />,
        container,
      );
    });
    expect(dialog.textContent).toContain('Delivered · HTTP 200 · 2 attempts');
    expect(dialog.textContent).toContain('{"job":7}');
    expect(dialog.textContent).not.toContain('Attempt 2 of 5');
  });

  it('keeps the outcome after Send when the page renders it again with a new loadValues and new runs', async () => {
    const dialog = await openDialog();
    await arm();
    await clickAndAwaitReply('Send');
    expect(dialog.textContent).toContain('Delivered · HTTP 202');
    const previews = () => ask.mock.calls.filter(([request]) => request.type === 'previewRequest').length;
    const before = previews();
    const reload = vi.fn(
      async (_page: IncidentSnapshot): Promise<IncidentValues> => ({ incident: COMPLETED, from: 'session' }),
    );
    const run = ownRun({ httpStatus: 202, attemptCount: 1 });
    await act(async () => {
      render(
        <ConfirmDialog action={ACTION} incident={INCIDENT} onClose={() => {}} loadValues={reload} runs={[run]} />,
        container,
      );
      vi.advanceTimersByTime(1_000);
    });
    expect(reload).not.toHaveBeenCalled();
    expect(previews()).toBe(before);
    expect(dialog.textContent).toContain('Delivered · HTTP 202');
    expect(buttonNamed('Send')).toBeUndefined();
  });

  describe('an earlier run of this action on this incident still pending', () => {
    const EARLIER = { id: 'log-0', createdAt: Date.parse('2026-11-24T14:02:00Z') };
    const at = clockTime(EARLIER.createdAt);
    beforeEach(() => {
      const previewed: Preview = { ...PREVIEW, queuedBehind: { ...EARLIER, outcome: 'retrying' } };
      answer = (request) => {
        if (request.type === 'previewRequest') return ok(previewed);
        if (request.type === 'sendAction') {
          return ok<Delivery>(
            request.sendNow
              ? { ...DELIVERY, sentAhead: EARLIER }
              : { logId: 'log-1', outcome: 'queued', attemptCount: 0, queuedBehind: EARLIER },
          );
        }
        return ok([]);
      };
    });

    it('says before Send that it would be queued behind it, and Send queues it', async () => {
      const dialog = await openDialog();
      await arm();
      expect(dialog.textContent).toContain(`Queued behind the run of ${at} (retrying): Send waits until it ends`);
      expect(buttonNamed('Send now')?.disabled).toBe(false);
      await clickAndAwaitReply('Send');
      expect(sendCalls()).toHaveLength(1);
      expect(sendCalls()[0]?.[0]).not.toHaveProperty('sendNow');
      expect(dialog.textContent).toContain(`Queued behind the run of ${at}: sent when that run ends`);
      expect(buttonNamed('Send now')).toBeUndefined();
    });

    it('sends it now when the responder chooses so, and says it went ahead', async () => {
      const dialog = await openDialog();
      await arm();
      await act(async () => {
        const sendNow = buttonNamed('Send now');
        sendNow?.click(); // page script: nothing
        if (sendNow) personClick(sendNow);
        await ask.mock.results.at(-1)?.value;
      });
      expect(sendCalls()).toHaveLength(1);
      expect(sendCalls()[0]?.[0]).toMatchObject({ type: 'sendAction', sendNow: true });
      expect(dialog.textContent).toContain('Delivered');
      expect(dialog.textContent).toContain(`Sent now, ahead of the run of ${at}, by the responder's choice`);
    });
  });
});

describe('the runs on the incident', () => {
  it('lists this incident’s runs, live, as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const runs: IncidentRun[] = [
      {
        id: 'r1',
        actionId: ACTION.id,
        actionLabel: 'Restart server',
        incident: { site: INCIDENT.site, id: INCIDENT.id, url: INCIDENT.url },
        who: 'Dana Ops',
        outcome: 'rejected',
        httpStatus: 500,
        attemptCount: 3,
        error: 'Gave up after 3 attempts: HTTP 500',
        createdAt: 1,
        lastResponse: hostile,
        note: { outcome: 'posted' },
      },
    ];
    // The bar's loader follows the runs (incident-runs.ts) and hands them over; the dialogs draw them as text.
    await act(async () => {
      render(
        <IncidentDialogs
          runs={runs}
          runsOpen={true}
          fixing={false}
          loadValues={loadValues}
          onCloseConfirm={() => {}}
          onCloseRuns={() => {}}
          onCloseFix={() => {}}
        />,
        container,
      );
    });
    const timeline = container.querySelector('[aria-label="Runs on this incident"]');
    expect(timeline?.textContent).toContain('Restart server · Rejected · HTTP 500 · 3 attempts');
    expect(timeline?.textContent).toContain('by Dana Ops');
    expect(timeline?.textContent).toContain('Noted on the incident');
    expect(timeline?.querySelector('pre')?.textContent).toBe(hostile);
    expect(timeline?.querySelector('img')).toBeNull();
  });
});

describe('ConfirmDialog with questions', () => {
  const ASKING: ActionButton = {
    ...ACTION,
    prompts: [{ name: 'reason', label: 'Reason', type: 'text', required: false, default: 'routine' }],
  };

  it('asks them in the extension’s frame, keeps Send off until the frame answers, and lets its Esc cancel', async () => {
    const onClose = vi.fn();
    act(() => {
      render(
        <ConfirmDialog action={ASKING} incident={INCIDENT} onClose={onClose} loadValues={loadValues} />,
        container,
      );
    });
    await vi.waitFor(() => expect(container.querySelector('iframe')).not.toBeNull());
    // No field of the page's document holds an answer: only the frame does.
    expect(container.querySelector('input, select')).toBeNull();
    expect(container.textContent).toContain('Loading the questions…');
    await vi.waitFor(() =>
      expect(ask).toHaveBeenCalledWith(expect.objectContaining({ answers: { reason: 'routine' } })),
    );
    await new Promise((resolve) => setTimeout(resolve, ARM_DELAY_MS + 50));
    expect(buttonNamed('Send')?.disabled).toBe(true);

    const frame = container.querySelector('iframe') as HTMLIFrameElement;
    let port: MessagePort | undefined;
    Object.defineProperty(frame, 'contentWindow', {
      value: { postMessage: (_data: unknown, _origin: string, transfer: MessagePort[]) => (port = transfer[0]) },
    });
    act(() => {
      frame.dispatchEvent(new Event('load'));
    });
    port?.postMessage({ type: 'ready' });
    await vi.waitFor(() => expect(container.textContent).not.toContain('Loading the questions…'));
    port?.postMessage({ type: 'answer', name: 'reason', value: 'OPS-9' });
    await vi.waitFor(() => expect(ask).toHaveBeenCalledWith(expect.objectContaining({ answers: { reason: 'OPS-9' } })));
    port?.postMessage({ type: 'key', key: 'Escape' });
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    port?.close();
  });
});
