import { fail, type Result } from '@/lib/core/result';
import { type DeliveryDeps, deliverAction } from '@/lib/delivery/deliver-action';
import { PageRequestSchema } from '@/lib/messaging/messages';
import { getLogDetails, getLogEntry } from '@/lib/storage/log-store';

export async function handlePageMessage(message: unknown, deps: DeliveryDeps): Promise<Result<unknown>> {
  const parsed = PageRequestSchema.safeParse(message);
  if (!parsed.success) return fail('Refused: malformed request');
  const { logId } = parsed.data;
  const [entry, details] = await Promise.all([getLogEntry(deps.db, logId), getLogDetails(deps.db, logId)]);
  if (!entry || !details?.incident)
    return fail('This run is no longer in the history, or was logged without its values');
  // A follow-up reports how its invocation's first event went: sending the action again starts a new invocation.
  if (entry.event?.followUpOf)
    return fail('This is a follow-up event, sent from how the first one ended: re-send the first run instead');
  const invocation = { id: crypto.randomUUID(), createdAt: (deps.now ?? Date.now)() };
  return deliverAction(deps, entry.actionId, details.incident, details.answers, invocation, { resentFrom: entry.id });
}
