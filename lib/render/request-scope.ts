import type { IncidentSnapshot } from '../model/incident';
import type { Invocation } from '../model/invocation';
import {
  type CustomFieldChanges,
  PAGERDUTY_SHAPE_NAMES,
  pagerDutyShapes,
  type RequestAction,
} from '../sites/pagerduty/webhook-shapes';
import { maskSecretValues } from './mask';

export type { CustomFieldChanges, RequestAction };

/**
 * What the URL, headers and body can name besides the incident, variables, questions and constants. They
 * exist only while the request is built in the background, so a label or a condition (rendered for the
 * incident page) cannot use them; `secrets.<name>` likewise.
 */
export const REQUEST_VARIABLES = [
  'invocation.id',
  'invocation.created_at',
  'invocation.timestamp',
  'action.id',
  'action.label',
  'action.url',
  ...PAGERDUTY_SHAPE_NAMES.map((name) => `pagerduty.${name}`),
] as const;
const KNOWN = new Set<string>(REQUEST_VARIABLES);

export function isRequestVariable(name: string): boolean {
  // Inside a shape: `pagerduty.incident.service.summary`.
  return KNOWN.has(name) || /^pagerduty\.[a-z_0-9]+\./.test(name);
}

/** The request-time part of the template scope. */
export function requestScope(
  incident: IncidentSnapshot,
  invocation: Invocation,
  action: RequestAction,
  secrets: Record<string, string>,
  customFieldChanges?: CustomFieldChanges,
) {
  return {
    invocation: invocationValues(invocation),
    action,
    secrets,
    pagerduty: pagerDutyShapes(incident, invocation, {
      action,
      // V2's webhook.endpoint_url names the endpoint, as PagerDuty's does; a secret in it stays out of the body.
      endpointUrl: maskSecretValues(action.url, Object.values(secrets)),
      customFieldChanges,
    }),
  };
}

/** `{{ invocation.id }}`, `{{ invocation.created_at }}` (ISO 8601) and `{{ invocation.timestamp }}` (seconds). */
export function invocationValues(invocation: Invocation) {
  return {
    id: invocation.id,
    created_at: new Date(invocation.createdAt).toISOString(),
    timestamp: Math.floor(invocation.createdAt / 1000),
  };
}
