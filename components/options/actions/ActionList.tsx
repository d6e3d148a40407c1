import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import { requestOriginPermission } from '@/lib/permissions/origins';
import { templateOrigin } from '@/lib/render/url';

interface ActionListProps {
  actions: Action[];
  /** Ids of actions whose endpoint origin is not granted. */
  ungranted: ReadonlySet<string>;
  /** The host of each subscription's URL, by subscription id, for the badge. */
  subscriptionHosts?: ReadonlyMap<string, string>;
  onEdit: (action: Action) => void;
  onToggle: (action: Action, enabled: boolean) => void;
  onGranted: () => void;
  /** An imported action waiting for its grant, now granted: enabled as its file wanted. */
  onGrantedEnable: (action: Action) => void;
  onDuplicate: (action: Action) => void;
  onDelete: (action: Action) => void;
}

export function ActionList(props: ActionListProps) {
  const { actions, ungranted, subscriptionHosts, onEdit, onToggle, onDuplicate, onDelete } = props;
  // Delete asks in place (no window.confirm): the row shows what goes, and Keep is one click away.
  const [confirming, setConfirming] = useState<string>();
  if (actions.length === 0) {
    return <p class="empty">No actions yet. Create one, and its button appears on every PagerDuty incident.</p>;
  }
  return (
    <ul class="action-list">
      {actions.map((action) => (
        <li key={action.id} class={action.enabled ? '' : 'disabled'}>
          <div class="action-summary">
            <strong>
              {action.label} <ManagedBadge action={action} hosts={subscriptionHosts} />
            </strong>
            <code>
              {action.method} {action.url}
            </code>
            {(ungranted.has(action.id) || action.awaitingGrant) && (
              <GrantAccess action={action} onGranted={props.onGranted} onGrantedEnable={props.onGrantedEnable} />
            )}
          </div>
          {confirming === action.id ? (
            <fieldset class="confirm-delete" aria-label={`Delete “${action.label}”?`}>
              Delete? Its log entries are kept.
              <button type="button" class="danger" onClick={() => onDelete(action)}>
                Yes, delete
              </button>
              <button type="button" onClick={() => setConfirming(undefined)}>
                Keep
              </button>
            </fieldset>
          ) : (
            <>
              <label class="toggle">
                <input
                  type="checkbox"
                  aria-label={`Enabled: ${action.label}`}
                  checked={action.enabled}
                  // A managed action follows its subscription or the policy, not this switch.
                  disabled={action.managedBy !== undefined}
                  onChange={(event) => {
                    const enabled = event.currentTarget.checked;
                    if (enabled) void requestOriginPermission(templateOrigin(action.url)).catch(() => false);
                    onToggle(action, enabled);
                  }}
                />
                Enabled
              </label>
              <button type="button" aria-label={`Duplicate ${action.label}`} onClick={() => onDuplicate(action)}>
                Duplicate
              </button>
              {!action.managedBy && (
                <>
                  <button type="button" aria-label={`Edit ${action.label}`} onClick={() => onEdit(action)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Delete ${action.label}`}
                    onClick={() => setConfirming(action.id)}
                  >
                    Delete
                  </button>
                </>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function ManagedBadge({ action, hosts }: { action: Action; hosts: ReadonlyMap<string, string> | undefined }) {
  const owner = action.managedBy;
  if (!owner) return null;
  if (owner.kind === 'policy') return <span class="managed-badge">Locked by your organization</span>;
  const host = hosts?.get(owner.subscriptionId);
  return <span class="managed-badge">From subscription{host ? ` ${host}` : ''}</span>;
}

type GrantAccessProps = { action: Action } & Pick<ActionListProps, 'onGranted' | 'onGrantedEnable'>;

function GrantAccess({ action, onGranted, onGrantedEnable }: GrantAccessProps) {
  const origin = templateOrigin(action.url);
  return (
    <span class="warning">
      {action.awaitingGrant ? `Waiting for access to ${origin}.` : `Not allowed to call ${origin}.`}{' '}
      <button
        type="button"
        class="link"
        // Asked from this click: a permission request needs the user's gesture.
        onClick={() =>
          void requestOriginPermission(origin).then(
            (granted) => (granted && action.awaitingGrant ? onGrantedEnable(action) : onGranted()),
            onGranted,
          )
        }
      >
        Grant access
      </button>
    </span>
  );
}
