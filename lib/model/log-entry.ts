import * as z from 'zod/mini';
import { IncidentSnapshotSchema } from './incident';
import { ATTEMPT_OUTCOMES, OUTCOMES } from './outcome';
import { RenderedRequestSchema } from './request';

export const RESPONSE_EXCERPT_CHARS = 2_000;
/** Response headers kept per attempt, each value cut to 500 characters. */
export const RESPONSE_HEADERS_KEPT = 40;

/** Another run, named as the page shows it: "the run of 14:02". */
const RunRefSchema = z.strictObject({ id: z.string(), createdAt: z.number() });
export type RunRef = z.infer<typeof RunRefSchema>;

/**
 * One confirmed click, as the history lists it: small, read a page at a time by the history. Its id is
 * the invocation's, which is also the `Idempotency-Key` every attempt carries. What is big (the request,
 * each attempt's answer) is in its `LogDetails`, read when a row is opened.
 */
const LogEntrySchema = z.strictObject({
  id: z.string(),
  actionId: z.string(),
  actionLabel: z.string(),
  incident: z.strictObject({ site: z.string(), id: z.string(), title: z.optional(z.string()), url: z.string() }),
  /** The responder, when the incident page names the signed-in user. */
  who: z.optional(z.string()),
  outcome: z.enum(OUTCOMES),
  /** The last attempt's status and time. */
  httpStatus: z.optional(z.number()),
  latencyMs: z.optional(z.number()),
  error: z.optional(z.string()),
  attemptCount: z.number(),
  /** While `retrying`: when the next attempt is due. */
  nextAttemptAt: z.optional(z.number()),
  createdAt: z.number(),
  finishedAt: z.optional(z.number()),
  /**
   * While `queued`: the earlier run of the same action on the same incident it waits behind (its id and when it
   * was clicked), as PagerDuty queues an extension's later webhooks for an incident behind a failing one.
   */
  queuedBehind: z.optional(RunRefSchema),
  /** The responder chose "Send now": this run went ahead of that earlier one, still pending when it was clicked. */
  sentAhead: z.optional(RunRefSchema),
  /** The log row this one sent again, from the history. */
  resentFrom: z.optional(z.string()),
  /** The invocation event this run sent, when the action has a lifecycle (lib/model/lifecycle.ts). */
  event: z.optional(z.strictObject({ type: z.string(), state: z.string(), followUpOf: z.optional(z.string()) })),
  /** The result posted back to the incident as a note (PagerDuty), when the action asks for it. */
  note: z.optional(z.strictObject({ outcome: z.enum(['posted', 'failed']), error: z.optional(z.string()) })),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

const AttemptSchema = z.strictObject({
  number: z.number(),
  startedAt: z.number(),
  /** Absent while the attempt is in flight; `interrupted` when the worker was stopped during it. */
  finishedAt: z.optional(z.number()),
  outcome: z.optional(z.enum(ATTEMPT_OUTCOMES)),
  httpStatus: z.optional(z.number()),
  latencyMs: z.optional(z.number()),
  responseHeaders: z.optional(z.array(z.tuple([z.string(), z.string()]))),
  responseExcerpt: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type Attempt = z.infer<typeof AttemptSchema>;

const LogDetailsSchema = z.strictObject({
  id: z.string(),
  /** The request as first sent, secrets masked. */
  request: z.optional(RenderedRequestSchema),
  attempts: z.array(AttemptSchema),
  /** What the click sent, so the history can send it again (incident values and answers, no secrets). */
  incident: z.optional(IncidentSnapshotSchema),
  answers: z.optional(z.record(z.string(), z.string())),
});
export type LogDetails = z.infer<typeof LogDetailsSchema>;

/** A run as the incident's timeline shows it: its log row and the start of its last answer. */
export interface IncidentRun extends LogEntry {
  lastResponse?: string;
}
