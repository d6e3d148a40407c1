import { useState } from 'preact/hooks';
import { type Action, newAction } from '@/lib/model/action';
import type { Constant } from '@/lib/model/constants';
import type { Secret } from '@/lib/model/secrets';
import { actionOrigin, secretsUsed } from '@/lib/render/secrets-used';
import { getConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { allowSecretOrigin, listSecrets } from '@/lib/storage/secrets-store';
import { ActionEditor } from './actions/ActionEditor';
import { ActionList } from './actions/ActionList';
import { actionCommands, duplicateAction, listActionsWithAccess } from './actions/actions-screen';
import { RunHistory } from './history/RunHistory';
import { ConstantsPanel } from './settings/ConstantsPanel';
import { SecretsPanel } from './settings/SecretsPanel';
import { SitesPanel } from './settings/SitesPanel';
import { Notice } from './shared/Notice';
import { Section } from './shared/Section';
import { useStored } from './shared/use-stored';
import { SharingPanel } from './sharing/SharingPanel';
import { SubscriptionsPanel } from './sharing/SubscriptionsPanel';

const NO_ACTIONS: Action[] = [];
const NO_CONSTANTS: Constant[] = [];
const NO_SECRETS: Secret[] = [];

export function OptionsApp({ db }: { db: Database }) {
  const [listed, reloadListed] = useStored(() => listActionsWithAccess(db), 'actionsChangedAt');
  const [constants = NO_CONSTANTS] = useStored(() => getConstants(db), 'actionsChangedAt');
  const [secrets = NO_SECRETS, reloadSecrets] = useStored(() => listSecrets(db), 'settingsChangedAt');
  const actions = listed?.actions ?? NO_ACTIONS;
  const [editing, setEditing] = useState<Action>();
  const [notice, setNotice] = useState<string>();
  const commands = actionCommands(db, setNotice, reloadListed);

  return (
    <main>
      <header class="page-header">
        <h1>Incident Actions</h1>
        <p>Buttons on your incident pages that call your endpoints, after you confirm exactly what is sent.</p>
      </header>
      <Notice message={notice} />
      <Section
        id="actions"
        title="Actions"
        tools={
          !editing && (
            <button type="button" class="primary" onClick={() => setEditing(newAction())}>
              New action
            </button>
          )
        }
      >
        {editing ? (
          <ActionEditor
            key={editing.id}
            initial={editing}
            constants={constants}
            secrets={secrets}
            onCancel={() => setEditing(undefined)}
            onAllowSecretOrigin={(name, origin) => allowSecretOrigin(db, name, origin)}
            onSave={async (action, permission) => {
              setEditing(undefined);
              // Bound before the action is listed as saved: the user may leave the page the moment it is.
              await bindUnboundSecrets(db, action);
              await commands.save(action, permission);
              // Granted or not, the list says so again.
              await reloadListed();
            }}
          />
        ) : (
          <ActionList
            actions={actions}
            ungranted={listed?.ungranted ?? new Set()}
            subscriptionHosts={listed?.subscriptionHosts}
            onEdit={setEditing}
            onToggle={commands.toggle}
            onGranted={reloadListed}
            onGrantedEnable={commands.enableGranted}
            onDuplicate={(action) => setEditing(duplicateAction(action, Date.now()))}
            onDelete={commands.remove}
          />
        )}
      </Section>
      <ConstantsPanel db={db} saved={constants} />
      <SecretsPanel db={db} saved={secrets} reload={reloadSecrets} actions={actions} />
      <SitesPanel db={db} />
      <SharingPanel db={db} actions={actions} />
      <SubscriptionsPanel db={db} />
      <RunHistory db={db} actions={actions} />
    </main>
  );
}

/**
 * A secret saved before any action used it goes nowhere: the first action the user saves with it, here in the
 * editor that said so under the URL, binds it to that action's origin. A secret already bound is left as it is.
 */
async function bindUnboundSecrets(db: Database, action: Action): Promise<void> {
  const origin = actionOrigin(action);
  if (!origin) return;
  const used = new Set(secretsUsed(action));
  for (const secret of await listSecrets(db))
    if (used.has(secret.name) && secret.origins.length === 0) await allowSecretOrigin(db, secret.name, origin);
}
