import { useState } from 'preact/hooks';
import type { ActionButton } from '@/lib/model/action';
import { useDraggable } from './use-draggable';

interface ActionBarProps {
  actions: ActionButton[];
  placement: 'docked' | 'floating';
  onChoose: (action: ActionButton) => void;
  /** Runs on this incident so far; the button that opens their timeline shows once there is one. */
  runCount?: number;
  runsOpen?: boolean;
  onToggleRuns?: () => void;
  /** Opens the repair of how this page is read (the dock, a field, a page report). */
  onFix?: () => void;
}

/** One button per action: inline in the site's header when docked, else a bar that collapses and moves. */
export function ActionBar({
  actions,
  placement,
  onChoose,
  runCount = 0,
  runsOpen = false,
  onToggleRuns,
  onFix,
}: ActionBarProps) {
  const [collapsed, setCollapsed] = useState(false);
  const drag = useDraggable();
  const floating = placement === 'floating';
  return (
    <div
      class={`bar ${placement}`}
      role="toolbar"
      aria-label="Incident Actions"
      style={floating ? { right: `${drag.offset.right}px`, bottom: `${drag.offset.bottom}px` } : undefined}
    >
      {floating && (
        <>
          <span class="grip" title="Drag to move" aria-hidden="true" {...drag.handleProps}>
            ⠿
          </span>
          <button
            type="button"
            class="collapse"
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Show incident actions' : 'Hide incident actions'}
            onClick={() => setCollapsed(!collapsed)}
          >
            ⚡
          </button>
        </>
      )}
      {!collapsed &&
        actions.map((action) => (
          <button
            key={action.id}
            type="button"
            class="action"
            onClick={(event) => {
              // A click made by page script (`button.click()`, `dispatchEvent`) is not a responder's (design rule 3).
              if (event.isTrusted) onChoose(action);
            }}
          >
            {action.label}
          </button>
        ))}
      {!collapsed && runCount > 0 && (
        <button type="button" class="runs-toggle" aria-expanded={runsOpen} onClick={onToggleRuns}>
          Runs ({runCount})
        </button>
      )}
      {!collapsed && onFix && (
        <button
          type="button"
          class="fix"
          aria-label="Fix this page"
          title="Fix where the buttons go and what is read"
          onClick={onFix}
        >
          ⚙
        </button>
      )}
    </div>
  );
}
