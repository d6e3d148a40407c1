import * as z from 'zod/mini';
import { HTTP_METHODS } from './action';

export const RESPONSE_EXCERPT_CHARS = 2_000;

export const LogEntrySchema = z.strictObject({
  id: z.string(),
  actionId: z.string(),
  actionLabel: z.string(),
  incident: z.strictObject({ site: z.string(), id: z.string(), title: z.optional(z.string()), url: z.string() }),
  /** The request as sent, with secret header values masked. */
  request: z.optional(
    z.strictObject({
      method: z.enum(HTTP_METHODS),
      url: z.string(),
      headers: z.array(z.tuple([z.string(), z.string()])),
      body: z.optional(z.string()),
    }),
  ),
  /** `sending` is committed before the request leaves, so a send that never finishes still shows. */
  outcome: z.enum(['sending', 'delivered', 'rejected', 'failed', 'not-sent']),
  httpStatus: z.optional(z.number()),
  latencyMs: z.optional(z.number()),
  responseExcerpt: z.optional(z.string()),
  error: z.optional(z.string()),
  createdAt: z.number(),
  finishedAt: z.optional(z.number()),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type Outcome = LogEntry['outcome'];
