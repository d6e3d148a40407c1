import * as z from 'zod/mini';

/**
 * An invocation's lifecycle: the confirmed click sends its first event, and each follow-up event of the same
 * invocation is sent when the first event's run ends, chosen by how it ended. So a follow-up reports a state
 * that was observed (the receiver's answer), never one written in at click time.
 *
 * - `delivered`: the receiver answered 2xx.
 * - `failed`: the run ended without a 2xx: a final answer (another 4xx, a redirect) or no attempt left
 *   (5xx, 429, no answer until the policy gave up, an attempt interrupted with none left).
 *
 * A run refused before anything left (a missing value, an origin not granted) sends no follow-up: nothing
 * was observed. Follow-ups go through the outbox like any run (logged, retried, resumed after a restart),
 * each with its own event id, `Idempotency-Key` and signature.
 */
const FOLLOW_UP_WHEN = ['delivered', 'failed'] as const;

const eventType = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const eventState = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'A state is lower-case letters, digits and _ (e.g. completed)'));

const EventSchema = z.strictObject({
  /** `{{ event.type }}`, e.g. `incident.action_invocation.created`. */
  type: eventType,
  /** `{{ event.state }}`, e.g. `created`. */
  state: eventState,
});

export const LifecycleSchema = z.strictObject({
  /** The event the confirmed click sends. */
  start: EventSchema,
  /** Sent after the first event's run ends, each when its `when` is how it ended. */
  followUps: z
    .array(z.strictObject({ when: z.enum(FOLLOW_UP_WHEN), type: eventType, state: eventState }))
    .check(z.maxLength(4)),
});
export type Lifecycle = z.infer<typeof LifecycleSchema>;

/**
 * One event of an invocation, as the request renders it (`{{ event.* }}`): its own id (the event id, the
 * `Idempotency-Key` and `X-Webhook-Id` of its attempts), its type and state, and when it happened.
 */
export interface LifecycleEvent {
  id: string;
  /** Absent for an action without a lifecycle: its one event is the invocation itself. */
  type?: string;
  state?: string;
  /** ms since the epoch: the click for the first event, the observed end of the first run for a follow-up. */
  occurredAt: number;
  /** The run whose outcome this follow-up reports. */
  followUpOf?: string;
}
