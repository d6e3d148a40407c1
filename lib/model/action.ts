import * as z from 'zod/mini';
import { AuthSchema, HEADER_NAME } from './auth';
import { DeliveryPolicySchema } from './delivery-policy';
import { LifecycleSchema } from './lifecycle';
import { isPlainHttpOffMachine, PLAIN_HTTP_REFUSED } from './plain-http';
import { SIGNING_HEADERS, SigningSchema } from './signing';
import { ConditionsSchema, PromptSchema, VariableSchema } from './variables';

export const HTTP_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export const BODY_FORMATS = ['json', 'text', 'form'] as const;

const HeaderSchema = z.strictObject({
  name: z.string().check(z.regex(HEADER_NAME, 'A header name is letters, digits and - (no spaces or colons)')),
  /** A template (lib/render/action-rules.ts checks it). */
  value: z.string().check(z.maxLength(8_192)),
  /** Masked in the confirmation modal and the log; never sent to a content script. */
  secret: z.boolean(),
});
export type Header = z.infer<typeof HeaderSchema>;

/**
 * Where an action came from, when it is not the user's own: a team subscription (read-only, replaced at
 * each refresh) or the browser policy (locked). Neither can be edited or removed here; either can be
 * duplicated into an action of one's own.
 */
export const ManagedBySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('subscription'), subscriptionId: z.string().check(z.maxLength(100)) }),
  z.strictObject({ kind: z.literal('policy') }),
]);
export type ManagedBy = z.infer<typeof ManagedBySchema>;

/**
 * The fields of an action, without the rules across them. `ActionSchema` (lib/render/action-rules.ts) adds
 * those and the template rules: the label, URL, header values and body are templates the renderer checks.
 */
export const ActionFieldsSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  label: z
    .string()
    .check(z.trim(), z.minLength(1, 'Give the button a label'), z.maxLength(60, 'Keep the label under 60 characters')),
  enabled: z.boolean(),
  method: z.enum(HTTP_METHODS),
  url: z.string().check(z.trim(), z.maxLength(2_048)),
  headers: z.array(HeaderSchema).check(z.maxLength(50)),
  /**
   * How the body is written and sent: JSON whose string values are templates (the default), a plain-text
   * template, or a form (`key={{...}}&key2=...`, values form-encoded). Empty means no body.
   */
  bodyFormat: z.optional(z.enum(BODY_FORMATS)),
  body: z.string().check(z.maxLength(262_144)),
  /** Computed in order, each able to use the ones before it. */
  variables: z.optional(z.array(VariableSchema).check(z.maxLength(30))),
  /** Asked in the modal before sending. */
  prompts: z.optional(z.array(PromptSchema).check(z.maxLength(10))),
  /** Where the button shows; absent: on every incident. */
  conditions: z.optional(ConditionsSchema),
  /** A saved secret put where the receiver looks for it (bearer, basic, a header, a query parameter). */
  auth: z.optional(AuthSchema),
  /** A signature over the exact bytes sent, for receivers that verify one. */
  signing: z.optional(SigningSchema),
  /** Timeout, attempts, time limit and body cap; absent: PagerDuty's (16 s, 5 attempts, 20 minutes, 256 KB). */
  delivery: z.optional(DeliveryPolicySchema),
  /** The invocation's events: the first one at the click, follow-ups from its real outcome (lib/model/lifecycle.ts). */
  lifecycle: z.optional(LifecycleSchema),
  /** Post the final result to the incident as a note, with the API token saved for its site (PagerDuty). */
  postNote: z.optional(z.boolean()),
  /** Sends over plain `http:` to another machine are allowed (lib/model/plain-http.ts); the modal says so. */
  allowPlainHttp: z.optional(z.boolean()),
  /** Absent for the user's own actions. */
  managedBy: z.optional(ManagedBySchema),
  /** Imported enabled, but its endpoint's origin was not granted: enabled when it is. */
  awaitingGrant: z.optional(z.boolean()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** The rules across an action's fields that need no template engine, each issue at the field it concerns. */
export const actionStructureRules = z.superRefine((action: z.infer<typeof ActionFieldsSchema>, ctx) => {
  if ((action.method === 'GET' || action.method === 'DELETE') && action.body.trim() !== '') {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `${action.method} requests carry no body`,
      input: action,
    });
  }
  if (!action.allowPlainHttp && isPlainHttpOffMachine(action.url)) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: PLAIN_HTTP_REFUSED, input: action });
  }
  const names = action.headers.map((header) => header.name.toLowerCase());
  const written = writtenHeaders(action);
  names.forEach((name, index) => {
    const message =
      names.indexOf(name) !== index
        ? 'This header is already set'
        : written.has(name)
          ? `This header is written by the action's ${written.get(name)}: remove it here`
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: ['headers', index, 'name'], message, input: action });
  });
});

/** An action as it is stored: its fields, checked one by one and across (`ActionSchema` checks its templates too). */
export type Action = z.infer<typeof ActionFieldsSchema>;

/**
 * What a content script may know of an action: its button (the label rendered for this incident) and the
 * questions the modal asks. Nothing that could leak a secret: no URL, headers or body.
 */
export type ActionButton = Pick<Action, 'id' | 'label' | 'prompts'>;

export function newAction(now = Date.now()): Action {
  return {
    id: crypto.randomUUID(),
    label: '',
    enabled: true,
    method: 'POST',
    url: 'https://',
    headers: [],
    body: '{\n  "incident_id": "{{incident.id}}",\n  "title": "{{incident.title}}"\n}',
    createdAt: now,
    updatedAt: now,
  };
}

/** Headers the action's auth and signing write, by lower-case name, with what writes them. */
function writtenHeaders(action: Action): Map<string, string> {
  const written = new Map<string, string>();
  if (action.auth?.kind === 'bearer' || action.auth?.kind === 'basic') written.set('authorization', 'authentication');
  if (action.auth?.kind === 'header') written.set(action.auth.header.toLowerCase(), 'authentication');
  for (const name of action.signing ? SIGNING_HEADERS[action.signing.scheme] : []) written.set(name, 'signing');
  return written;
}
