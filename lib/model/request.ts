import * as z from 'zod/mini';
import { HTTP_METHODS } from './action';

/**
 * A request exactly as it leaves the browser: rendered, authenticated and signed. Shown (with secrets masked)
 * in the modal and the editor's preview, and kept so in the log.
 */
export const RenderedRequestSchema = z.strictObject({
  method: z.enum(HTTP_METHODS),
  url: z.string(),
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.optional(z.string()),
});
export type RenderedRequest = z.infer<typeof RenderedRequestSchema>;
