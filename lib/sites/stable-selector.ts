/**
 * A CSS selector for an element the responder picked on a vendor's page (where buttons dock, where a field is), made
 * only of what survives the vendor's next build: test ids, ARIA, names, hand-written ids and class names, CSS-module
 * class prefixes, tag names. Never positions (`:nth-child`): a re-render that adds one sibling would move them.
 */

const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'] as const;
/** Ancestors looked at when the element's own parts are not enough. */
const MAX_ANCESTORS = 6;
/** Compounds tried per element (the element's own) and per ancestor. */
const MAX_OWN = 8;
const MAX_PER_ANCESTOR = 2;
/**
 * Each try is one `querySelectorAll` over the root, so this bounds the cost: at most 48 scans of a 55,000-node
 * page (a browser matches that in tens of milliseconds), whatever the markup.
 */
const MAX_QUERIES = 48;
/** Longer labels are prose, and prose gets reworded. */
const MAX_VALUE_LENGTH = 80;

/**
 * `IncidentTitle_incidentTitle__a1B2c` (webpack and Next CSS modules): the part before the build hash is what the
 * vendor wrote.
 */
const CSS_MODULE = /^([A-Za-z][A-Za-z0-9]*_[A-Za-z][A-Za-z0-9-]*__)[A-Za-z0-9_-]+$/;
/** Prefixes of generated class names: Emotion, styled-components, JSS, Material UI's makeStyles, Svelte, Astro. */
const GENERATED_CLASS = /^(css-|sc-|jss|emotion-|makeStyles-|svelte-|astro-|_|\d)/;
/** State classes that come and go with the pointer or a click: present when picked, absent on the next render. */
const STATE_CLASS =
  /^(is-|has-)|^(active|selected|open|closed|hidden|visible|disabled|focus|focused|hover|expanded|collapsed|show|in|fade|loading)$/;
/** Ids of frameworks and libraries that number or hash their elements. */
const GENERATED_ID = /^(ember|yui_|ext-gen|mui-|radix-|headlessui-|react-aria|downshift-|rc-|tippy-|__)|[:«»]/i;

/**
 * Whether a token looks machine-made: a run of 3 digits (`ember123`, `jss123`), a uuid or hex hash, or a segment that
 * reads like a hash: letters and digits mixed in 5 or more characters (`1x2y3z`, `x1n2onr6`), case mixed in a short
 * word with few vowels (`bdfBwQ`), or no vowel in 5 letters. Hand-written names (`incident-header`, `actionsRow`,
 * `h1`) pass.
 */
function looksGenerated(token: string): boolean {
  if (/\d{3}/.test(token) || /[0-9a-f]{8}-[0-9a-f]{4}/i.test(token)) return true;
  return token.split(/[-_\s]+/).some((segment) => {
    const letters = segment.replace(/[^A-Za-z]/g, '').length;
    const digits = segment.replace(/\D/g, '').length;
    if (segment.length >= 5 && letters > 0 && digits > 0) return true;
    if (letters !== segment.length || segment.length < 5) return false;
    const upper = segment.replace(/[^A-Z]/g, '').length;
    const vowels = segment.replace(/[^aeiouy]/gi, '').length;
    // `bdfBwQ`, `eKzVbq` (styled-components) against `NavBar`, `TopBar`: hashes have few vowels.
    if (upper >= 2 && upper < segment.length && segment.length <= 8 && vowels * 3 < segment.length) return true;
    return vowels === 0;
  });
}

/**
 * A CSS string for an attribute selector: backslash escaped; quote and line breaks as hex escapes (a raw newline
 * ends a CSS string; happy-dom's parser stops at `\"` but reads `\22 `). `CSS.escape` is not everywhere (happy-dom),
 * and it escapes identifiers, not strings.
 */
export function quoteAttributeValue(value: string): string {
  const escaped = value.replace(/["\\\n\r\f\0]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\0') return '\uFFFD';
    return `\\${c.charCodeAt(0).toString(16)} `;
  });
  return `"${escaped}"`;
}

/** A value the selector may rest on: short, and without numbers that change per incident (ids, counts, times). */
function usableValue(value: string | null, maxDigits: number): value is string {
  if (!value || value.trim() === '' || value.length > MAX_VALUE_LENGTH) return false;
  return !new RegExp(`\\d{${maxDigits + 1}}`).test(value);
}

/** Whether a label says what the element's text says (read only for elements that have a label). */
function repeatsText(element: Element, label: string): boolean {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return collapse(element.textContent ?? '').includes(collapse(label));
}

/** The element's own stable parts, strongest first. */
function stableParts(element: Element): string[] {
  const parts: string[] = [];
  for (const name of TEST_ID_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (usableValue(value, 2) && !looksGenerated(value)) parts.push(`[${name}=${quoteAttributeValue(value)}]`);
  }
  const id = element.getAttribute('id');
  if (usableValue(id, 2) && !looksGenerated(id) && !GENERATED_ID.test(id) && !GENERATED_CLASS.test(id)) {
    parts.push(/^[A-Za-z][\w-]*$/.test(id) ? `#${id}` : `[id=${quoteAttributeValue(id)}]`);
  }
  const name = element.getAttribute('name');
  if (usableValue(name, 2) && !looksGenerated(name)) parts.push(`[name=${quoteAttributeValue(name)}]`);
  for (const token of (element.getAttribute('class') ?? '').split(/\s+/)) {
    const prefix = CSS_MODULE.exec(token)?.[1];
    if (prefix) {
      // Substring, not prefix: the class need not come first in the attribute.
      if (!looksGenerated(prefix)) parts.push(`[class*=${quoteAttributeValue(prefix)}]`);
    } else if (
      /^[A-Za-z][\w-]*$/.test(token) &&
      token.length <= 40 &&
      !GENERATED_CLASS.test(token) &&
      !STATE_CLASS.test(token) &&
      !looksGenerated(token)
    ) {
      parts.push(`.${token}`);
    }
  }
  // After the names a developer chose: a label is prose for people, and reworded more often. Four digits in it are
  // incident data ("Incident #18342", a time, a count), and a label repeating the element's text is its content
  // (a title, a name): either way the next incident's page differs.
  const label = element.getAttribute('aria-label');
  if (usableValue(label, 3) && !repeatsText(element, label)) {
    parts.push(`[aria-label=${quoteAttributeValue(label)}]`);
  }
  const role = element.getAttribute('role');
  if (role && /^[a-z]+( [a-z]+)*$/.test(role)) parts.push(`[role=${quoteAttributeValue(role)}]`);
  return [...new Set(parts)];
}

/** Compounds for one element, strongest first: each part alone, then with the tag, then two parts with the tag. */
function compounds(element: Element, max: number): string[] {
  const parts = stableParts(element);
  const tag = element.localName;
  const tagged = /^[a-z][a-z0-9-]*$/.test(tag) ? tag : '';
  const out = [...parts, ...parts.map((part) => tagged + part)];
  for (let i = 0; i < parts.length && out.length < max * 2; i++) {
    for (let j = i + 1; j < parts.length; j++) out.push(`${tagged}${parts[i]}${parts[j]}`);
  }
  return [...new Set(out)].slice(0, max);
}

/**
 * A selector whose first match is `element`, rooted where the element lives: `ownerDocument.querySelector(selector)`,
 * or, for an element inside a shadow root, that shadow root's `querySelector` (selectors do not cross into shadow
 * trees). A selector the element alone matches is preferred; one that merely finds it first is the fallback. It
 * rests on at least one attribute or class (a tag alone says too little), looks at the element and at most
 * `MAX_ANCESTORS` ancestors (joined by descendant combinators) and runs at most `MAX_QUERIES` queries.
 * Undefined when nothing stable finds it.
 */
export function stableSelector(element: Element): string | undefined {
  const root = element.getRootNode() as Node & Partial<ParentNode>;
  if (root === element || typeof root.querySelectorAll !== 'function') return undefined;
  const scope = root as ParentNode;

  let queries = 0;
  let firstOnly: string | undefined;
  const tried = new Set<string>();
  /** Whether `selector` matches only `element`; remembers the first selector that at least finds it first. */
  const unique = (selector: string): boolean => {
    if (tried.has(selector) || queries >= MAX_QUERIES) return false;
    tried.add(selector);
    queries++;
    let matches: NodeListOf<Element>;
    try {
      matches = scope.querySelectorAll(selector);
    } catch {
      return false;
    }
    if (matches[0] !== element) return false;
    if (matches.length === 1) return true;
    firstOnly ??= selector;
    return false;
  };

  const own = compounds(element, MAX_OWN);
  for (const compound of own) if (unique(compound)) return compound;

  // The element's own parts with the tag as the last resort: `[data-testid="incidentHeader"] h1`.
  const tag = /^[a-z][a-z0-9-]*$/.test(element.localName) ? element.localName : undefined;
  const inner = [...own.slice(0, 2), ...(tag ? [tag] : [])];
  const ancestors: string[][] = [];
  let parent = element.parentElement;
  for (let depth = 0; parent && depth < MAX_ANCESTORS; depth++, parent = parent.parentElement) {
    const theirs = compounds(parent, MAX_PER_ANCESTOR);
    if (theirs.length > 0) ancestors.push(theirs);
  }
  for (const theirs of ancestors) {
    for (const outer of theirs) {
      for (const mine of inner) {
        const selector = `${outer} ${mine}`;
        if (unique(selector)) return selector;
      }
    }
  }

  // Several ancestors at once, nearest first, then each middle one dropped again while the chain stays unique.
  const mine = inner[0];
  if (mine === undefined || ancestors.length < 2) return firstOnly;
  const chain = [mine];
  for (const theirs of ancestors) {
    chain.unshift(theirs[0] as string);
    if (chain.length > 2 && unique(chain.join(' '))) {
      for (let i = chain.length - 2; i > 0; i--) {
        const shorter = chain.filter((_, index) => index !== i);
        if (unique(shorter.join(' '))) chain.splice(i, 1);
      }
      return chain.join(' ');
    }
  }
  return firstOnly;
}
