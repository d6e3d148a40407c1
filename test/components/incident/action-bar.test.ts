import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { ActionBar, type ActionBarEvents, type ActionBarState } from '@/components/incident/action-bar';
import type { ActionButton } from '@/lib/model/action';

const actions: ActionButton[] = [
  { id: 'action-1', label: 'Restart server' },
  { id: 'action-2', label: 'Page the DBA' },
];
const STATE: ActionBarState = { actions, placement: 'floating', runCount: 0, runsOpen: false, canFix: false };

/* happy-dom events have no `isTrusted`, as page script's; the flag is forged on a synthetic event only as a control. */
function trustedClick(target: Element) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

let events: {
  onChoose: Mock<ActionBarEvents['onChoose']>;
  onToggleRuns: Mock<ActionBarEvents['onToggleRuns']>;
  onFix: Mock<ActionBarEvents['onFix']>;
  onWarm: Mock<ActionBarEvents['onWarm']>;
  onReachAction: Mock<ActionBarEvents['onReachAction']>;
};
let bar: ActionBar;
beforeEach(() => {
  events = {
    onChoose: vi.fn<ActionBarEvents['onChoose']>(),
    onToggleRuns: vi.fn<ActionBarEvents['onToggleRuns']>(),
    onFix: vi.fn<ActionBarEvents['onFix']>(),
    onWarm: vi.fn<ActionBarEvents['onWarm']>(),
    onReachAction: vi.fn<ActionBarEvents['onReachAction']>(),
  };
  bar = new ActionBar(document, events);
  document.body.append(bar.element);
});
afterEach(() => bar.element.remove());

const buttons = () => [...bar.element.querySelectorAll('button')];
const named = (name: string) =>
  buttons().find((button) => (button.getAttribute('aria-label') ?? button.textContent) === name);

describe('the action bar', () => {
  it('is a toolbar named Incident Actions with one button per action, docked inline', () => {
    bar.update({ ...STATE, placement: 'docked' });
    expect(bar.element.getAttribute('role')).toBe('toolbar');
    expect(bar.element.getAttribute('aria-label')).toBe('Incident Actions');
    expect(bar.element.className).toBe('bar docked');
    expect(buttons().map((button) => button.textContent)).toEqual(['Restart server', 'Page the DBA']);
    expect(bar.element.style.right).toBe('');
  });

  it('floats with a grip and a collapse toggle that hides and shows the actions', () => {
    bar.update(STATE);
    expect(bar.element.querySelector('.grip')?.getAttribute('aria-hidden')).toBe('true');
    expect(bar.element.style.right).toBe('16px');
    const toggle = named('Hide incident actions');
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(bar.element.querySelectorAll('button.action')).toHaveLength(2);
    toggle?.click();
    expect(named('Show incident actions')?.getAttribute('aria-expanded')).toBe('false');
    expect(bar.element.querySelectorAll('button.action')).toHaveLength(0);
    named('Show incident actions')?.click();
    expect(bar.element.querySelectorAll('button.action')).toHaveLength(2);
  });

  it('ignores clicks made by page script', () => {
    bar.update(STATE);
    const button = named('Page the DBA');
    button?.click();
    button?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events.onChoose).not.toHaveBeenCalled();

    // Control: the same button does answer a click that carries the trusted flag.
    if (button) trustedClick(button);
    expect(events.onChoose).toHaveBeenCalledExactlyOnceWith(actions[1]);
  });

  it('shows the runs once there is one, and Fix this page when offered', () => {
    bar.update(STATE);
    expect(named('Runs (0)')).toBeUndefined();
    expect(named('Fix this page')).toBeUndefined();
    bar.update({ ...STATE, runCount: 2, canFix: true });
    const runs = named('Runs (2)');
    expect(runs?.getAttribute('aria-expanded')).toBe('false');
    runs?.click();
    expect(events.onToggleRuns).toHaveBeenCalledOnce();
    bar.update({ ...STATE, runCount: 3, runsOpen: true, canFix: true });
    expect(named('Runs (3)')?.getAttribute('aria-expanded')).toBe('true');
    named('Fix this page')?.click();
    expect(events.onFix).toHaveBeenCalledOnce();
  });

  it('keeps its buttons, and a focused one its focus, when the page is read again with the same actions', () => {
    bar.update({ ...STATE, runCount: 1 });
    const button = named('Restart server');
    button?.focus();
    bar.update({ ...STATE, runCount: 2 });
    expect(named('Restart server')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(named('Runs (2)')).toBeDefined();
  });

  it('asks for the dialogs as soon as the pointer or focus reaches it', () => {
    bar.update(STATE);
    bar.element.dispatchEvent(new Event('pointerenter'));
    named('Restart server')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(events.onWarm).toHaveBeenCalledTimes(2);
  });

  it('says when the pointer or focus reaches an action’s button, so its values can be read before the click', () => {
    bar.update(STATE);
    named('Restart server')?.dispatchEvent(new Event('pointerenter'));
    named('Page the DBA')?.focus();
    expect(events.onReachAction).toHaveBeenCalledTimes(2);
    named('Hide incident actions')?.dispatchEvent(new Event('pointerenter'));
    expect(events.onReachAction).toHaveBeenCalledTimes(2);
  });

  it('says so in the bar when the dialogs could not load', () => {
    bar.update({ ...STATE, error: 'Incident Actions could not open its dialog' });
    expect(bar.element.querySelector('[role="alert"]')?.textContent).toBe('Incident Actions could not open its dialog');
    bar.update(STATE);
    expect(bar.element.querySelector('[role="alert"]')).toBeNull();
  });
});
