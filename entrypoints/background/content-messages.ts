import type { Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { actionApplies, actionButtons, conditionsAwaitValues } from '@/lib/buttons/action-buttons';
import { fail, ok, type Result } from '@/lib/core/result';
import { type DeliveryDeps, deliverAction, previewAction } from '@/lib/delivery/deliver-action';
import { type ContentRequest, ContentRequestSchema } from '@/lib/messaging/messages';
import { contentSenderProblem } from '@/lib/messaging/sender';
import { constantsScope } from '@/lib/model/constants';
import { fixInForce, lockedBy } from '@/lib/model/site-fix';
import { customSource } from '@/lib/sites/custom/page';
import { readIncidentWithToken } from '@/lib/sites/read-with-token.background';
import { INCIDENT_SOURCES, sourceForUrl } from '@/lib/sites/registry';
import { getAction, listActions } from '@/lib/storage/actions-store';
import { getApiAccess } from '@/lib/storage/api-access-store';
import { getConstants } from '@/lib/storage/constants-store';
import { incidentRuns } from '@/lib/storage/log-store';
import { listSiteFixes, saveOwnFix } from '@/lib/storage/site-fixes-store';
import { listCustomSites } from '@/lib/storage/sites-store';

/** A modal left open longer than this is confirmed again: its incident values may be stale. */
const MAX_CONFIRMATION_AGE_MS = 12 * 60 * 60 * 1000;
const MAX_CLOCK_SKEW_MS = 60 * 1000;

const NOT_HERE = 'This action does not apply to this incident on this site (its conditions do not hold)';

export interface RouterDeps extends DeliveryDeps {
  extensionId: string;
}

/** Answers one message from a content script, after checking who sent it and what it says (design rule 1). */
export async function handleContentMessage(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  deps: RouterDeps,
): Promise<Result<unknown>> {
  // Sites the user defined count as incident sites too; the content script only runs on granted ones.
  const customSites = await listCustomSites(deps.db);
  const problem = contentSenderProblem(
    sender,
    deps.extensionId,
    customSites.map((site) => site.urlPattern),
  );
  if (problem) return fail(`Refused: ${problem}`);
  const parsed = ContentRequestSchema.safeParse(message);
  if (!parsed.success) return fail('Refused: malformed request');
  const request: ContentRequest = parsed.data;

  const senderUrl = new URL(sender.url ?? '');
  if (request.type === 'customSite') {
    return ok(customSites.find((site) => new MatchPattern(site.urlPattern).includes(senderUrl.href)) ?? null);
  }
  const sources = [...INCIDENT_SOURCES, ...customSites.map(customSource)];
  if (request.type === 'siteFix' || request.type === 'saveSiteFix') {
    // The site is the one the sender's page is on, never one the script names.
    const site = sourceForUrl(senderUrl, sources)?.source.id;
    if (!site) return fail('Refused: not an incident page');
    if (request.type === 'siteFix') {
      const fixes = await listSiteFixes(deps.db);
      return ok({ fix: fixInForce(fixes, site) ?? null, locked: lockedBy(fixes, site) });
    }
    const saved = await saveOwnFix(deps.db, site, request.change, (deps.now ?? Date.now)());
    return saved.ok ? ok(saved.fix) : fail(saved.error);
  }
  // The incident must come from the page that sent it, not from another site the script claims to be on.
  if (new URL(request.incident.url).origin !== senderUrl.origin) return fail('Refused: incident from another origin');
  if (request.incident.site !== sourceForUrl(senderUrl, sources)?.source.id) {
    return fail('Refused: incident from another site');
  }
  if (request.type === 'listActions') {
    const [actions, constants] = await Promise.all([listActions(deps.db), getConstants(deps.db)]);
    return ok({
      buttons: actionButtons(actions, constants, request.incident),
      awaitsValues: conditionsAwaitValues(actions, constants, request.incident),
    });
  }
  if (request.type === 'incidentFromApi') {
    return readIncidentWithToken(deps, await getApiAccess(deps.db, request.incident.site), request.incident);
  }
  if (request.type === 'incidentRuns') return ok(await incidentRuns(deps.db, request.incident));

  const age = (deps.now ?? Date.now)() - request.invocation.createdAt;
  if (age > MAX_CONFIRMATION_AGE_MS || age < -MAX_CLOCK_SKEW_MS) {
    return fail('This confirmation is too old: close the dialog and click the button again');
  }
  // Only an action whose button this incident shows: a content script cannot run one off-site, or with an
  // incident forged to pass no conditions.
  const [action, constants] = await Promise.all([getAction(deps.db, request.actionId), getConstants(deps.db)]);
  if (action && !actionApplies(action, constantsScope(constants), request.incident)) return fail(NOT_HERE);
  if (request.type === 'previewRequest') {
    return previewAction(deps.db, request.actionId, request.incident, request.answers, request.invocation);
  }
  return deliverAction(deps, request.actionId, request.incident, request.answers, request.invocation, {
    sendNow: request.sendNow === true,
    shown: request.shown,
  });
}
