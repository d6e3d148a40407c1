import { fail, ok, type Result } from '../core/result';
import type { Action } from '../model/action';
import type { IncidentSnapshot } from '../model/incident';
import type { Invocation } from '../model/invocation';
import type { LifecycleEvent } from '../model/lifecycle';
import type { RenderedRequest } from '../model/request';
import { applyAuth } from './auth';
import { customFieldChangesFrom } from './field-changes';
import { renderJsonBody } from './json-body';
import { changedFieldsOf, promptValues } from './prompts';
import { type CustomFieldChanges, eventValues, invocationValues, requestScope, startEvent } from './request-scope';
import { buildScope } from './scope';
import { isMaskingSecrets, maskingSecretOutputs, renderTemplate } from './template';
import { rawOutputProblem, renderUrl } from './url';

export interface RenderContext {
  /** The responder's answers to the action's questions, as typed. */
  answers?: Readonly<Record<string, string>>;
  constants?: Record<string, string>;
  /** Saved secrets by name: `{{ secrets.<name> }}`, auth. */
  secrets?: Record<string, string>;
  /** The confirmed click this request belongs to; a preview that is never sent gets a fresh one. */
  invocation?: Invocation;
  /** The invocation's event this request sends (an action with a lifecycle); absent: the invocation's own. */
  event?: LifecycleEvent;
  /**
   * Custom fields the responder changed in the modal, by name: the new values. PagerDuty's field event
   * (`{{ pagerduty.field_values }}`) lists exactly these as changed; without them it lists none.
   */
  customFieldChanges?: CustomFieldChanges;
}

/**
 * Renders an action against an incident. Runs in the background (and the options page's preview) only: the
 * content script never sees an action's headers or URL template, and never supplies a URL.
 */
export function renderRequest(
  action: Action,
  incident: IncidentSnapshot,
  context: RenderContext = {},
): Result<RenderedRequest> {
  const params = promptValues(action.prompts, context.answers ?? {});
  if (!params.ok) return params;
  const built = buildScope(incident, action.variables, params.value, context.constants);
  if (!built.ok) return built;
  const secrets = context.secrets ?? {};
  const invocation = context.invocation ?? { id: crypto.randomUUID(), createdAt: Date.now() };
  // The URL may use secrets and the invocation; the rest may also name the URL it goes to.
  const event = eventValues(context.event ?? startEvent(action, invocation));
  const url = renderUrl(action.url, { ...built.value, invocation: invocationValues(invocation), event, secrets });
  if (!url.ok) return url;
  const scope = {
    ...built.value,
    ...requestScope(
      incident,
      invocation,
      { id: action.id, label: action.label, url: url.value },
      secrets,
      context.customFieldChanges ?? customFieldChangesFrom(incident, changedFieldsOf(action.prompts, params.value)),
    ),
    event,
  };

  const headers: RenderedRequest['headers'] = [];
  for (const header of action.headers) {
    const value = renderTemplate(header.value, scope);
    if (!value.ok) return value;
    // The mask is no header text; the real render has made these checks.
    if (isMaskingSecrets()) {
      headers.push([header.name, value.value]);
      continue;
    }
    // A line break would start a new header or the body: refuse rather than strip (design rule 4).
    if (/[\r\n\0]/.test(value.value))
      return fail(`The value of header "${header.name}" would contain a line break: refused`);
    // fetch() throws on a header byte above 0xFF; say so here instead of "could not reach the endpoint".
    if (/[^\t\x20-\xff]/.test(value.value))
      return fail(`The value of header "${header.name}" has characters a header cannot carry: put it in the body`);
    headers.push([header.name, value.value]);
  }

  // The same on every attempt of one event, so a receiver can drop a repeat (an action may set its own).
  if (!headers.some(([name]) => name.toLowerCase() === 'idempotency-key')) headers.push(['Idempotency-Key', event.id]);
  const authed = applyAuth({ method: action.method, url: url.value, headers }, action.auth, secrets);
  if (!authed.ok) return authed;
  if (action.body.trim() === '') return authed;
  const body = renderBody(action, scope);
  if (!body.ok) return body;
  const withType = authed.value.headers.some(([name]) => name.toLowerCase() === 'content-type')
    ? authed.value.headers
    : [...authed.value.headers, ['Content-Type', body.value.type] as [string, string]];
  return ok({ ...authed.value, headers: withType, body: body.value.text });
}

/**
 * The request as it may be shown: rendered again with every output that comes from a secret masked, whatever
 * filters it went through (design rule 10). The same context as the real render gives the same ids.
 */
export function renderShownRequest(
  action: Action,
  incident: IncidentSnapshot,
  context: RenderContext = {},
): Result<RenderedRequest> {
  return maskingSecretOutputs(() => renderRequest(action, incident, context));
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
  const raw = format === 'form' ? rawOutputProblem(action.body, 'a form body') : undefined;
  if (raw) return fail(raw);
  const encode = format === 'form' ? (value: string) => encodeURIComponent(value).replace(/%20/g, '+') : undefined;
  const text = renderTemplate(action.body, scope, encode);
  return text.ok ? ok({ text: text.value, type }) : text;
}
