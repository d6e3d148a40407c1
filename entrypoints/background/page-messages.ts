import * as z from 'zod/mini';
import { fail, type Result } from '@/lib/core/result';
import { type DeliveryDeps, deliverAction } from '@/lib/delivery/deliver-action';
import { getLogDetails, getLogEntry } from '@/lib/storage/log-store';

/**
 * What the extension's own pages (the options page) ask of the background. Only what must run in the
 * background: a send goes through the outbox there, so its retries go on after the page is closed.
 */
export const PageRequestSchema = z.discriminatedUnion('type', [
  /** Sends a logged run again: the same action, incident values and answers, as a new invocation. */
  z.strictObject({ type: z.literal('resend'), logId: z.string().check(z.minLength(1), z.maxLength(100)) }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;

/** A sender that is one of this extension's pages, not a content script or another extension (rule 1). */
export function isExtensionPage(
  sender: { id?: string; url?: string; tab?: unknown },
  extensionId: string,
  pagesUrl: string,
) {
  return sender.id === extensionId && sender.url?.startsWith(pagesUrl) === true;
}

export async function handlePageMessage(message: unknown, deps: DeliveryDeps): Promise<Result<unknown>> {
  const parsed = PageRequestSchema.safeParse(message);
  if (!parsed.success) return fail('Refused: malformed request');
  const { logId } = parsed.data;
  const [entry, details] = await Promise.all([getLogEntry(deps.db, logId), getLogDetails(deps.db, logId)]);
  if (!entry || !details?.incident)
    return fail('This run is no longer in the history, or was logged without its values');
  const invocation = { id: crypto.randomUUID(), createdAt: (deps.now ?? Date.now)() };
  return deliverAction(deps, entry.actionId, details.incident, details.answers, invocation, entry.id);
}
