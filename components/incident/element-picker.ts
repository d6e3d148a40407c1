/**
 * Lets the responder point at an element of the vendor's page (where the buttons dock, the element that holds a
 * field) when the vendor's markup has changed. Plain DOM, no Preact: it ships in the content script.
 *
 * Everything the picker draws lives in its own closed shadow root, under a random element name, so page CSS
 * can neither style nor hide it. While it is active, the responder's clicks and keys go to the picker only:
 * picking the page's Acknowledge button must not acknowledge the incident.
 */

export interface PickOptions {
  doc: Document;
  /** Shown in the picker's banner, e.g. "Click where the buttons should go". */
  prompt: string;
  /** Elements that cannot be chosen (our own shadow host, html/body); the highlight skips to the nearest acceptable ancestor. */
  accept?: (element: Element) => boolean;
  /** What the banner shows for the highlighted element, e.g. the value it would read; bounded by the caller. */
  describe?: (element: Element) => string;
  signal?: AbortSignal;
}

/**
 * Only the responder's own input counts: page script can dispatch clicks and keys (`isTrusted` false), and must
 * not be able to choose for them. Applies to pointer and keyboard input alike.
 */
export function isTrustedInput(event: Event): boolean {
  return event.isTrusted === true;
}

/** A name nothing on the page can know in advance: `ia-` and 8 random letters. */
function randomHostName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `ia-${Array.from(bytes, (byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
}

/** Cancels the picker that is active, if any: one at a time. */
let cancelActive: (() => void) | undefined;

const MAX_TEXT = 300;
const POINTER_BLOCKED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick'];
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'overflow: visible',
  'z-index: 2147483647',
  'pointer-events: none',
  'visibility: visible',
  'opacity: 1',
]
  .map((rule) => `${rule} !important`)
  .join('; ');
const CSS = `
.box { position: fixed; top: 0; left: 0; box-sizing: border-box; pointer-events: none;
  border: 2px solid #d93f0b; background: rgba(217, 63, 11, 0.12); border-radius: 2px; }
.box[hidden], .banner [hidden] { display: none; }
.banner { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); pointer-events: auto;
  box-sizing: border-box; width: max-content; max-width: min(560px, calc(100vw - 32px)); padding: 12px 14px;
  border-radius: 8px; background: #1f2328; color: #fff; font: 14px/1.4 system-ui, sans-serif;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); }
.banner.top { top: 16px; bottom: auto; }
p { margin: 0 0 6px; overflow-wrap: anywhere; }
.prompt { font-weight: 600; }
.target { font-family: ui-monospace, monospace; font-size: 13px; max-height: 6em; overflow: hidden; }
.label { color: #ffb38a; }
.hints { color: #c9d1d9; font-size: 12px; }
.buttons { display: flex; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #8b949e; background: #2d333b;
  color: #fff; cursor: pointer; }
button.choose { background: #d93f0b; border-color: #d93f0b; }
button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
`;

/** The element above, crossing out of open shadow roots (a vendor's web components). */
function parentOf(element: Element): Element | undefined {
  const parent = element.parentNode;
  if (!parent) return undefined;
  if (parent.nodeType === 1) return parent as Element;
  return (parent as ShadowRoot).host ?? undefined;
}

function isElement(node: unknown): node is Element {
  return (node as Node | null)?.nodeType === 1;
}

/** A short, bounded name for an element: `div#id.class.class`. */
function shortLabel(element: Element): string {
  let label = element.localName;
  if (element.id) label += `#${element.id.slice(0, 40)}`;
  for (const name of Array.from(element.classList).slice(0, 2)) label += `.${name.slice(0, 30)}`;
  return label;
}

function create<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

/** Resolves with the chosen element, or undefined when cancelled (Esc, the Cancel button, the signal). */
export function pickElement(options: PickOptions): Promise<Element | undefined> {
  cancelActive?.();
  const { doc, prompt, accept, describe, signal } = options;
  const win = doc.defaultView;
  if (!win || signal?.aborted) return Promise.resolve(undefined);

  return new Promise((resolve) => {
    const listeners = new AbortController();
    const capture = { capture: true, signal: listeners.signal };
    const passive = { ...capture, passive: true };

    const host = doc.createElement(randomHostName());
    host.style.cssText = HOST_STYLE;
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    const box = create(doc, 'div', 'box');
    box.hidden = true;
    const banner = create(doc, 'div', 'banner');
    banner.setAttribute('role', 'dialog');
    banner.setAttribute('aria-label', 'Pick an element');
    const target = create(doc, 'p', 'target');
    target.setAttribute('aria-live', 'polite');
    const label = create(doc, 'span', 'label', 'Nothing highlighted');
    const description = create(doc, 'span', 'description');
    target.append(label, description);
    const cancelButton = create(doc, 'button', 'cancel', 'Cancel');
    const chooseButton = create(doc, 'button', 'choose', 'Choose');
    cancelButton.type = chooseButton.type = 'button';
    const buttons = create(doc, 'div', 'buttons');
    buttons.append(cancelButton, chooseButton);
    banner.append(
      create(doc, 'p', 'prompt', prompt),
      target,
      create(doc, 'p', 'hints', '↑ parent · ↓ child · ← → sibling · Enter choose · Esc cancel · or click it'),
      buttons,
    );
    shadow.append(style, box, banner);

    const acceptable = (element: Element) =>
      element !== host &&
      element !== doc.documentElement &&
      !(doc.head?.contains(element) ?? false) &&
      (accept?.(element) ?? true);
    const nearestAcceptable = (from: Element | undefined) => {
      let element = from;
      while (element && !acceptable(element)) element = parentOf(element);
      return element;
    };
    const firstAcceptable = (from: Element | null, step: (element: Element) => Element | null) => {
      let element = from;
      while (element && !acceptable(element)) element = step(element);
      return element ?? undefined;
    };
    const next = (element: Element) => element.nextElementSibling;
    const previous = (element: Element) => element.previousElementSibling;

    let current: Element | undefined;
    let frame: number | undefined;
    let done = false;

    const draw = () => {
      frame = undefined;
      if (!current?.isConnected) {
        box.hidden = true;
        return;
      }
      const rect = current.getBoundingClientRect();
      box.hidden = false;
      box.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
      // Keep the banner off the element: at the top when the element is in the lower half.
      banner.classList.toggle('top', rect.top + rect.height / 2 > win.innerHeight / 2);
    };
    const schedule = () => {
      frame ??= win.requestAnimationFrame(draw);
    };
    const highlight = (element: Element | undefined) => {
      if (element === current) return;
      current = element;
      label.textContent = element ? shortLabel(element) : 'Nothing highlighted';
      let text = '';
      if (element && describe) {
        try {
          text = describe(element).slice(0, MAX_TEXT);
        } catch {
          text = '';
        }
      }
      description.textContent = text ? ` ${text}` : '';
      schedule();
    };

    const previouslyFocused = doc.activeElement;
    const finish = (chosen: Element | undefined) => {
      if (done) return;
      done = true;
      listeners.abort();
      if (frame !== undefined) win.cancelAnimationFrame(frame);
      host.remove();
      if (cancelActive === cancel) cancelActive = undefined;
      if (previouslyFocused?.isConnected) (previouslyFocused as HTMLElement).focus?.({ preventScroll: true });
      resolve(chosen);
    };
    const cancel = () => finish(undefined);
    const choose = () => {
      if (current?.isConnected) finish(current);
      else highlight(undefined);
    };

    const inBanner = (event: Event) => event.composedPath().includes(host);
    const eventElement = (event: Event) => {
      const first = event.composedPath()[0];
      return isElement(first) ? first : undefined;
    };

    /** Where the highlight starts for keyboard use: what has focus, what is in the middle, the page's start. */
    const startingElement = () => {
      const focused = doc.activeElement;
      if (focused && focused !== doc.body && focused !== doc.documentElement && acceptable(focused)) return focused;
      const middle = doc.elementFromPoint(win.innerWidth / 2, win.innerHeight / 2);
      const underMiddle = middle ? nearestAcceptable(middle) : undefined;
      if (underMiddle) return underMiddle;
      return firstAcceptable(doc.body?.firstElementChild ?? null, next);
    };

    const move = (key: string) => {
      const from = current;
      // Nothing highlighted, or the page re-rendered it away: start again.
      if (!from?.isConnected) return highlight(startingElement());
      let to: Element | undefined;
      if (key === 'ArrowUp') to = nearestAcceptable(parentOf(from));
      else if (key === 'ArrowDown') to = firstAcceptable(from.firstElementChild, next);
      else if (key === 'ArrowLeft') to = firstAcceptable(from.previousElementSibling, previous);
      else to = firstAcceptable(from.nextElementSibling, next);
      if (!to) return;
      highlight(to);
      to.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    };

    const onHover = (event: Event) => {
      if (!isTrustedInput(event) || inBanner(event)) return;
      highlight(nearestAcceptable(eventElement(event)));
    };
    const onPointer = (event: Event) => {
      // The page's own synthetic events pass untouched, and choose nothing.
      if (!isTrustedInput(event) || inBanner(event)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.type !== 'click' || (event as MouseEvent).button !== 0) return;
      highlight(nearestAcceptable(eventElement(event)));
      choose();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isTrustedInput(event)) return;
      // The page's shortcuts (PagerDuty's single letters) must not fire while picking.
      event.stopImmediatePropagation();
      const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel();
      } else if (event.key === 'Enter' && plain) {
        event.preventDefault();
        if (shadow.activeElement === cancelButton) cancel();
        else choose();
      } else if (event.key.startsWith('Arrow') && plain && !event.shiftKey) {
        event.preventDefault();
        move(event.key);
      } else if (event.key === 'Tab' && plain) {
        // Focus stays in the banner: it cycles between its two buttons.
        event.preventDefault();
        (shadow.activeElement === chooseButton ? cancelButton : chooseButton).focus();
      }
    };
    const onOtherKey = (event: Event) => {
      if (isTrustedInput(event)) event.stopImmediatePropagation();
    };

    for (const type of ['pointermove', 'mouseover']) win.addEventListener(type, onHover, passive);
    for (const type of POINTER_BLOCKED) win.addEventListener(type, onPointer, capture);
    win.addEventListener('keydown', onKeyDown, capture);
    win.addEventListener('keyup', onOtherKey, capture);
    win.addEventListener('keypress', onOtherKey, capture);
    win.addEventListener('scroll', schedule, passive);
    win.addEventListener('resize', schedule, passive);
    cancelButton.addEventListener('click', (event) => isTrustedInput(event) && cancel(), capture);
    chooseButton.addEventListener('click', (event) => isTrustedInput(event) && choose(), capture);
    signal?.addEventListener('abort', cancel, { signal: listeners.signal });

    highlight(startingElement());
    doc.documentElement.append(host);
    cancelActive = cancel;
    chooseButton.focus({ preventScroll: true });
  });
}
