/** Reading an incident page's DOM: the helpers every page adapter shares. */
/** Text of the first selector that has some, whitespace collapsed. */
export function firstText(root: ParentNode, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const text = root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}

export function firstElement(root: ParentNode, selectors: readonly string[]): Element | undefined {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return undefined;
}

/**
 * Values shown next to a visible label, keyed by the label's text (lower-case, whitespace collapsed, a
 * trailing colon dropped): `<dt>Label</dt><dd>value</dd>`, `<th>Label:</th><td>value</td>`, and any element
 * matching `labelSelector` followed by its value. Vendors rename classes with every build; the words a
 * responder reads change far less often.
 */
export function labelledValues(root: ParentNode, labelSelector?: string): Map<string, Element> {
  const values = new Map<string, Element>();
  const key = (element: Element) =>
    (element.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/:$/, '').trim().toLowerCase();
  // [label selector, tag the value element must have ('' = any)]
  const kinds: [string, string][] = [
    ['dt', 'DD'],
    ['tr > th', 'TD'],
  ];
  if (labelSelector) kinds.push([labelSelector, '']);
  for (const [selector, valueTag] of kinds) {
    for (const label of root.querySelectorAll(selector)) {
      const value = label.nextElementSibling;
      if (!value || (valueTag !== '' && value.tagName !== valueTag) || values.has(key(label))) continue;
      values.set(key(label), value);
    }
  }
  return values;
}

/** An element's text, whitespace collapsed; undefined when empty. */
export function textOf(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}
