import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerFrameApp } from '@/components/incident/AnswerFrameApp';
import type { FromFrame, ToFrame } from '@/components/incident/answer-channel';
import type { Prompt } from '@/lib/model/variables';

const PROMPTS: Prompt[] = [
  { name: 'reason', label: 'Reason', type: 'text', required: true },
  { name: 'count', label: 'Count', type: 'number', required: false },
];

let container: HTMLElement;
let channel: MessageChannel;
/** What the frame told the modal, in order. */
let told: FromFrame[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  channel = new MessageChannel();
  told = [];
  channel.port1.onmessage = (event) => told.push(event.data as FromFrame);
});
afterEach(() => {
  render(null, container);
  container.remove();
  channel.port1.close();
  channel.port2.close();
});

const tell = (message: ToFrame) => channel.port1.postMessage(message);

function start() {
  act(() => {
    render(<AnswerFrameApp port={channel.port2} />, container);
  });
}

describe('the question frame, inside', () => {
  it('says it is ready, then asks the questions it is given, starting from the answers so far', async () => {
    start();
    await vi.waitFor(() => expect(told[0]).toEqual({ type: 'ready' }));
    expect(container.querySelector('input')).toBeNull();
    tell({
      type: 'init',
      prompts: PROMPTS,
      answers: { reason: 'so far', count: '' },
      customFields: {},
      disabled: false,
    });
    await vi.waitFor(() =>
      expect(container.querySelector<HTMLInputElement>('#ia-prompt-reason')?.value).toBe('so far'),
    );
    expect([...container.querySelectorAll('label')].map((label) => label.textContent)).toEqual(['Reason *', 'Count']);
    await vi.waitFor(() => expect(told.some((message) => message.type === 'size')).toBe(true));
  });

  it('tells each answer as it is typed, and keeps its own over a later message', async () => {
    start();
    tell({ type: 'init', prompts: PROMPTS, answers: { reason: '', count: '' }, customFields: {}, disabled: false });
    const input = await vi.waitFor(() => {
      const found = container.querySelector<HTMLInputElement>('#ia-prompt-reason');
      if (!found) throw new Error('no field yet');
      return found;
    });
    act(() => {
      input.value = 'OPS-7';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await vi.waitFor(() => expect(told).toContainEqual({ type: 'answer', name: 'reason', value: 'OPS-7' }));
    tell({ type: 'disabled', disabled: true });
    await vi.waitFor(() => expect(container.querySelector('fieldset')?.disabled).toBe(true));
    expect(input.value).toBe('OPS-7');
  });

  it('does not pass on keys page script dispatches (untrusted): only a person’s Esc or Tab', async () => {
    start();
    await vi.waitFor(() => expect(told[0]).toEqual({ type: 'ready' }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    const trusted = new KeyboardEvent('keydown', { key: 'Tab' });
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    window.dispatchEvent(trusted);
    await vi.waitFor(() => expect(told).toContainEqual({ type: 'key', key: 'Tab' }));
    expect(told).not.toContainEqual({ type: 'key', key: 'Escape' });
  });
});
