import type { Browser } from 'wxt/browser';
import { type DeliveryDeps, deliverAction, previewAction } from '../delivery/deliver-action';
import { fail, ok, type Result } from '../render/result';
import { sourceForUrl } from '../sources/registry';
import { listActionButtons } from '../storage/actions-store';
import { type ContentRequest, ContentRequestSchema } from './messages';
import { contentSenderProblem } from './sender';

export interface RouterDeps extends DeliveryDeps {
  extensionId: string;
  onLogChanged: () => void;
}

/** Answers one message from a content script, after checking who sent it and what it says (rule 1). */
export async function handleContentMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  deps: RouterDeps,
): Promise<Result<unknown>> {
  const problem = contentSenderProblem(sender, deps.extensionId);
  if (problem) return fail(`Refused: ${problem}`);
  const parsed = ContentRequestSchema.safeParse(message);
  if (!parsed.success) return fail('Refused: malformed request');
  const request: ContentRequest = parsed.data;

  if (request.type === 'listActions') return ok(await listActionButtons(deps.db));
  // The incident must come from the page that sent it, not from another site the script claims to be on.
  const senderUrl = new URL(sender.url ?? '');
  if (new URL(request.incident.url).origin !== senderUrl.origin) return fail('Refused: incident from another origin');
  if (request.incident.site !== sourceForUrl(senderUrl)?.source.id) return fail('Refused: incident from another site');
  if (request.type === 'previewRequest') return previewAction(deps.db, request.actionId, request.incident);

  const delivered = await deliverAction(deps, request.actionId, request.incident);
  deps.onLogChanged();
  return delivered;
}
