import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useStored } from '@/components/options/shared/use-stored';
import { announceChange, type ChangeSignal } from '@/lib/messaging/change-signals';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  fakeBrowser.reset();
});

function Shown({ load, signals }: { load: () => Promise<string>; signals: ChangeSignal | ChangeSignal[] }) {
  const [value] = useStored(load, signals);
  return <p>{value ?? 'loading'}</p>;
}

const shown = () => container.textContent;
/** Lets the loads' promises and Preact settle. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('useStored', () => {
  it('loads on mount, and again on each of its signals only', async () => {
    let stored = 'first';
    const load = vi.fn(async () => stored);
    await act(() => render(<Shown load={load} signals={['actionsChangedAt', 'settingsChangedAt']} />, container));
    expect(load).toHaveBeenCalledTimes(1);
    await settle();
    expect(shown()).toBe('first');

    stored = 'second';
    await act(() => announceChange('settingsChangedAt'));
    await settle();
    expect(shown()).toBe('second');

    stored = 'third';
    await act(() => announceChange('logChangedAt'));
    await settle();
    expect(shown()).toBe('second');
    // One write pinging both signals is one load.
    await act(() => announceChange('actionsChangedAt', 'settingsChangedAt'));
    await settle();
    expect(shown()).toBe('third');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the newest load when an older one answers last', async () => {
    const answers: ((value: string) => void)[] = [];
    const load = () => new Promise<string>((resolve) => answers.push(resolve));
    await act(() => render(<Shown load={load} signals="actionsChangedAt" />, container));
    expect(shown()).toBe('loading');
    await act(() => announceChange('actionsChangedAt'));
    expect(answers).toHaveLength(2);
    answers[1]?.('newer');
    await settle();
    answers[0]?.('older');
    await settle();
    expect(shown()).toBe('newer');
  });

  it('stops listening when the screen goes', async () => {
    const load = vi.fn(async () => 'value');
    await act(() => render(<Shown load={load} signals="actionsChangedAt" />, container));
    await settle();
    await act(() => render(null, container));
    await act(() => announceChange('actionsChangedAt'));
    expect(load).toHaveBeenCalledTimes(1);
  });
});
