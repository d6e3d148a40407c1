import * as z from 'zod/mini';

/**
 * One confirmed click: made by the modal when it opens and kept while it is open, so the preview and the send
 * render the same `{{ invocation.* }}`, and a second Send of the same confirmation is refused. Its id is the
 * log row's key, the `Idempotency-Key` of every attempt, and the webhook and event id of PagerDuty's shapes.
 * Like any idempotency key, the client makes it; the background only checks it.
 */
export const InvocationSchema = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)),
  /** When the responder opened the confirmation, ms since the epoch. */
  createdAt: z.number().check(z.int()),
});
export type Invocation = z.infer<typeof InvocationSchema>;
