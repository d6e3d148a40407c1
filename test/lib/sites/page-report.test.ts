// @vitest-environment node
// Each page is its own happy-dom Window written from an HTML string; reports are parsed back with its DOMParser.
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { pageReport } from '@/lib/sites/page-report';
import { stableSelector } from '@/lib/sites/stable-selector';
import { readFixture } from '../../support/site-fixtures';

let open: Window[] = [];
afterEach(async () => {
  await Promise.all(open.map((window) => window.happyDOM.close()));
  open = [];
});

const URL_ = 'https://acme.pagerduty.com/incidents/Q2W3E4R5T6Y7U8';

function load(html: string): { doc: Document; window: Window } {
  const window = new Window({ url: URL_ });
  open.push(window);
  window.document.write(html);
  return { doc: window.document as unknown as Document, window };
}

function parse(window: Window, html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Tag and classes of every element in document order, as the report keeps them. */
function skeleton(root: Element, exclude?: Element): string[] {
  const out: string[] = [];
  const walk = (element: Element) => {
    if (element === exclude || ['script', 'style', 'noscript', 'template', 'plaintext'].includes(element.localName)) {
      return;
    }
    out.push(`${element.localName}.${element.getAttribute('class') ?? ''}`);
    if (element.localName !== 'svg') for (const child of element.children) walk(child);
  };
  walk(root);
  return out;
}

/** A page with a distinct word in every place page content can hide, `w[i]`; our own element is `#ia-root`. */
function secretPage(w: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8"><meta name="description" content="${w[0]}">
  <title>[#18342] ${w[1]} ${w[2]} - PagerDuty</title>
  <style>.${w[3]} { color: red } /* ${w[4]} */</style>
  <script>window.secret = "${w[5]}";</script>
</head>
<body class="app-body">
  <!-- ${w[6]} -->
  <header id="main-header" class="IncidentHeader_incidentHeader__k3J9a" data-testid="incidentHeader" role="banner">
    <h1 class="IncidentTitle_incidentTitle__vX2bT" data-title="${w[1]} ${w[2]}" aria-label="${w[1]} ${w[2]}">${w[1]} ${w[2]}</h1>
    <span class="IncidentHeader_number__c5GvN" data-number="18342">#18342</span>
    <div id="actionsButtonsRow" class="IncidentActions_actionsRow__Jd6Fe" data-testid="actions-row">
      <button type="button" class="btn btn-primary" aria-pressed="false">${w[7]}</button>
      <button type="button" class="btn" aria-label="${w[8]}" title="${w[9]}">x</button>
    </div>
    <div id="ia-root" class="ia-buttons" data-testid="ia-dock"><button>${w[10]}</button></div>
  </header>
  <main role="main">
    <div role="tablist"><button role="tab" aria-selected="true">tab</button></div>
    <form name="Note form">
      <input class="note-input" value="${w[11]}" placeholder="${w[12]}" data-mirror="${w[11]}">
      <input id="typed" class="typed-input" data-typed="">
      <textarea class="note-area">${w[13]}</textarea>
    </form>
    <a class="service-link" href="/search?q=${w[14]}#${w[15]}" data-kind="svc"><img alt="${w[16]}" src="/i/${w[17]}.png"></a>
    <noscript><p>${w[18]}</p></noscript>
    <template><p class="tpl">${w[19]}</p></template>
    <dl class="details"><dt>Owner</dt><dd data-owner="${w[20]}">${w[20]}</dd></dl>
    <svg class="icon" viewBox="0 0 10 10"><title>${w[21]}</title><path d="M0 0"/></svg>
  </main>
</body>
</html>`;
}

const SECRETS = 22;

function reportOf(w: string[]) {
  const { doc, window } = load(secretPage(w));
  // What a script puts into a field, and mirrors into a data attribute, is not in any attribute of the markup.
  const typed = doc.getElementById('typed') as HTMLInputElement;
  typed.value = `${w[11]}x`;
  typed.setAttribute('data-typed', `${w[11]}x`);
  const exclude = doc.getElementById('ia-root') as Element;
  const report = pageReport(doc, { url: `${URL_}?q=${w[0]}x#${w[1]}x`, site: 'pagerduty', exclude });
  return { doc, window, report, exclude };
}

describe('pageReport', () => {
  const distinct = fc.uniqueArray(fc.stringMatching(/^[a-z]{8,12}$/), { minLength: SECRETS, maxLength: SECRETS });
  const words = (raw: string[]) => raw.map((word) => `zq${word}`);

  it('leaves out every word of the page, wherever it was (property)', () => {
    fc.assert(
      fc.property(distinct, (raw) => {
        const w = words(raw);
        const { report } = reportOf(w);
        const json = JSON.stringify(report);
        for (const word of w) expect(json).not.toContain(word);
        expect(json).not.toContain('18342');
      }),
      { numRuns: 15 },
    );
  });

  it('keeps the structure: tags, ids, classes, roles, and values that cannot be page text', () => {
    const w = words(fc.sample(distinct, 1)[0] as string[]);
    const { report } = reportOf(w);
    expect(report).toMatchObject({
      format: 'incident-actions/page-report',
      version: 1,
      site: 'pagerduty',
      url: URL_,
      truncated: false,
    });
    const { html } = report;
    expect(html.startsWith('<!doctype html><html><head>')).toBe(true);
    for (const part of [
      '<header id="main-header" class="IncidentHeader_incidentHeader__k3J9a" data-testid="incidentHeader" role="banner">',
      '<h1 class="IncidentTitle_incidentTitle__vX2bT" data-title="" aria-label="">',
      '<div id="actionsButtonsRow" class="IncidentActions_actionsRow__Jd6Fe" data-testid="actions-row">',
      '<button class="btn btn-primary" aria-pressed="false"></button>',
      '<main role="main">',
      '<button role="tab" aria-selected="true"></button>',
      '<input class="note-input" data-mirror="">',
      '<a class="service-link" data-kind="svc"><img></a>',
      '<dd data-owner=""></dd>',
      '<svg class="icon"></svg>',
      '<textarea class="note-area"></textarea>',
      '<span class="IncidentHeader_number__c5GvN" data-number="">',
    ]) {
      expect(html).toContain(part);
    }
    expect(html).not.toMatch(
      /<script|<style|<noscript|<template|<!--|\s(href|src|value|placeholder|alt|title|type|name|content)=/,
    );
    expect(html).not.toContain('ia-root');
    expect(html).not.toContain('ia-dock');
  });

  it('parses back into the same tag and class skeleton', () => {
    const w = words(fc.sample(distinct, 1)[0] as string[]);
    const { doc, window, report, exclude } = reportOf(w);
    const back = parse(window, report.html);
    expect(skeleton(back.documentElement)).toEqual(skeleton(doc.documentElement, exclude));
    expect(report.elements).toBe(skeleton(back.documentElement).length);
    // A selector picked on the live page finds the same element in the report, so the report can be a saved page.
    for (const picked of ['h1', '#actionsButtonsRow', 'dd', '[role="tab"]']) {
      const selector = stableSelector(doc.querySelector(picked) as Element) as string;
      expect(skeleton(back.querySelector(selector) as Element)).toEqual(skeleton(doc.querySelector(picked) as Element));
    }
  });

  it('escapes attribute values so they read back the same', () => {
    const { doc, window } = load('<div data-kind=\'a"b<c>&d\u00a0e\' class="x&amp;y"><p>text</p></div>');
    const report = pageReport(doc, { url: URL_ });
    expect(report.html).toContain('data-kind="a&quot;b&lt;c&gt;&amp;d&nbsp;e"');
    const back = parse(window, report.html).querySelector('div') as Element;
    expect(back.getAttribute('data-kind')).toBe('a"b<c>&d\u00a0e');
    expect(back.getAttribute('class')).toBe('x&y');
  });

  it('writes raw-text elements empty, so what a script put inside them parses back as it was', () => {
    const { doc, window } = load('<html><body><textarea class="t"></textarea><p class="after"></p></body></html>');
    (doc.querySelector('textarea') as Element).appendChild(doc.createElement('b'));
    const report = pageReport(doc, { url: URL_ });
    expect(report.html).toContain('<textarea class="t"></textarea><p class="after"></p>');
    expect(parse(window, report.html).querySelector('p.after')).not.toBeNull();
  });

  it('stops at maxElements and below the depth cap', () => {
    const { doc } = load(`<html><head></head><body>${'<div class="row"></div>'.repeat(100)}</body></html>`);
    const report = pageReport(doc, { url: URL_, maxElements: 10 });
    expect(report.elements).toBe(10);
    expect(report.truncated).toBe(true);
    expect(report.html.match(/<[a-z]/g)).toHaveLength(10);
    expect(pageReport(doc, { url: URL_ }).truncated).toBe(false);

    const deep = load('<html><body></body></html>').doc;
    let parent: Element = deep.body;
    for (let i = 0; i < 400; i++) parent = parent.appendChild(deep.createElement('div'));
    const deepReport = pageReport(deep, { url: URL_ });
    expect(deepReport.truncated).toBe(true);
    expect(deepReport.elements).toBeLessThan(260);
  });

  it('includes an open shadow root inside its host, without its text', () => {
    const { doc } = load('<html><body><incident-widget class="host"></incident-widget></body></html>');
    const host = doc.querySelector('incident-widget') as Element;
    host.attachShadow({ mode: 'open' }).innerHTML =
      '<div class="Widget_panel__a1B2c" data-testid="panel"><span class="who">zqshadowname</span></div>';
    const report = pageReport(doc, { url: URL_ });
    expect(report.html).toContain(
      '<incident-widget class="host"><template shadowrootmode="open"><div class="Widget_panel__a1B2c" data-testid="panel"><span class="who"></span></div></template></incident-widget>',
    );
    expect(report.html).not.toContain('zqshadowname');
  });

  it('keeps no value at all when the page has more text than it reads', () => {
    const { doc } = load(`<html><body><p data-testid="safe-thing">${'lorem '.repeat(400_000)}</p></body></html>`);
    expect(pageReport(doc, { url: URL_ }).html).toContain('<p data-testid="">');
  });

  it('on a saved PagerDuty page: no incident content, the adapter’s anchors kept', () => {
    const { doc, window } = load(readFixture('pagerduty', 'new-ui.html'));
    const report = pageReport(doc, { url: `${URL_}?tab=notes`, site: 'pagerduty' });
    const json = JSON.stringify(report);
    for (const text of [
      'Checkout API p99 latency above 2s',
      'Checkout',
      'latency',
      'Dana Whitfield',
      'Payments Primary',
      'Rolled back',
      'PDW7K2Q',
      'PCHK4PI',
      'tab=notes',
    ]) {
      expect(json).not.toContain(text);
    }
    for (const anchor of [
      'IncidentTitle_incidentTitle__',
      'ServicePopover_serviceName__',
      'IncidentHeader_label__',
      'id="actionsButtonsRow"',
      'data-testid="incidentHeader"',
      'role="tablist"',
    ]) {
      expect(report.html).toContain(anchor);
    }
    const back = parse(window, report.html);
    expect(skeleton(back.documentElement)).toEqual(skeleton(doc.documentElement));
  });
});
