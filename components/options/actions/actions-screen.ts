import type { Action } from '@/lib/model/action';
import { hasOriginPermission } from '@/lib/permissions/origins';
import { templateOrigin } from '@/lib/render/url';
import { listSubscriptions } from '@/lib/sharing/subscriptions';
import { deleteAction, enableAfterGrant, listActions, saveAction } from '@/lib/storage/actions-store';
import type { Database } from '@/lib/storage/database';

/** The actions as the list shows them. */
export interface ListedActions {
  actions: Action[];
  /** Ids of actions whose endpoint origin is not granted. */
  ungranted: ReadonlySet<string>;
  /** The host of each subscription's URL, by subscription id, for the badge. */
  subscriptionHosts: ReadonlyMap<string, string>;
}

export async function listActionsWithAccess(db: Database): Promise<ListedActions> {
  const [actions, subscriptions] = await Promise.all([listActions(db), listSubscriptions(db)]);
  const granted = await Promise.all(actions.map((action) => hasOriginPermission(templateOrigin(action.url))));
  return {
    actions,
    ungranted: new Set(actions.filter((_, index) => !granted[index]).map((action) => action.id)),
    subscriptionHosts: new Map(subscriptions.map((subscription) => [subscription.id, new URL(subscription.url).host])),
  };
}

/**
 * What the list and the editor do to an action, telling the user through `say`. The store announces each
 * change to every other tab; this page's list is read again (`reload`) before the notice, so the notice
 * never stands beside a list that does not show it yet.
 */
export function actionCommands(db: Database, say: (notice: string | undefined) => void, reload: () => Promise<void>) {
  return {
    async save(action: Action, permission: Promise<boolean>): Promise<void> {
      await saveAction(db, action);
      await reload();
      say(`Saved “${action.label}”.`);
      // The prompt may stay open; the action is already saved and the list says what is missing.
      if (!(await permission)) {
        say(
          `Saved “${action.label}”, but access to ${templateOrigin(action.url)} was not granted: it cannot send until you grant it.`,
        );
      }
    },
    async toggle(action: Action, enabled: boolean): Promise<void> {
      await saveAction(db, { ...action, enabled, updatedAt: Date.now() });
      await reload();
      say(undefined);
    },
    async enableGranted(action: Action): Promise<void> {
      await enableAfterGrant(db, action.id);
      await reload();
      say(`Enabled “${action.label}”.`);
    },
    async remove(action: Action): Promise<void> {
      await deleteAction(db, action.id);
      await reload();
      say(`Deleted “${action.label}”.`);
    },
  };
}

/** An editable copy of any action, a managed one included: the user's own, off until saved and enabled. */
export function duplicateAction(action: Action, now: number): Action {
  const { managedBy: _managedBy, awaitingGrant: _awaiting, ...rest } = structuredClone(action);
  return {
    ...rest,
    id: crypto.randomUUID(),
    label: `${action.label} (copy)`.slice(0, 60),
    enabled: false,
    createdAt: now,
    updatedAt: now,
  };
}
