import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AnswerFrame,
  type AnswerFrameState,
  FRAME_DID_NOT_LOAD,
  FRAME_LOAD_MS,
  FRAME_RELOADED,
} from '@/components/incident/AnswerFrame';
import type { FromFrame, ToFrame } from '@/components/incident/answer-channel';
import type { Prompt } from '@/lib/model/variables';

const PROMPTS: Prompt[] = [{ name: 'reason', label: 'Reason', type: 'text', required: true }];

let container: HTMLElement;
let states: AnswerFrameState[];
let changes: [string, string][];
let keys: string[];
/** What the content script posted to the frame's window: the handshake. */
let posted: { data: unknown; origin: string; transfer: Transferable[] }[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  states = [];
  changes = [];
  keys = [];
  posted = [];
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.useRealTimers();
});

function mount(disabled = false) {
  act(() => {
    render(
      <AnswerFrame
        prompts={PROMPTS}
        answers={{ reason: 'first' }}
        customFields={{}}
        disabled={disabled}
        onChange={(name, value) => changes.push([name, value])}
        onState={(state) => states.push(state)}
        onKey={(key) => keys.push(key)}
      />,
      container,
    );
  });
  const frame = container.querySelector('iframe');
  if (!frame) throw new Error('no frame');
  // The frame's window as the content script sees it: only its postMessage is used.
  Object.defineProperty(frame, 'contentWindow', {
    value: {
      postMessage: (data: unknown, origin: string, transfer: Transferable[]) => posted.push({ data, origin, transfer }),
    },
  });
  return frame;
}

/** The frame's end of the channel, after the frame loaded: what a framed AnswerFrameApp would hold. */
function load(frame: HTMLIFrameElement) {
  act(() => {
    frame.dispatchEvent(new Event('load'));
  });
  const port = posted.at(-1)?.transfer[0] as MessagePort;
  const heard: ToFrame[] = [];
  port.onmessage = (event) => heard.push(event.data as ToFrame);
  return { port, heard, say: (message: FromFrame) => port.postMessage(message) };
}

describe('the question frame, from the modal', () => {
  it('hands its port over with the token of its URL, to the extension origin only', () => {
    const frame = mount();
    expect(frame.src).toMatch(/^chrome-extension:\/\/[^/]+\/answer-frame\.html#[0-9a-f]{32}$/);
    load(frame);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.data).toEqual({ token: frame.src.split('#')[1] });
    expect(posted[0]?.origin).toMatch(/^chrome-extension:\/\/[^/]+$/);
    expect(container.textContent).toContain('Loading the questions…');
    expect(states).toEqual([]);
  });

  it('once the frame is ready, gives it the questions and the answers so far, and takes its answers and keys', async () => {
    const frame = mount();
    const { heard, say, port } = load(frame);
    say({ type: 'ready' });
    await vi.waitFor(() => expect(states).toEqual(['ready']));
    await vi.waitFor(() =>
      expect(heard[0]).toMatchObject({ type: 'init', prompts: PROMPTS, answers: { reason: 'first' } }),
    );
    say({ type: 'answer', name: 'reason', value: 'OPS-42' });
    say({ type: 'answer', name: 'other', value: 'forged' });
    say({ type: 'key', key: 'Escape' });
    say({ type: 'size', height: 57 });
    await vi.waitFor(() => expect(frame.style.height).toBe('57px'));
    expect(changes).toEqual([['reason', 'OPS-42']]);
    expect(keys).toEqual(['Escape']);
    expect(container.textContent).not.toContain('Loading the questions…');
    port.close();
  });

  it('drops a frame that loads a second time (navigated by the page, or moved) and says why', async () => {
    const frame = mount();
    const { say, port } = load(frame);
    say({ type: 'ready' });
    await vi.waitFor(() => expect(states).toEqual(['ready']));
    act(() => {
      frame.dispatchEvent(new Event('load'));
    });
    expect(states).toEqual(['ready', 'failed']);
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(FRAME_RELOADED);
    // Its answers are not taken any more.
    say({ type: 'answer', name: 'reason', value: 'late' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).toEqual([]);
    expect(posted).toHaveLength(1);
    port.close();
  });

  it('says the questions did not load when the frame never answers, instead of an empty answer', () => {
    vi.useFakeTimers();
    const frame = mount();
    load(frame);
    act(() => {
      vi.advanceTimersByTime(FRAME_LOAD_MS);
    });
    expect(states).toEqual(['failed']);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(FRAME_DID_NOT_LOAD);
  });
});
