import type { ActionButton } from '@/lib/model/action';

interface ActionBarProps {
  actions: ActionButton[];
  onChoose: (action: ActionButton) => void;
}

export function ActionBar({ actions, onChoose }: ActionBarProps) {
  return (
    <div class="bar" role="toolbar" aria-label="Incident Actions">
      <span class="bar-title" aria-hidden="true">
        ⚡
      </span>
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          class="action"
          onClick={(event) => {
            // A click made by page script (`button.click()`, `dispatchEvent`) is not a responder's (rule 3).
            if (event.isTrusted) onChoose(action);
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
