import { useCallback, useEffect, useState } from 'preact/hooks';
import { announceChange, onChange } from '@/lib/messaging/change-signals';
import type { Action } from '@/lib/model/action';
import { newAction } from '@/lib/model/action';
import type { Constant } from '@/lib/model/constants';
import type { Secret } from '@/lib/model/secrets';
import { hasOriginPermission } from '@/lib/permissions/origins';
import { templateOrigin } from '@/lib/render/url';
import { listSubscriptions } from '@/lib/sharing/subscriptions';
import { deleteAction, enableAfterGrant, listActions, saveAction } from '@/lib/storage/actions-store';
import type { Database } from '@/lib/storage/database';
import { ActionEditor } from './actions/ActionEditor';
import { ActionList } from './actions/ActionList';
import { RunHistory } from './history/RunHistory';
import { ConstantsPanel } from './settings/ConstantsPanel';
import { SecretsPanel } from './settings/SecretsPanel';
import { SitesPanel } from './settings/SitesPanel';
import { SharingPanel } from './sharing/SharingPanel';
import { SubscriptionsPanel } from './sharing/SubscriptionsPanel';

export function OptionsApp({ db }: { db: Database }) {
  const [actions, setActions] = useState<Action[]>([]);
  const [ungranted, setUngranted] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Action>();
  const [notice, setNotice] = useState<string>();
  const [constants, setConstants] = useState<Constant[]>([]);
  const [secrets, setSecrets] = useState<Secret[]>([]);
  const [subscriptionHosts, setSubscriptionHosts] = useState<Map<string, string>>(new Map());

  const reloadActions = useCallback(async () => {
    const all = await listActions(db);
    const missing = new Set<string>();
    await Promise.all(
      all.map(async (action) => {
        if (!(await hasOriginPermission(templateOrigin(action.url)))) missing.add(action.id);
      }),
    );
    const subscriptions = await listSubscriptions(db);
    setActions(all);
    setUngranted(missing);
    setSubscriptionHosts(
      new Map(subscriptions.map((subscription) => [subscription.id, new URL(subscription.url).host])),
    );
  }, [db]);

  useEffect(() => {
    void reloadActions();
    return onChange('actionsChangedAt', () => void reloadActions());
  }, [reloadActions]);

  const store = async (action: Action, message?: string) => {
    await saveAction(db, action);
    await announceChange('actionsChangedAt');
    await reloadActions();
    setNotice(message);
  };

  return (
    <main>
      <header class="page-header">
        <h1>Incident Actions</h1>
        <p>Buttons on your incident pages that call your endpoints, after you confirm exactly what is sent.</p>
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="actions-heading">
        <div class="section-header">
          <h2 id="actions-heading">Actions</h2>
          {!editing && (
            <button type="button" class="primary" onClick={() => setEditing(newAction())}>
              New action
            </button>
          )}
        </div>
        {editing ? (
          <ActionEditor
            key={editing.id}
            initial={editing}
            constants={constants}
            secrets={secrets}
            onCancel={() => setEditing(undefined)}
            onSave={async (action, permission) => {
              setEditing(undefined);
              await store(action, `Saved “${action.label}”.`);
              // The prompt may stay open; the action is already saved and the list says what is missing.
              if (!(await permission)) {
                setNotice(
                  `Saved “${action.label}”, but access to ${templateOrigin(action.url)} was not granted: it cannot send until you grant it.`,
                );
              }
              await reloadActions();
            }}
          />
        ) : (
          <ActionList
            actions={actions}
            ungranted={ungranted}
            subscriptionHosts={subscriptionHosts}
            onEdit={setEditing}
            onToggle={(action, enabled) => store({ ...action, enabled, updatedAt: Date.now() })}
            onGranted={reloadActions}
            onGrantedEnable={async (action) => {
              await enableAfterGrant(db, action.id);
              await announceChange('actionsChangedAt');
              await reloadActions();
              setNotice(`Enabled “${action.label}”.`);
            }}
            onDuplicate={(action) => setEditing(duplicateAction(action, Date.now()))}
            onDelete={async (action) => {
              await deleteAction(db, action.id);
              await announceChange('actionsChangedAt');
              await reloadActions();
              setNotice(`Deleted “${action.label}”.`);
            }}
          />
        )}
      </section>
      <ConstantsPanel db={db} onChange={setConstants} />
      <SecretsPanel db={db} actions={actions} onChange={setSecrets} />
      <SitesPanel db={db} />
      <SharingPanel db={db} actions={actions} />
      <SubscriptionsPanel db={db} />
      <RunHistory db={db} actions={actions} />
    </main>
  );
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
