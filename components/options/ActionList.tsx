import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import { requestOriginPermission } from '@/lib/permissions/origins';
import { templateOrigin } from '@/lib/render/url';

interface ActionListProps {
  actions: Action[];
  /** Ids of actions whose endpoint origin is not granted. */
  ungranted: Set<string>;
  onEdit: (action: Action) => void;
  onToggle: (action: Action, enabled: boolean) => void;
  onGranted: () => void;
  onDelete: (action: Action) => void;
}

export function ActionList({ actions, ungranted, onEdit, onToggle, onGranted, onDelete }: ActionListProps) {
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
            <strong>{action.label}</strong>
            <code>
              {action.method} {action.url}
            </code>
            {ungranted.has(action.id) && (
              <span class="warning">
                Not allowed to call {templateOrigin(action.url)}.{' '}
                <button
                  type="button"
                  class="link"
                  // Asked from this click: a permission request needs the user's gesture.
                  onClick={() => void requestOriginPermission(templateOrigin(action.url)).then(onGranted, onGranted)}
                >
                  Grant access
                </button>
              </span>
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
                  onChange={(event) => {
                    const enabled = event.currentTarget.checked;
                    if (enabled) void requestOriginPermission(templateOrigin(action.url)).catch(() => false);
                    onToggle(action, enabled);
                  }}
                />
                Enabled
              </label>
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
        </li>
      ))}
    </ul>
  );
}
