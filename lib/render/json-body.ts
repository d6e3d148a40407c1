import { interpolate, type Lookup, missingMessage, soleVariable } from './placeholders';
import { fail, ok, type Result } from './result';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Renders a JSON body template structurally: the template is parsed, values are placed into string
 * leaves, and the tree is stringified once. Incident data can never add a key or close a string (rule 4).
 * Object keys are kept literal.
 */
export function renderJsonBody(template: string, lookup: Lookup): Result<Json> {
  let tree: Json;
  try {
    tree = JSON.parse(template) as Json;
  } catch (error) {
    return fail(`The body template is not valid JSON: ${(error as Error).message}`);
  }
  const missing = new Set<string>();
  const rendered = renderNode(tree, lookup, missing);
  return missing.size > 0 ? fail(missingMessage([...missing])) : ok(rendered);
}

function renderNode(node: Json, lookup: Lookup, missing: Set<string>): Json {
  if (typeof node === 'string') return renderLeaf(node, lookup, missing);
  if (Array.isArray(node)) return node.map((item) => renderNode(item, lookup, missing));
  if (node !== null && typeof node === 'object') {
    // fromEntries defines own properties, so a "__proto__" key in the template stays a plain key.
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, renderNode(value, lookup, missing)]));
  }
  return node;
}

function renderLeaf(template: string, lookup: Lookup, missing: Set<string>): Json {
  const sole = soleVariable(template);
  if (sole !== undefined) {
    // A leaf that is one placeholder takes the value itself (typed values arrive with the variables issue).
    const value = lookup(sole);
    if (value === undefined) missing.add(sole);
    return value ?? '';
  }
  return interpolate(template, lookup, missing);
}
