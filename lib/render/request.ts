import type { Action } from '../model/action';
import type { IncidentSnapshot } from '../model/incident';
import { renderJsonBody } from './json-body';
import { promptValues } from './prompts';
import { fail, ok, type Result } from './result';
import { buildScope } from './scope';
import { renderTemplate } from './template';
import { renderUrl } from './url';

/** The request exactly as it will leave the browser. */
export interface RenderedRequest {
  method: Action['method'];
  url: string;
  headers: [name: string, value: string][];
  body?: string;
}

/**
 * Renders an action against an incident. Runs in the background only: the content script never sees an
 * action's headers or URL template, and never supplies a URL.
 */
export function renderRequest(
  action: Action,
  incident: IncidentSnapshot,
  answers: Readonly<Record<string, string>> = {},
  constants: Record<string, string> = {},
): Result<RenderedRequest> {
  const params = promptValues(action.prompts, answers);
  if (!params.ok) return params;
  const built = buildScope(incident, action.variables, params.value, constants);
  if (!built.ok) return built;
  const scope = built.value;
  const url = renderUrl(action.url, scope);
  if (!url.ok) return url;

  const headers: RenderedRequest['headers'] = [];
  for (const header of action.headers) {
    const value = renderTemplate(header.value, scope);
    if (!value.ok) return value;
    // A line break would start a new header or the body: refuse rather than strip (rule 4).
    if (/[\r\n\0]/.test(value.value))
      return fail(`The value of header "${header.name}" would contain a line break: refused`);
    // fetch() throws on a header byte above 0xFF; say so here instead of "could not reach the endpoint".
    if (/[^\t\x20-\xff]/.test(value.value))
      return fail(`The value of header "${header.name}" has characters a header cannot carry: put it in the body`);
    headers.push([header.name, value.value]);
  }

  if (action.body.trim() === '') return ok({ method: action.method, url: url.value, headers });
  const body = renderBody(action, scope);
  if (!body.ok) return body;
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.value.type]);
  return ok({ method: action.method, url: url.value, headers, body: body.value.text });
}

const CONTENT_TYPES = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  form: 'application/x-www-form-urlencoded',
} as const;

/**
 * The body in the action's format. JSON is built structurally and stringified once; a form encodes each
 * value (so a value cannot add a field); plain text is the template's text.
 */
function renderBody(action: Action, scope: object): Result<{ text: string; type: string }> {
  const format = action.bodyFormat ?? 'json';
  const type = CONTENT_TYPES[format];
  if (format === 'json') {
    const tree = renderJsonBody(action.body, scope);
    return tree.ok ? ok({ text: JSON.stringify(tree.value), type }) : tree;
  }
  const encode = format === 'form' ? (value: string) => encodeURIComponent(value).replace(/%20/g, '+') : undefined;
  const text = renderTemplate(action.body, scope, encode);
  return text.ok ? ok({ text: text.value, type }) : text;
}

export const MASK = '••••••••';
const SENSITIVE_HEADER = /authorization|token|secret|password|api[-_]?key|cookie|signature/i;

/** Secret header values replaced by a mask, for the modal and the log (rule 2). */
export function maskRequest(request: RenderedRequest, action: Action): RenderedRequest {
  const secretNames = new Set(action.headers.filter((h) => h.secret).map((h) => h.name.toLowerCase()));
  return {
    ...request,
    headers: request.headers.map(([name, value]) =>
      secretNames.has(name.toLowerCase()) || SENSITIVE_HEADER.test(name) ? [name, MASK] : [name, value],
    ),
  };
}
