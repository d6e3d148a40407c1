import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTrustedInput, type PickOptions, pickElement } from '@/components/incident/element-picker';

/*
 * happy-dom has no `isTrusted` at all: every event it makes reads undefined (false), which is what page script
 * gets from `dispatchEvent` or `button.click()`, and happy-dom offers no way to make a trusted one. So, as in
 * confirm-dialog.test.tsx, `trusted` forges the flag on a synthetic event to stand in for the responder's own
 * input, and the same events left alone show what page script can do: nothing. A real trusted click and key
 * are for the e2e in a real browser.
 */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

const init = { bubbles: true, cancelable: true, composed: true };

function hover(target: Element, isTrusted = true) {
  const event = new PointerEvent('pointermove', init);
  target.dispatchEvent(isTrusted ? trusted(event) : event);
}

/** The whole of a mouse click, as the browser sends it; true when nothing called preventDefault on the click. */
function click(target: Element, isTrusted = true): boolean {
  let allowed = true;
  for (const [Type, type] of [
    [PointerEvent, 'pointerdown'],
    [MouseEvent, 'mousedown'],
    [PointerEvent, 'pointerup'],
    [MouseEvent, 'mouseup'],
    [MouseEvent, 'click'],
  ] as const) {
    const event = new Type(type, { ...init, button: 0 });
    allowed = target.dispatchEvent(isTrusted ? trusted(event) : event);
  }
  return allowed;
}

/** A key pressed where the focus is (in the picker's banner while it is open). */
function press(key: string, isTrusted = true, target: Element = focused() ?? document.body) {
  for (const type of ['keydown', 'keyup']) {
    const event = new KeyboardEvent(type, { ...init, key });
    target.dispatchEvent(isTrusted ? trusted(event) : event);
  }
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The picker's closed shadow roots, caught as they are made: the page (and a test) has no other way in. */
let roots: ShadowRoot[] = [];
const shadow = () => roots[roots.length - 1] as ShadowRoot;
const focused = () => (roots.length ? shadow().activeElement : null) ?? document.activeElement;
const bannerText = () => shadow().querySelector('[aria-live]')?.textContent;

let pageClicks: string[];
let pageKeys: string[];
/** The caller's own shadow host (the action buttons), which the caller's accept() rejects. */
let ourHost: HTMLElement;
/** The document outlives a test: its page listeners go with the test. */
let pageListeners: AbortController;

beforeEach(() => {
  roots = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, options) {
    const root = attach.call(this, options);
    roots.push(root);
    return root;
  });
  document.body.innerHTML = `
    <header id="header">
      <h1 id="title" class="incident-title">Disk full on db-1</h1>
      <div id="actions"><button id="ack">Acknowledge</button><button id="resolve">Resolve</button></div>
      <nav id="nav"><a id="link" href="#x">Link</a></nav>
    </header>
    <main id="main"><p id="para">Details</p></main>`;
  ourHost = document.createElement('div');
  ourHost.id = 'our-host';
  document.getElementById('actions')?.after(ourHost);
  pageClicks = [];
  pageKeys = [];
  pageListeners = new AbortController();
  const { signal } = pageListeners;
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    byId('ack').addEventListener(type, () => pageClicks.push(`ack ${type}`));
    document.addEventListener(type, () => pageClicks.push(`document ${type}`), { signal });
  }
  // PagerDuty-like single-letter shortcuts, on the document.
  document.addEventListener('keydown', (event) => pageKeys.push(event.key), { signal });
});

afterEach(() => {
  press('Escape');
  pageListeners.abort();
  document.body.innerHTML = '';
});

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no #${id}`);
  return element;
}

const accept = (element: Element) => element !== document.body && element !== ourHost;

function pick(options: Partial<PickOptions> = {}) {
  return pickElement({ doc: document, prompt: 'Click where the buttons should go', accept, ...options });
}

/** The settled value of a promise, or 'pending'. */
async function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 0))]);
}

describe('isTrustedInput', () => {
  it('is true only for input the browser itself sends', () => {
    expect(isTrustedInput(new MouseEvent('click'))).toBe(false);
    expect(isTrustedInput(new KeyboardEvent('keydown', { key: 'Enter' }))).toBe(false);
    expect(isTrustedInput(trusted(new MouseEvent('click')))).toBe(true);
    expect(isTrustedInput(trusted(new KeyboardEvent('keydown', { key: 'Enter' })))).toBe(true);
  });
});

describe('pickElement', () => {
  it('draws in its own closed shadow root under a random name, as the last child of <html>, and focuses Choose', async () => {
    const before = document.documentElement.children.length;
    void pick();
    const host = document.documentElement.lastElementChild as HTMLElement;
    expect(document.documentElement.children.length).toBe(before + 1);
    expect(host.localName).toMatch(/^ia-[a-z]{8}$/);
    expect(host.shadowRoot).toBeNull();
    expect(host.style.getPropertyValue('z-index')).toBe('2147483647');
    expect(host.style.getPropertyPriority('z-index')).toBe('important');
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    const banner = shadow().querySelector('[role="dialog"]');
    expect(banner?.getAttribute('aria-label')).toBe('Pick an element');
    expect(banner?.textContent).toContain('Click where the buttons should go');
    expect(banner?.textContent).toContain('Esc cancel');
    expect(focused()?.textContent).toBe('Choose');
  });

  it('highlights the hovered element: a box at its place, and describe()’s text in the banner, once per change', async () => {
    const describeElement = vi.fn((element: Element) => `reads "${element.textContent}"`);
    void pick({ describe: describeElement });
    describeElement.mockClear();
    const title = byId('title');
    vi.spyOn(title, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 10, y: 20, width: 300, height: 40 }),
    );

    hover(title);
    hover(title);
    hover(title);
    expect(describeElement).toHaveBeenCalledTimes(1);
    expect(describeElement).toHaveBeenCalledWith(title);
    expect(bannerText()).toBe('h1#title.incident-title reads "Disk full on db-1"');

    await nextFrame();
    const box = shadow().querySelector('.box') as HTMLElement;
    expect(box.hidden).toBe(false);
    expect(box.style.transform).toBe('translate(10px, 20px)');
    expect([box.style.width, box.style.height]).toEqual(['300px', '40px']);
    // The box is no target: the pointer goes through it (the host takes no pointer events, nor does the box).
    expect(shadow().querySelector('style')?.textContent).toMatch(/\.box \{[^}]*pointer-events: none/);

    hover(byId('para'));
    expect(describeElement).toHaveBeenCalledTimes(2);
    expect(bannerText()).toBe('p#para reads "Details"');
  });

  it('follows the element when the page or a box in it scrolls, or the window resizes: once a frame', async () => {
    const title = byId('title');
    const rect = vi.spyOn(title, 'getBoundingClientRect');
    rect.mockReturnValue(DOMRect.fromRect({ x: 10, y: 20, width: 300, height: 40 }));
    void pick();
    hover(title);
    await nextFrame();
    const box = shadow().querySelector('.box') as HTMLElement;
    const banner = shadow().querySelector('[role="dialog"]') as HTMLElement;
    expect(banner.classList.contains('top')).toBe(false);

    rect.mockClear();
    rect.mockReturnValue(DOMRect.fromRect({ x: 10, y: window.innerHeight - 100, width: 300, height: 40 }));
    for (let i = 0; i < 5; i++) window.dispatchEvent(new Event('scroll'));
    byId('main').dispatchEvent(new Event('scroll')); // an inner scroller's scroll does not bubble: caught on capture
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(rect).toHaveBeenCalledTimes(1);
    expect(box.style.transform).toBe(`translate(10px, ${window.innerHeight - 100}px)`);
    // The element is in the lower half now: the banner moves to the top, off it.
    expect(banner.classList.contains('top')).toBe(true);
  });

  it('ignores hovering the page fakes', () => {
    const describeElement = vi.fn(() => 'x');
    void pick({ describe: describeElement });
    describeElement.mockClear();
    hover(byId('title'), false);
    expect(describeElement).not.toHaveBeenCalled();
  });

  it('chooses the clicked button without the page’s own handlers seeing the click', async () => {
    const picked = pick();
    const allowed = click(byId('ack'));
    expect(await picked).toBe(byId('ack'));
    expect(pageClicks).toEqual([]);
    expect(allowed).toBe(false);
  });

  it('lets the page’s own synthetic clicks through, and they choose nothing', async () => {
    const picked = pick();
    click(byId('ack'), false);
    expect(pageClicks).toContain('ack click');
    expect(await state(picked)).toBe('pending');
  });

  it('Esc resolves undefined and leaves no element, listener or focus change behind', async () => {
    const link = byId('link');
    link.focus();
    const describeElement = vi.fn(() => 'x');
    const before = document.documentElement.children.length;
    const picked = pick({ describe: describeElement });
    expect(document.documentElement.children.length).toBe(before + 1);
    expect(focused()).not.toBe(link);

    press('Escape');
    expect(await picked).toBeUndefined();
    expect(document.documentElement.children.length).toBe(before);
    expect(document.activeElement).toBe(link);
    expect(pageKeys).toEqual([]);

    // The picker's listeners are gone: the responder's next click and keys reach the page, and hovering describes nothing.
    describeElement.mockClear();
    expect(click(byId('ack'))).toBe(true);
    const gesture = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
    expect(pageClicks).toEqual(gesture.flatMap((type) => [`ack ${type}`, `document ${type}`]));
    press('a', true, byId('ack'));
    expect(pageKeys).toEqual(['a']);
    hover(byId('title'));
    expect(describeElement).not.toHaveBeenCalled();
  });

  it('moves with the arrow keys (parent, first child, siblings) and Enter chooses; the page sees none of the keys', async () => {
    byId('ack').focus();
    const picked = pick();
    expect(bannerText()).toBe('button#ack'); // the highlight starts where the focus was
    press('ArrowRight');
    expect(bannerText()).toBe('button#resolve');
    press('ArrowUp');
    expect(bannerText()).toBe('div#actions');
    press('ArrowRight'); // skips our own host, the next sibling
    expect(bannerText()).toBe('nav#nav');
    press('ArrowDown');
    expect(bannerText()).toBe('a#link');
    press('ArrowDown'); // no child: stays
    expect(bannerText()).toBe('a#link');
    press('ArrowUp');
    press('ArrowLeft'); // skips our host again
    expect(bannerText()).toBe('div#actions');
    press('ArrowLeft');
    expect(bannerText()).toBe('h1#title.incident-title');
    press('ArrowLeft'); // no sibling before: stays
    expect(bannerText()).toBe('h1#title.incident-title');
    press('a'); // a PagerDuty shortcut: swallowed
    expect(await state(picked)).toBe('pending');

    press('Enter');
    expect(await picked).toBe(byId('title'));
    expect(pageKeys).toEqual([]);
  });

  it('when the page re-renders the highlighted element away, Enter chooses nothing and the arrows start again', async () => {
    byId('para').focus();
    const picked = pick();
    expect(bannerText()).toBe('p#para');
    await nextFrame();
    const box = shadow().querySelector('.box') as HTMLElement;
    expect(box.hidden).toBe(false);
    byId('main').replaceChildren(Object.assign(document.createElement('p'), { id: 'para' }));
    press('Enter');
    expect(await state(picked)).toBe('pending');
    await nextFrame();
    expect(box.hidden).toBe(true);
    expect(bannerText()).toBe('Nothing highlighted');
    press('ArrowDown');
    expect(bannerText()).toBe('header#header');
    hover(byId('nav'));
    byId('nav').remove();
    press('ArrowDown'); // not into the removed nav's link
    expect(bannerText()).toBe('header#header');
    press('Enter');
    expect(await picked).toBe(byId('header'));
  });

  it('ignores the page’s synthetic keys: they neither move nor choose, and reach the page', async () => {
    const picked = pick();
    const start = bannerText();
    press('ArrowDown', false);
    press('Enter', false);
    press('Escape', false);
    expect(bannerText()).toBe(start);
    expect(await state(picked)).toBe('pending');
    expect(pageKeys).toEqual(['ArrowDown', 'Enter', 'Escape']);
  });

  it('skips what accept() rejects (our own host, body) to the nearest acceptable ancestor, and never offers <html>', async () => {
    const picked = pick({ accept });
    hover(ourHost);
    expect(bannerText()).toBe('header#header');
    press('ArrowUp'); // header's parent is body, rejected, then <html>, never offered: stays
    expect(bannerText()).toBe('header#header');
    hover(document.body);
    expect(bannerText()).toBe('Nothing highlighted');
    press('Enter'); // nothing to choose
    expect(await state(picked)).toBe('pending');
    click(ourHost);
    expect(await picked).toBe(byId('header'));
  });

  it('starts, with nothing focused and nothing at the viewport’s centre, on body’s first acceptable child', () => {
    document.body.prepend(ourHost);
    void pick();
    expect(bannerText()).toBe('header#header');
  });

  it('starts on the element in the middle of the viewport when nothing has focus', () => {
    vi.spyOn(document, 'elementFromPoint').mockReturnValue(byId('para'));
    void pick();
    expect(document.elementFromPoint).toHaveBeenCalledWith(window.innerWidth / 2, window.innerHeight / 2);
    expect(bannerText()).toBe('p#para');
  });

  it('the banner’s Cancel and Choose buttons work, and clicking them is no pick', async () => {
    const first = pick();
    const buttons = () => Array.from(shadow().querySelectorAll('button'));
    click(buttons()[0] as HTMLElement);
    expect(await first).toBeUndefined();

    byId('resolve').focus();
    const second = pick();
    click(buttons()[1] as HTMLElement, false); // the page cannot press it
    expect(await state(second)).toBe('pending');
    click(buttons()[1] as HTMLElement);
    expect(await second).toBe(byId('resolve'));
  });

  it('Tab keeps the focus on the banner’s two buttons, and Enter on Cancel cancels', async () => {
    const picked = pick();
    press('Tab');
    expect(focused()?.textContent).toBe('Cancel');
    press('Enter');
    expect(await picked).toBeUndefined();
  });

  it('the abort signal cancels; an aborted one never starts', async () => {
    const before = document.documentElement.children.length;
    const controller = new AbortController();
    const picked = pick({ signal: controller.signal });
    controller.abort();
    expect(await picked).toBeUndefined();
    expect(document.documentElement.children.length).toBe(before);

    expect(await pick({ signal: controller.signal })).toBeUndefined();
    expect(document.documentElement.children.length).toBe(before);
  });

  it('a second pickElement cancels the first', async () => {
    const before = document.documentElement.children.length;
    const first = pick();
    const second = pick({ prompt: 'Click the title' });
    expect(await first).toBeUndefined();
    expect(document.documentElement.children.length).toBe(before + 1);
    expect(shadow().textContent).toContain('Click the title');
    click(byId('title'));
    expect(await second).toBe(byId('title'));
    expect(document.documentElement.children.length).toBe(before);
  });

  it('shows the page’s text as text: markup in it is never parsed', () => {
    const title = byId('title');
    title.textContent = '<img src=x onerror=alert(1)>';
    title.className = '<b>bold</b>';
    void pick({ describe: (element) => element.textContent ?? '' });
    hover(title);
    expect(bannerText()).toBe('h1#title.<b>bold</b> <img src=x onerror=alert(1)>');
    expect(shadow().querySelector('img, b')).toBeNull();
  });
});
