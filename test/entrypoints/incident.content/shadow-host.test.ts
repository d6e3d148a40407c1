import { describe, expect, it, vi } from 'vitest';
import { createShadowHost } from '@/entrypoints/incident.content/shadow-host';

describe('createShadowHost', () => {
  it('makes a fresh element name each time, with a closed shadow root the page cannot open', () => {
    const first = createShadowHost(document, '.bar{}');
    const second = createShadowHost(document, '.bar{}');
    expect(first.element.localName).toMatch(/^ia-[a-z]{8}$/);
    expect(first.element.localName).not.toBe(second.element.localName);
    expect(first.element.shadowRoot).toBeNull();
  });

  it('keeps key events inside, so typing in our UI does not reach the page’s shortcuts', () => {
    const host = createShadowHost(document, '');
    document.body.append(host.element);
    const heard = vi.fn();
    document.addEventListener('keydown', heard);
    const field = document.createElement('button');
    host.dialogs.append(field);
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true, composed: true }));
    expect(heard).not.toHaveBeenCalled();
    document.removeEventListener('keydown', heard);
    host.element.remove();
  });

  it('holds the bar’s place and the dialogs’ container, which adds no box of its own', () => {
    const host = createShadowHost(document, '');
    expect(host.barSlot.getRootNode()).toBe(host.dialogs.getRootNode());
    expect(host.dialogs.style.display).toBe('contents');
  });
});
