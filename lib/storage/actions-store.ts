import { actionShows } from '../buttons/conditions';
import type { Action, ActionButton } from '../model/action';
import { ActionSchema } from '../model/action';
import { constantsScope } from '../model/constants';
import type { IncidentSnapshot } from '../model/incident';
import { promptsWithDefaults } from '../render/prompts';
import { buildScope } from '../render/scope';
import { renderTemplate } from '../render/template';
import { getConstants } from './constants-store';
import type { Database } from './database';

export async function listActions(db: Database): Promise<Action[]> {
  const actions = await db.getAll('actions');
  return actions.sort((a, b) => a.createdAt - b.createdAt);
}

export function getAction(db: Database, id: string): Promise<Action | undefined> {
  return db.get('actions', id);
}

/**
 * Saves the user's own action. Validates again at the boundary: nothing reaches the store that the sender
 * would refuse to render. An action from a subscription or the policy is not the user's to change: the
 * refusal says how to get one that is.
 */
export async function saveAction(db: Database, action: Action): Promise<Action> {
  const valid = ActionSchema.parse(action);
  const tx = db.transaction('actions', 'readwrite');
  const existing = await tx.store.get(valid.id);
  if (existing?.managedBy || valid.managedBy) throw new Error(notYours(existing ?? valid));
  await Promise.all([tx.store.put(valid), tx.done]);
  return valid;
}

export async function deleteAction(db: Database, id: string): Promise<void> {
  const tx = db.transaction('actions', 'readwrite');
  const existing = await tx.store.get(id);
  if (existing?.managedBy) throw new Error(notYours(existing));
  await Promise.all([tx.store.delete(id), tx.done]);
}

/** An action imported while its endpoint was not granted: enabled now that it is, whoever manages it. */
export async function enableAfterGrant(db: Database, id: string): Promise<void> {
  const tx = db.transaction('actions', 'readwrite');
  const existing = await tx.store.get(id);
  if (existing?.awaitingGrant) {
    const { awaitingGrant: _waiting, ...rest } = existing;
    await tx.store.put({ ...rest, enabled: true });
  }
  await tx.done;
}

function notYours(action: Action): string {
  const from =
    action.managedBy?.kind === 'policy' ? 'is locked by your organization' : 'comes from a team subscription';
  return `“${action.label}” ${from}: duplicate it to change your own copy`;
}

/**
 * The buttons for one incident: enabled actions whose conditions hold, labels rendered for it (a value the
 * incident lacks leaves its place in the label empty). An action whose variables cannot be computed shows,
 * so the modal can say why.
 */
export async function listActionButtons(db: Database, incident: IncidentSnapshot): Promise<ActionButton[]> {
  const buttons: ActionButton[] = [];
  const constants = constantsScope(await getConstants(db));
  for (const action of await listActions(db)) {
    if (!action.enabled) continue;
    const scope = buildScope(incident, action.variables, {}, constants);
    if (scope.ok && !actionShows(action.conditions, scope.value)) continue;
    const label = scope.ok ? renderTemplate(action.label, scope.value, undefined, new Set()) : undefined;
    const text = label?.ok && label.value.trim() ? label.value.trim().slice(0, 80) : action.label;
    const prompts = scope.ok ? promptsWithDefaults(action.prompts, scope.value) : action.prompts;
    buttons.push({ id: action.id, label: text, ...(prompts?.length ? { prompts } : {}) });
  }
  return buttons;
}
