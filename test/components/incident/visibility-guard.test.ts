import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COVERED,
  coverProblem,
  followPointer,
  hitTestCovered,
  movedOnto,
  onPointer,
  SCAN_LIMITS,
  scanPageTopLayer,
} from '@/components/incident/visibility-guard';

/*
 * happy-dom has no layout, no hit testing and no top layer: the geometry is stubbed, and content "open in the
 * top layer" is a root whose querySelector answers an element for the top-layer selector.
 */
const BOX = { left: 100, top: 100, width: 80, height: 30 };
const markOpen = (root: Document | ShadowRoot, open: Element) => {
  const query = root.querySelector.bind(root);
  vi.spyOn(root, 'querySelector').mockImplementation(((selector: string) =>
    selector.includes(':popover-open') ? open : query(selector)) as typeof root.querySelector);
};

let page: HTMLElement;
beforeEach(() => {
  page = document.createElement('main');
  document.body.append(page);
});
afterEach(() => page.remove());

/** Our UI as the content script mounts it: a button in a shadow root of its own host. */
function ourButton() {
  const host = document.createElement('ia-host');
  page.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const button = document.createElement('button');
  shadow.append(button);
  button.getBoundingClientRect = () => ({ ...BOX, right: 180, bottom: 130, x: 100, y: 100, toJSON: () => BOX });
  return { host, shadow, button };
}

describe('scanPageTopLayer', () => {
  it('is clear on a page with no top-layer content', () => {
    page.innerHTML = '<div><span>text</span></div>';
    expect(scanPageTopLayer(document)).toBe('clear');
  });

  it("sees a popover open in the page's light DOM", () => {
    markOpen(document, page);
    expect(scanPageTopLayer(document)).toBe('open');
  });

  it('sees a popover open in an open shadow root, however deep', () => {
    const outer = document.createElement('div');
    page.append(outer);
    const inner = document.createElement('section');
    outer.attachShadow({ mode: 'open' }).append(inner);
    const deepest = inner.attachShadow({ mode: 'open' });
    deepest.append(document.createElement('p'));
    expect(scanPageTopLayer(document)).toBe('clear');
    markOpen(deepest, deepest.firstElementChild as Element);
    expect(scanPageTopLayer(document)).toBe('open');
  });

  it('does not count our own dialog, in our own shadow root', () => {
    const { host, shadow, button } = ourButton();
    markOpen(shadow, button);
    expect(scanPageTopLayer(document, host)).toBe('clear');
    expect(scanPageTopLayer(document)).toBe('open');
  });

  it('fails closed past its caps: too many shadow roots, or too many elements', () => {
    for (let i = 0; i < 3; i++) page.append(document.createElement('div'));
    for (const div of page.children) div.attachShadow({ mode: 'open' });
    expect(scanPageTopLayer(document, undefined, { ...SCAN_LIMITS, shadowRoots: 3 })).toBe('clear');
    expect(scanPageTopLayer(document, undefined, { ...SCAN_LIMITS, shadowRoots: 2 })).toBe('too-big');
    const elements = document.querySelectorAll('*').length;
    expect(scanPageTopLayer(document, undefined, { ...SCAN_LIMITS, elements })).toBe('clear');
    expect(scanPageTopLayer(document, undefined, { ...SCAN_LIMITS, elements: elements - 1 })).toBe('too-big');
  });
});

describe('hitTestCovered', () => {
  let host: HTMLElement;
  let button: HTMLButtonElement;
  let label: HTMLElement;
  const pageElement = document.createElement('div');
  beforeEach(() => {
    ({ host, button } = ourButton());
    label = button.appendChild(document.createElement('span'));
  });

  it('is not covered when the page sees our host on top and our root sees the button', () => {
    expect(hitTestCovered(button, host, [host, document.body], [button])).toBe(false);
    expect(hitTestCovered(button, host, [host], [label, button])).toBe(false);
  });

  it('is covered when anything of the page is above our host, or anything of ours above the button', () => {
    expect(hitTestCovered(button, host, [pageElement, host], [button])).toBe(true);
    expect(hitTestCovered(button, host, [host], [document.createElement('p'), button])).toBe(true);
  });

  it('fails closed when the browser answers nothing at the point', () => {
    expect(hitTestCovered(button, host, [], [button])).toBe(true);
    expect(hitTestCovered(button, host, [host], [])).toBe(true);
  });
});

describe('coverProblem', () => {
  it("hit-tests the button's centre through both roots", () => {
    const { host, shadow, button } = ourButton();
    const asked: number[][] = [];
    document.elementsFromPoint = (x, y) => {
      asked.push([x, y]);
      return [host];
    };
    shadow.elementsFromPoint = () => [button];
    expect(coverProblem(button)).toBeUndefined();
    expect(asked).toEqual([[140, 115]]);
    document.elementsFromPoint = () => [page, host];
    expect(coverProblem(button)).toBe(COVERED);
  });

  it("is covered when a popover is open in the page's shadow root, whatever the hit test says", () => {
    const { host, shadow, button } = ourButton();
    document.elementsFromPoint = () => [host];
    shadow.elementsFromPoint = () => [button];
    const other = document.createElement('div');
    page.append(other);
    const theirs = other.attachShadow({ mode: 'open' });
    markOpen(theirs, other);
    expect(coverProblem(button)).toBe(COVERED);
  });

  it('fails closed for a button outside any shadow root, or none', () => {
    const loose = document.createElement('button');
    page.append(loose);
    expect(coverProblem(loose)).toBe(COVERED);
    expect(coverProblem(null)).toBe(COVERED);
  });
});

describe('movedOnto', () => {
  const move = (x: number, y: number, overrides = {}) => ({
    isTrusted: true,
    type: 'pointermove',
    clientX: x,
    clientY: y,
    ...overrides,
  });

  it('is a trusted move into the box from another position', () => {
    expect(movedOnto(move(140, 115), { x: 10, y: 10 }, BOX)).toBe(true);
    expect(movedOnto(move(140, 115), { x: 139, y: 115 }, BOX)).toBe(true);
  });

  it('is not the pointer standing still while the button appears under it (the lure)', () => {
    expect(movedOnto(move(140, 115), { x: 140, y: 115 }, BOX)).toBe(false);
    expect(movedOnto(move(140, 115), undefined, BOX)).toBe(false);
  });

  it('is not a press, a move elsewhere, or a move made by script', () => {
    expect(movedOnto(move(140, 115, { type: 'pointerdown' }), { x: 10, y: 10 }, BOX)).toBe(false);
    expect(movedOnto(move(20, 20), { x: 10, y: 10 }, BOX)).toBe(false);
    expect(movedOnto(move(140, 115, { isTrusted: false }), { x: 10, y: 10 }, BOX)).toBe(false);
  });
});

describe('followPointer', () => {
  const dispatch = (type: string, x: number, y: number, trusted = true) => {
    const event = new MouseEvent(type, { clientX: x, clientY: y });
    if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
    window.dispatchEvent(event);
  };

  it('tells listeners each trusted pointer event with the position before it, and ignores script', () => {
    followPointer(window);
    followPointer(window); // idempotent: one listener per window
    const heard: [string, unknown][] = [];
    const stop = onPointer((event, before) => heard.push([event.type, before]));
    dispatch('pointermove', 5, 6);
    dispatch('pointerdown', 7, 8);
    dispatch('pointermove', 1, 1, false);
    stop();
    dispatch('pointerup', 7, 8);
    expect(heard.map(([type]) => type)).toEqual(['pointermove', 'pointerdown']);
    expect(heard[1]?.[1]).toEqual({ x: 5, y: 6 });
  });
});
