import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAnswerFrame } from '@/entrypoints/answer-frame/main';

let root: HTMLElement;
let channels: MessageChannel[];

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  channels = [];
});
afterEach(() => {
  render(null, root);
  root.remove();
  for (const channel of channels) channel.port1.close();
});

/** A message to the frame's window with a fresh port, as the modal or a page posts it; answers what the port hears. */
function post(data: unknown) {
  const channel = new MessageChannel();
  channels.push(channel);
  const heard: unknown[] = [];
  channel.port1.onmessage = (event) => heard.push(event.data);
  window.dispatchEvent(new MessageEvent('message', { data, ports: [channel.port2] }));
  return heard;
}

describe('the question frame page', () => {
  it('answers only the port that came with its token, and only the first', async () => {
    startAnswerFrame(root, 'f00d');
    const page = [post({ token: 'guess' }), post({}), post('f00d')];
    const modal = post({ token: 'f00d' });
    const late = post({ token: 'f00d' });
    await vi.waitFor(() => expect(modal).toEqual([{ type: 'ready' }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page).toEqual([[], [], []]);
    expect(late).toEqual([]);
  });
});
