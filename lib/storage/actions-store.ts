import type { Action } from '../model/action';
import { ActionSchema } from '../render/action-rules';
import { announce } from './announce';
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
  await announce('actionsChangedAt');
  return valid;
}

export async function deleteAction(db: Database, id: string): Promise<void> {
  const tx = db.transaction('actions', 'readwrite');
  const existing = await tx.store.get(id);
  if (existing?.managedBy) throw new Error(notYours(existing));
  await Promise.all([tx.store.delete(id), tx.done]);
  await announce('actionsChangedAt');
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
  if (existing?.awaitingGrant) await announce('actionsChangedAt');
}

function notYours(action: Action): string {
  const from =
    action.managedBy?.kind === 'policy' ? 'is locked by your organization' : 'comes from a team subscription';
  return `“${action.label}” ${from}: duplicate it to change your own copy`;
}
