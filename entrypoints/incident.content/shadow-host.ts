/** Our element on the page, its closed shadow root's place for the bar, and the container the dialogs render into. */
export interface ShadowHost {
  element: HTMLElement;
  barSlot: Element;
  dialogs: HTMLElement;
}

/**
 * The closed shadow root the UI lives in (what WXT's createShadowRootUi did, without its 7 kB): a fresh element name
 * per page, so page CSS and scripts cannot target it by name; the page's CSS reset at its border; key events kept
 * inside, so typing in our UI does not reach the page's shortcuts.
 */
export function createShadowHost(doc: Document, css: string): ShadowHost {
  const element = doc.createElement(`ia-${randomLetters(8)}`);
  const shadow = element.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `:host{all:initial !important;}\n${css}`;
  const container = doc.createElement('div');
  const barSlot = doc.createElement('div');
  const dialogs = doc.createElement('div');
  // The dialogs' box adds nothing to the layout (they are top-layer or fixed): the bar sits as it did alone.
  dialogs.style.display = 'contents';
  container.append(barSlot, dialogs);
  shadow.append(style, container);
  for (const type of ['keydown', 'keyup', 'keypress'])
    shadow.addEventListener(type, (event) => event.stopPropagation());
  return { element, barSlot, dialogs };
}

function randomLetters(count: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(count)), (byte) =>
    String.fromCharCode(97 + (byte % 26)),
  ).join('');
}
