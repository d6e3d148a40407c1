/**
 * The steps the component tests take on a rendered screen: find a control, click, type, choose, press a key,
 * and wait for IndexedDB and Preact to settle. Each step runs inside `act`, so Preact has rendered (and run
 * its effects) before the test looks. The tests render into a container in `document.body`, the default scope.
 *
 * Not @testing-library/preact: 3.2.4 does work with Preact 11 and happy-dom (its fireEvent, queries and
 * waitFor were tried), but these tests find controls by selector and by a button's text, and its queries
 * would have meant rewriting every lookup the assertions read, for the same few steps as here.
 */
import { act } from 'preact/test-utils';

type Scope = ParentNode;
type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** The element `selector` finds; throws, naming it, when there is none. */
export function find<T extends Element = HTMLInputElement>(selector: string, scope: Scope = document.body): NoInfer<T> {
  const element = scope.querySelector<T>(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
}

/** The control with this aria-label. */
export const byLabel = (label: string, scope?: Scope) => find<HTMLInputElement>(`[aria-label="${label}"]`, scope);

/** The button whose text is `name` (not its aria-label: what a sighted user reads on it). */
export function buttonNamed(name: string, scope: Scope = document.body): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll('button')].find((button) => button.textContent?.trim() === name);
}

export async function click(name: string, scope: Scope = document.body): Promise<void> {
  const button = buttonNamed(name, scope);
  if (!button) throw new Error(`no button ${name}; page: ${pageText()}`);
  await act(() => button.click());
}

/**
 * Types into a field the way Preact sees it: the new value, the caret after it (as typing leaves it), then
 * an input event. `target` is the field or its selector.
 */
export async function type(target: TextControl | string, value: string): Promise<void> {
  const field = typeof target === 'string' ? find<TextControl>(target) : target;
  await act(() => {
    field.value = value;
    // Number fields have no caret.
    if (field.selectionStart !== null) field.setSelectionRange(value.length, value.length);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Ticks a checkbox (or unticks it), with the change event Preact listens to. */
export async function check(box: HTMLInputElement): Promise<void> {
  await act(() => {
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Chooses an option of a select, given as the element or its aria-label. */
export async function choose(target: HTMLSelectElement | string, value: string): Promise<void> {
  const select = typeof target === 'string' ? find<HTMLSelectElement>(`select[aria-label="${target}"]`) : target;
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export async function press(element: Element, key: string): Promise<void> {
  await act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** Lets IndexedDB and Preact settle until `get` finds something; fails after about two seconds, saying what. */
export async function until<T>(get: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = get();
    if (found) return found;
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`Timed out waiting for ${what}; page: ${pageText()}`);
}

const pageText = () => document.body.textContent?.slice(0, 800);
