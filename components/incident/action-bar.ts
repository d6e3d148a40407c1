import type { ActionButton } from '@/lib/model/action';

export interface ActionBarState {
  actions: ActionButton[];
  /** Docked in the site's header, or the floating bar where no dock was found. */
  placement: 'docked' | 'floating';
  /** Runs on this incident so far; the button that opens their timeline shows once there is one. */
  runCount: number;
  runsOpen: boolean;
  /** Whether "Fix this page" is offered. */
  canFix: boolean;
  /** Shown in the bar when the dialogs could not load: never a silent nothing. */
  error?: string;
}

export interface ActionBarEvents {
  onChoose: (action: ActionButton) => void;
  onToggleRuns: () => void;
  onFix: () => void;
  /** The pointer or focus reached the bar: a click is likely, so the dialogs can start loading. */
  onWarm: () => void;
  /** The pointer or focus reached an action's button: the incident's values can be read before the click. */
  onReachAction: () => void;
}

const MARGIN = 16;

/**
 * One button per action, in plain DOM so that the script every incident page parses carries no UI library: inline in
 * the site's header when docked, else a bar that collapses and moves by its grip. The dialogs come later, on demand.
 */
export class ActionBar {
  readonly element: HTMLDivElement;
  private state?: ActionBarState;
  private collapsed = false;
  /** Kept from the bottom-right corner, so the bar stays put when the window is resized. */
  private offset = { right: MARGIN, bottom: MARGIN };
  private drag?: { x: number; y: number; right: number; bottom: number };
  private drawn = '';
  private runsButton?: HTMLButtonElement;

  private readonly doc: Document;
  private readonly events: ActionBarEvents;

  constructor(doc: Document, events: ActionBarEvents) {
    this.doc = doc;
    this.events = events;
    this.element = doc.createElement('div');
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Incident Actions');
    const warm = () => events.onWarm();
    this.element.addEventListener('pointerenter', warm);
    this.element.addEventListener('focusin', warm);
  }

  update(state: ActionBarState): void {
    this.state = state;
    const { actions, placement, runCount, canFix, error } = state;
    // Rebuilt only when what it holds changes, so a focused button keeps its focus across the page's re-reads.
    const shape = JSON.stringify([placement, this.collapsed, actions, runCount > 0, canFix, error]);
    if (shape !== this.drawn) {
      this.drawn = shape;
      this.draw(state);
    }
    if (this.runsButton) {
      this.runsButton.textContent = `Runs (${runCount})`;
      this.runsButton.setAttribute('aria-expanded', String(state.runsOpen));
    }
    this.place();
  }

  private draw({ actions, placement, runCount, canFix, error }: ActionBarState): void {
    const bar = this.element;
    const floating = placement === 'floating';
    bar.className = `bar ${placement}`;
    const children: Element[] = [];
    if (floating) {
      const grip = this.make('span', 'grip', '⠿');
      grip.title = 'Drag to move';
      grip.setAttribute('aria-hidden', 'true');
      this.draggable(grip);
      const collapse = this.button('collapse', '⚡', () => {
        this.collapsed = !this.collapsed;
        if (this.state) this.update(this.state);
      });
      collapse.setAttribute('aria-expanded', String(!this.collapsed));
      collapse.setAttribute('aria-label', this.collapsed ? 'Show incident actions' : 'Hide incident actions');
      children.push(grip, collapse);
    }
    this.runsButton = undefined;
    if (!this.collapsed) {
      for (const action of actions) {
        // A click made by page script (`button.click()`, `dispatchEvent`) is not a responder's (design rule 3).
        const button = this.button('action', action.label, (event) => event.isTrusted && this.events.onChoose(action));
        const reach = () => this.events.onReachAction();
        button.addEventListener('pointerenter', reach);
        button.addEventListener('focus', reach);
        children.push(button);
      }
      if (runCount > 0) {
        this.runsButton = this.button('runs-toggle', '', () => this.events.onToggleRuns());
        children.push(this.runsButton);
      }
      if (canFix) {
        const fix = this.button('fix', '⚙', () => this.events.onFix());
        fix.setAttribute('aria-label', 'Fix this page');
        fix.title = 'Fix where the buttons go and what is read';
        children.push(fix);
      }
    }
    if (error) {
      const problem = this.make('span', 'bar-error', error);
      problem.setAttribute('role', 'alert');
      children.push(problem);
    }
    bar.replaceChildren(...children);
  }

  private place(): void {
    const style = this.element.style;
    const floating = this.state?.placement === 'floating';
    style.right = floating ? `${this.offset.right}px` : '';
    style.bottom = floating ? `${this.offset.bottom}px` : '';
  }

  /** Moves the floating bar with a pointer on its grip, clamped to the viewport so it cannot be lost off-screen. */
  private draggable(grip: Element): void {
    const clamp = (value: number, max: number) => Math.min(Math.max(0, value), Math.max(0, max));
    grip.addEventListener('pointerdown', (event) => {
      const pointer = event as PointerEvent;
      if (!pointer.isTrusted || pointer.button !== 0) return;
      grip.setPointerCapture(pointer.pointerId);
      this.drag = { x: pointer.clientX, y: pointer.clientY, ...this.offset };
    });
    grip.addEventListener('pointermove', (event) => {
      const from = this.drag;
      const pointer = event as PointerEvent;
      if (!from) return;
      const view = this.doc.defaultView;
      this.offset = {
        right: clamp(from.right - (pointer.clientX - from.x), (view?.innerWidth ?? 0) - 80),
        bottom: clamp(from.bottom - (pointer.clientY - from.y), (view?.innerHeight ?? 0) - 40),
      };
      this.place();
    });
    grip.addEventListener('pointerup', () => {
      this.drag = undefined;
    });
  }

  private make(tag: string, className: string, text: string): HTMLElement {
    const element = this.doc.createElement(tag);
    element.className = className;
    element.textContent = text;
    return element;
  }

  private button(className: string, text: string, onClick: (event: MouseEvent) => void): HTMLButtonElement {
    const button = this.make('button', className, text) as HTMLButtonElement;
    button.type = 'button';
    button.addEventListener('click', onClick);
    return button;
  }
}
