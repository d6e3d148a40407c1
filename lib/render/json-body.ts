import { fail, ok, type Result } from '../core/result';
import { missingMessage, renderSoleValue, renderTemplate } from './template';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Renders a JSON body template structurally: the template is parsed, each string leaf is rendered, and the
 * tree is stringified once. Incident data can never add a key or close a string (design rule 4). A leaf that is
 * exactly one output takes the value with its type (`"{{incident.number}}"` gives a number, a list a list);
 * other leaves are text. Object keys are kept literal.
 */
export function renderJsonBody(template: string, scope: object): Result<Json> {
  let tree: Json;
  try {
    tree = JSON.parse(template) as Json;
  } catch (error) {
    return fail(`The body template is not valid JSON: ${(error as Error).message}`);
  }
  const missing = new Set<string>();
  const rendered = renderNode(tree, scope, missing);
  if (!rendered.ok) return rendered;
  return missing.size > 0 ? fail(missingMessage([...missing])) : rendered;
}

function renderNode(node: Json, scope: object, missing: Set<string>): Result<Json> {
  if (typeof node === 'string') return renderLeaf(node, scope, missing);
  if (Array.isArray(node)) return all(node.map((item) => renderNode(item, scope, missing)));
  if (node !== null && typeof node === 'object') {
    const entries = Object.entries(node);
    const values = all(entries.map(([, value]) => renderNode(value, scope, missing)));
    if (!values.ok) return values;
    // fromEntries defines own properties, so a "__proto__" key in the template stays a plain key.
    return ok(Object.fromEntries(entries.map(([key], index) => [key, (values.value as Json[])[index] ?? null])));
  }
  return ok(node);
}

function renderLeaf(template: string, scope: object, missing: Set<string>): Result<Json> {
  const sole = renderSoleValue(template, scope, missing);
  if (sole) return sole.ok ? ok(asJson(sole.value)) : sole;
  return renderTemplate(template, scope, undefined, missing);
}

/** Plain data as JSON carries it: a date as ISO text; anything else (undefined, NaN, a function) as null. */
function asJson(value: unknown): Json {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(asJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([key, item]) => [key, asJson(item)]));
  }
  return null;
}

function all(results: Result<Json>[]): Result<Json> {
  const values: Json[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return ok(values);
}
