/**
 * The shape of an incident page without its content, for someone fixing an adapter: tags, ids, classes, roles,
 * `data-*` and `aria-*`, and nothing a responder could read on the page. Safe to paste into a public issue, and
 * parseable back into a saved page (`lib/sites/<site>/fixtures/*.html`).
 */
export interface PageReport {
  format: 'incident-actions/page-report';
  version: 1;
  site?: string;
  /** Origin and path only: a query or fragment may carry search terms or tokens. */
  url: string;
  /** Elements written. */
  elements: number;
  /** Whether elements were left out for `maxElements` or the depth cap. */
  truncated: boolean;
  html: string;
}

export interface PageReportOptions {
  url: string;
  site?: string;
  /** Our own injected element: left out with its subtree. */
  exclude?: Element;
  /** Default 20,000. */
  maxElements?: number;
}

const MAX_DEPTH = 256;
/** Text read into the page's words; past it no attribute value is kept at all (fail closed). */
const MAX_TEXT = 2_000_000;
/** Longer values are data (JSON, serialized state), not structure. */
const MAX_VALUE = 100;
/**
 * Their bodies are code or styles, not structure; the elements are left out. `plaintext` would turn the rest of the
 * report into text when it is parsed back.
 */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'plaintext']);
/**
 * Written without children: an icon's paths say nothing about the page, and the parser reads whatever is inside a
 * raw-text element (elements a script put there) as text.
 */
const EMPTY = new Set(['svg', 'math', 'textarea', 'title', 'iframe', 'xmp', 'noembed', 'noframes']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/** Attributes a person reads, or that hold what they typed: page text, so their words count as the page's. */
const TEXT_ATTRIBUTES = [
  'title',
  'alt',
  'placeholder',
  'value',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-placeholder',
  'aria-roledescription',
];
/**
 * ARIA's own words (roles and state values): the same on every page, so a `role="tab"` or `aria-selected="true"`
 * is kept even where the page shows the word "tab" or "true".
 */
const ARIA_WORDS = new Set(
  (
    'true false mixed undefined page step location date time polite assertive off on none both ascending descending ' +
    'other alert alertdialog application article banner button cell checkbox columnheader combobox complementary ' +
    'contentinfo definition dialog document feed figure form grid gridcell group heading img link list listbox ' +
    'listitem log main marquee math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation note ' +
    'option presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox ' +
    'separator slider spinbutton status switch tab table tablist tabpanel term textbox timer toolbar tooltip tree ' +
    'treegrid treeitem horizontal vertical'
  ).split(' '),
);

const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);

/**
 * Every word a person can read on the page or typed into it: text nodes (not scripts' or styles'), the tab title,
 * text attributes and form values, in open shadow roots too. Undefined when there is more than `MAX_TEXT` of it.
 */
function pageWords(doc: Document): Set<string> | undefined {
  const found = new Set<string>();
  let budget = MAX_TEXT;
  const add = (text: string | null | undefined): boolean => {
    if (!text) return true;
    budget -= text.length;
    if (budget < 0) return false;
    for (const word of words(text)) if (word.length >= 2) found.add(word);
    return true;
  };
  if (!add(doc.title)) return undefined;
  const roots: Node[] = [doc];
  for (let root = roots.pop(); root; root = roots.pop()) {
    const walker = doc.createTreeWalker(root, 0x1 | 0x4); // elements and text
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        const parent = node.parentNode?.nodeName.toLowerCase();
        if (parent !== 'script' && parent !== 'style' && !add(node.nodeValue)) return undefined;
        continue;
      }
      const element = node as Element;
      if (element.shadowRoot) roots.push(element.shadowRoot);
      for (const name of TEXT_ATTRIBUTES) if (!add(element.getAttribute(name))) return undefined;
      const value = (element as Partial<HTMLInputElement>).value;
      if (typeof value === 'string' && !add(value)) return undefined;
    }
  }
  return found;
}

/**
 * Whether an attribute value can stay: short, no e-mail address, no number of 4 digits or a letters-and-digits token
 * of 6 (an incident number, a time, a vendor's object id), and no word of 2 letters or more that the page shows,
 * ARIA's own words aside. A value made only of page words could be the incident's title or a person's name.
 */
function keepValue(value: string, pageWords: Set<string> | undefined): boolean {
  if (!pageWords || value.length > MAX_VALUE || value.includes('@') || /\d{4}/.test(value)) return false;
  return words(value).every(
    (word) =>
      word.length < 2 ||
      ARIA_WORDS.has(word) ||
      (!pageWords.has(word) && !(word.length >= 6 && /\d/.test(word) && /\p{L}/u.test(word))),
  );
}

const escapeAttribute = (value: string) =>
  value.replace(/[&"<>\u00a0]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? '&nbsp;');

/** The attributes written for one element, each as ` name="value"`. */
function attributes(element: Element, pageWords: Set<string> | undefined): string {
  let out = '';
  for (const { name, value } of element.attributes) {
    const lower = name.toLowerCase();
    if (!/^[a-z][a-z0-9_.:-]{0,40}$/.test(lower)) continue;
    if (lower === 'id' || lower === 'class') out += ` ${lower}="${escapeAttribute(value)}"`;
    else if (lower === 'role' || lower.startsWith('data-') || lower.startsWith('aria-')) {
      // The attribute stays, so selectors on its presence still match; its value only when it cannot be page text.
      const keep = !TEXT_ATTRIBUTES.includes(lower) && keepValue(value, pageWords);
      out += ` ${lower}="${keep ? escapeAttribute(value) : ''}"`;
    }
  }
  return out;
}

/**
 * A structural snapshot of `doc`: `<!doctype html>` and the markup of its root element with tag names, `id`, `class`
 * and `role`, `data-*` and `aria-*` attributes (a value other than an id or class only when it cannot be page
 * text; `aria-label` and the other ARIA text attributes always empty), and nothing else: no text, comments, other
 * attributes, `script`, `style`, `noscript` or `template` elements (left out, not kept empty), nor the insides of
 * `svg`, `math` and raw-text elements (kept as empty tags). An open shadow root is
 * written as `<template shadowrootmode="open">` inside its host. Stops after `maxElements` elements or below depth
 * 256, with `truncated`.
 */
export function pageReport(doc: Document, options: PageReportOptions): PageReport {
  const maxElements = options.maxElements ?? 20_000;
  const known = pageWords(doc);
  const out: string[] = ['<!doctype html>'];
  let elements = 0;
  let truncated = false;

  const write = (element: Element, depth: number): void => {
    if (element === options.exclude) return;
    const raw = element.localName;
    if (DROPPED.has(raw)) return;
    if (elements >= maxElements || depth > MAX_DEPTH) {
      truncated = true;
      return;
    }
    elements++;
    // A tag name the parser could not read back (odd custom elements) is written as a div.
    const tag = /^[a-z][a-z0-9._-]*$/.test(raw) ? raw : 'div';
    out.push(`<${tag}${attributes(element, known)}>`);
    if (VOID.has(tag)) return;
    if (!EMPTY.has(tag)) {
      const shadow = element.shadowRoot;
      if (shadow) {
        out.push('<template shadowrootmode="open">');
        for (const child of shadow.children) write(child, depth + 1);
        out.push('</template>');
      }
      for (const child of element.children) write(child, depth + 1);
    }
    out.push(`</${tag}>`);
  };
  write(doc.documentElement, 0);

  let url = '';
  try {
    const parsed = new URL(options.url);
    url = parsed.origin + parsed.pathname;
  } catch {}
  return {
    format: 'incident-actions/page-report',
    version: 1,
    ...(options.site === undefined ? {} : { site: options.site }),
    url,
    elements,
    truncated,
    html: out.join(''),
  };
}
