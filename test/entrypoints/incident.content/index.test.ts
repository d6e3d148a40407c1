import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import definition from '@/entrypoints/incident.content/index';

afterEach(() => vi.restoreAllMocks());

describe('the incident content script on start', () => {
  it('posts no message to the page, and a second copy still replaces the first', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const heard = vi.fn();
    window.addEventListener('message', heard);
    const first = new ContentScriptContext('incident', definition);
    const second = new ContentScriptContext('incident', definition);

    expect(posted).not.toHaveBeenCalled();
    expect(heard).not.toHaveBeenCalled();
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    window.removeEventListener('message', heard);
  });
});
