import { expect, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Starts two copies of a content script's context, as a re-injection does: neither posts a window message the page
 * could hear (WXT's start-up `postMessage` is off), and the second still replaces the first.
 */
export function expectQuietReplacingStart(
  name: string,
  definition: ConstructorParameters<typeof ContentScriptContext>[1],
): void {
  const posted = vi.spyOn(window, 'postMessage');
  const heard = vi.fn();
  window.addEventListener('message', heard);
  const first = new ContentScriptContext(name, definition);
  const second = new ContentScriptContext(name, definition);

  expect(posted).not.toHaveBeenCalled();
  expect(heard).not.toHaveBeenCalled();
  expect(first.signal.aborted).toBe(true);
  expect(second.signal.aborted).toBe(false);
  window.removeEventListener('message', heard);
  second.abort();
}
