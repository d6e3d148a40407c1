import type { Action, ActionButton } from '../model/action';
import { ActionSchema } from '../model/action';
import type { Database } from './database';

export async function listActions(db: Database): Promise<Action[]> {
  const actions = await db.getAll('actions');
  return actions.sort((a, b) => a.createdAt - b.createdAt);
}

export function getAction(db: Database, id: string): Promise<Action | undefined> {
  return db.get('actions', id);
}

/** Validates again at the boundary: nothing reaches the store that the sender would refuse to render. */
export async function saveAction(db: Database, action: Action): Promise<Action> {
  const valid = ActionSchema.parse(action);
  await db.put('actions', valid);
  return valid;
}

export function deleteAction(db: Database, id: string): Promise<void> {
  return db.delete('actions', id);
}

export async function listActionButtons(db: Database): Promise<ActionButton[]> {
  return (await listActions(db)).filter((action) => action.enabled).map(({ id, label }) => ({ id, label }));
}
