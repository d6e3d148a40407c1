// @vitest-environment node
// Each page is its own happy-dom Window, written from an HTML string, as a vendor's page would be parsed.
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quoteAttributeValue, stableSelector } from '@/lib/sites/stable-selector';

let open: Window[] = [];
afterEach(async () => {
  await Promise.all(open.map((window) => window.happyDOM.close()));
  open = [];
});

function page(body: string): Document {
  const window = new Window({ url: 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8' });
  open.push(window);
  window.document.write(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
  return window.document as unknown as Document;
}

function only(doc: Document, selector: string): Element {
  const all = doc.querySelectorAll(selector);
  expect(all).toHaveLength(1);
  return all[0] as Element;
}

/** The selector finds the element first where it lives: the document, or the shadow root around it. */
function expectFinds(selector: string | undefined, element: Element): void {
  expect(selector).toBeDefined();
  const root = element.getRootNode() as unknown as ParentNode;
  expect(root.querySelector(selector as string)).toBe(element);
}

/** A PagerDuty-like header; `hash` stands for the build's CSS-module suffix, `extra` for siblings a release adds. */
function pagerDutyLike(hash: string, extra = ''): string {
  return `
    <nav class="Navbar_navbar__${hash}" aria-label="Main"><a href="/">PagerDuty</a></nav>
    <main class="IncidentPage_page__${hash}">
      <header class="IncidentHeader_incidentHeader__${hash}">
        ${extra}
        <span class="IncidentHeader_number__${hash}">#18342</span>
        ${extra}
        <h1 class="css-1x2y3z IncidentTitle_incidentTitle__${hash}">Checkout API p99 latency above 2s</h1>
        <div class="IncidentHeader_meta__${hash}">
          <span class="IncidentHeader_label__${hash}">Status</span><span class="sc-bdfBwQ">Acknowledged</span>
          <span class="IncidentHeader_label__${hash}">Urgency</span><span class="sc-gsTCUz">High</span>
        </div>
        ${extra}
        <div class="IncidentActions_actionsRow__${hash} jss123">
          <button class="btn btn-default">Acknowledge</button><button class="btn btn-primary">Resolve</button>
        </div>
      </header>
    </main>`;
}

describe('stableSelector', () => {
  it('names a CSS-module class by its prefix, and finds the same element after a rebuild adds siblings', () => {
    const before = page(pagerDutyLike('vX2bT'));
    const title = only(before, 'h1');
    const titleSelector = stableSelector(title);
    expect(titleSelector).toContain('[class*="IncidentTitle_incidentTitle__"]');
    expectFinds(titleSelector, title);
    const actions = only(before, 'div[class*="actionsRow"]');
    const actionsSelector = stableSelector(actions);
    expect(actionsSelector).toContain('[class*="IncidentActions_actionsRow__"]');
    expectFinds(actionsSelector, actions);

    // The next build: other hashes, and new elements of the same kinds ahead of the picked ones.
    const extra = '<div class="IncidentHeader_banner__Q9z"><span class="css-9q8w7e">New!</span></div>';
    const after = page(`<div class="Toast_toast__Zz81a">x</div>${pagerDutyLike('Hk3Lm', extra)}`);
    expect(after.querySelector(titleSelector as string)).toBe(only(after, 'h1'));
    expect(after.querySelector(actionsSelector as string)).toBe(only(after, 'div[class*="actionsRow"]'));
  });

  it('prefers a test id to classes, and a hand-written id', () => {
    const doc = page(`
      <header data-testid="incidentHeader" class="IncidentHeader_incidentHeader__k3J9a incident-header">
        <div id="actionsButtonsRow" class="IncidentActions_actionsRow__Jd6Fe">
          <button class="btn">Resolve</button>
        </div>
      </header>`);
    expect(stableSelector(only(doc, 'header'))).toBe('[data-testid="incidentHeader"]');
    expect(stableSelector(only(doc, 'div'))).toBe('#actionsButtonsRow');
    for (const name of ['data-test-id', 'data-test', 'data-qa', 'data-cy']) {
      const other = page(`<div class="incident-header"><section ${name}="actions-row" class="row"></section></div>`);
      expect(stableSelector(only(other, 'section'))).toBe(`[${name}="actions-row"]`);
    }
  });

  it('uses plain semantic classes, names, roles and short labels', () => {
    const doc = page(`
      <div class="incident-header"><div class="actions-row"><button>a</button></div></div>
      <form><input name="note"><input name="other"></form>
      <div role="toolbar" aria-label="Incident actions"></div><div role="toolbar" aria-label="Formatting"></div>`);
    expect(stableSelector(only(doc, '.actions-row'))).toBe('.actions-row');
    expect(stableSelector(only(doc, '[name="note"]'))).toBe('[name="note"]');
    expect(stableSelector(only(doc, '[aria-label="Incident actions"]'))).toBe('[aria-label="Incident actions"]');
  });

  it('combines with the nearest stable ancestors when the element alone says too little', () => {
    const doc = page(`
      <section data-testid="incidentHeader"><h1 class="css-1a2b3c">Title</h1></section>
      <section data-testid="notes"><h1 class="css-4d5e6f">Notes</h1></section>
      <div class="sidebar"><div class="card"><button class="btn">x</button></div></div>
      <div class="main-panel"><div class="card"><button class="btn">y</button></div></div>`);
    const title = only(doc, '.css-1a2b3c');
    const selector = stableSelector(title);
    expect(selector).toBe('[data-testid="incidentHeader"] h1');
    expectFinds(selector, title);
    const button = only(doc, '.main-panel .btn');
    const buttonSelector = stableSelector(button);
    expect(buttonSelector).toBe('.main-panel .btn');
    expectFinds(buttonSelector, button);
  });

  it('chains several ancestors when no single one is enough', () => {
    const row = (region: string, card: string) =>
      `<div class="${region}"><div class="${card}"><span class="value">v</span></div></div>`;
    const doc = page(row('left', 'status') + row('left', 'owner') + row('right', 'status') + row('right', 'owner'));
    const target = doc.querySelectorAll('.value')[2] as Element;
    const selector = stableSelector(target);
    expect(selector).toBe('.right .status .value');
    expectFinds(selector, target);
  });

  it('returns undefined when nothing stable is there, rather than a tag or a position', () => {
    const doc = page(`
      <div class="css-1q2w3e"><div class="sc-bdfBwQ"><span class="jss412">a</span></div></div>
      <div class="css-4r5t6y"><div id="ember1234" class="_3xYz9"><span id=":r1:" class="emotion-abc">b</span></div></div>`);
    for (const element of doc.body.querySelectorAll('*')) expect(stableSelector(element)).toBeUndefined();
    expect(stableSelector(doc.createElement('div'))).toBeUndefined();
  });

  it('never uses generated ids or hashed classes, nor positions', () => {
    const generatedIds = [
      'ember1234',
      ':r1:',
      ':R2a6:',
      '«r3»',
      'radix-:r5:',
      '3f2b8c1e-9d4a-4b7e-a1c2-0e9f8d7c6b5a',
      'a1b2c3d4e5f6',
      'headlessui-menu-button-12',
      'react-select-234-input',
      'mui-12345',
      'yui_3_18_1_1_1700000000',
    ];
    const hashedClasses = [
      'css-1x2y3z',
      'sc-bdfBwQ',
      'jss123',
      'emotion-xyz',
      '_3xYz9',
      'eKzVbq',
      'x1n2onr6',
      'kHnTqv',
    ];
    const doc = page(
      generatedIds
        .map((id, i) => `<div class="${hashedClasses[i % hashedClasses.length]}"><p id="${id}" class="x">.</p></div>`)
        .join('') + hashedClasses.map((c) => `<div class="wrap"><p class="${c}">.</p></div>`).join(''),
    );
    for (const element of doc.body.querySelectorAll('*')) {
      const selector = stableSelector(element) ?? '';
      expect(selector).not.toMatch(/nth|\d{3}|:r|«|css-|sc-|jss|emotion-|_3xYz9|eKzVbq|x1n2onr6|kHnTqv|a1b2c3/);
    }
  });

  it('never uses generated tokens, and what it gives finds the element (property)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{6,12}$/);
    const generated = fc.oneof(
      fc.nat({ max: 99999 }).map((n) => `ember${n + 100}`),
      fc.stringMatching(/^[a-zA-Z0-9]{1,4}$/).map((s) => `:r${s}:`),
      fc.uuid(),
      hex.filter((s) => /\d/.test(s) && /[a-f]/.test(s)),
      fc.stringMatching(/^[a-z0-9]{5,8}$/).map((s) => `css-${s}`),
      fc.stringMatching(/^[a-zA-Z]{6}$/).map((s) => `sc-${s}`),
      fc.nat({ max: 9999 }).map((n) => `jss${n}`),
      fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `emotion-${s}`),
      fc.stringMatching(/^[0-9][a-zA-Z0-9]{3,6}$/).map((s) => `_${s}`),
    );
    const stable = fc.constantFrom('incident-header', 'actions-row', 'sidebar', 'notes', 'card');
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: generated, cls: generated, outer: fc.option(stable) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(),
        (rows, pick) => {
          const html = rows
            .map(
              ({ id, cls, outer }) =>
                `<div${outer ? ` class="${outer}"` : ''}><span id="${id}" class="${cls}">.</span></div>`,
            )
            .join('');
          const doc = page(html);
          const spans = doc.querySelectorAll('span');
          const target = spans[pick % spans.length] as Element;
          const selector = stableSelector(target);
          for (const { id, cls } of rows) {
            expect(selector ?? '').not.toContain(id);
            expect(selector ?? '').not.toContain(cls);
          }
          expect(selector ?? '').not.toContain('nth');
          if (selector !== undefined) expect(doc.querySelector(selector)).toBe(target);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('quotes hostile values so the selector parses and finds the element', () => {
    const hostile = [
      `a"b'c]d[e\\f`,
      'line\nbreak',
      'tab\there',
      '"]) , body { x',
      'it\'s \\"both\\"',
      'carriage\rreturn\fform',
    ];
    for (const value of hostile) {
      const doc = page('<div class="incident-header"></div><div class="incident-header"><i></i></div>');
      const target = doc.querySelector('i') as Element;
      target.setAttribute('data-testid', value);
      const selector = stableSelector(target);
      expect(selector).toBe(`[data-testid=${quoteAttributeValue(value)}]`);
      expectFinds(selector, target);
      expect(doc.querySelector(`[aria-label=${quoteAttributeValue(value)}]`)).toBeNull();
    }
  });

  it('leaves out labels that are long or carry incident numbers', () => {
    const doc = page(`
      <div class="header"><button aria-label="Acknowledge incident #18342">a</button><button>b</button></div>
      <div class="footer"><button aria-label="${'very long label '.repeat(6)}">c</button><button>d</button></div>`);
    for (const element of doc.querySelectorAll('button')) {
      expect(stableSelector(element) ?? '').not.toContain('aria-label');
    }
    // A label repeating the element's text is its content: the next incident's title differs.
    const titled = page(`
      <header data-testid="incidentHeader"><h1 class="css-1a2b3c" aria-label="Checkout API latency">Checkout API latency</h1></header>
      <h1>Other</h1>`);
    expect(stableSelector(only(titled, '[aria-label]'))).toBe('[data-testid="incidentHeader"] h1');
    // Three digits in a row are still a label.
    const short = page('<button aria-label="Page 404 help">a</button><button>b</button>');
    expect(stableSelector(only(short, '[aria-label]'))).toBe('[aria-label="Page 404 help"]');
  });

  it('works inside an open shadow root, relative to that root', () => {
    const doc = page('<incident-widget></incident-widget><div class="actions-row"></div>');
    const host = only(doc, 'incident-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML =
      '<div class="Widget_panel__a1B2c"><div class="actions-row"><button class="css-9z8y7x">x</button></div></div>';
    const row = shadow.querySelector('.actions-row') as Element;
    const selector = stableSelector(row);
    expect(selector).toBe('.actions-row');
    expectFinds(selector, row);
    expect(doc.querySelector(selector as string)).not.toBe(row);
    const button = shadow.querySelector('button') as Element;
    const buttonSelector = stableSelector(button);
    expect(buttonSelector).toBe('.actions-row button');
    expectFinds(buttonSelector, button);
  });

  it('runs a bounded number of queries on a large page', () => {
    const cards = Array.from(
      { length: 300 },
      () => '<div class="card"><div class="row"><div class="cell"><span class="value">v</span></div></div></div>',
    ).join('');
    const doc = page(`<div class="board"><div class="lane"><div class="column">${cards}</div></div></div>`);
    const spy = vi.spyOn(doc, 'querySelectorAll');
    const target = doc.querySelectorAll('.value')[150] as Element;
    spy.mockClear();
    expect(stableSelector(target)).toBeUndefined();
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(48);
  });
});

describe('quoteAttributeValue', () => {
  it('escapes backslashes, and writes quotes and line breaks as hex escapes', () => {
    expect(quoteAttributeValue('plain')).toBe('"plain"');
    expect(quoteAttributeValue('a"b\\c')).toBe('"a\\22 b\\\\c"');
    expect(quoteAttributeValue('a\nb')).toBe('"a\\a b"');
  });
});
