import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { announceChange, onChange } from '@/lib/messaging/change-signals';

describe('change signals', () => {
  afterEach(() => fakeBrowser.reset());

  it('calls the listener for its own signal only, and stops when unsubscribed', async () => {
    const onActions = vi.fn();
    const onLog = vi.fn();
    const stopActions = onChange('actionsChangedAt', onActions);
    onChange('logChangedAt', onLog);

    await announceChange('actionsChangedAt');
    expect(onActions).toHaveBeenCalledTimes(1);
    expect(onLog).not.toHaveBeenCalled();

    stopActions();
    await announceChange('actionsChangedAt');
    await announceChange('logChangedAt');
    expect(onActions).toHaveBeenCalledTimes(1);
    expect(onLog).toHaveBeenCalledTimes(1);
  });

  it('stores only a time and a random tail in storage.local', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_234);
    await announceChange('logChangedAt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      logChangedAt: expect.stringMatching(/^1234-[0-9a-z]+$/),
    });
  });

  it('writes a new value for each ping, so a browser reports two pings in the same millisecond', async () => {
    // Chromium and Firefox fire storage.onChanged only when the stored value changes.
    vi.spyOn(Date, 'now').mockReturnValue(1_234);
    await announceChange('logChangedAt');
    const first = (await fakeBrowser.storage.local.get('logChangedAt')).logChangedAt;
    await announceChange('logChangedAt');
    const second = (await fakeBrowser.storage.local.get('logChangedAt')).logChangedAt;
    expect(second).not.toEqual(first);
  });

  it('ignores the same key changing in another storage area', async () => {
    const listener = vi.fn();
    onChange('actionsChangedAt', listener);
    await fakeBrowser.storage.session.set({ actionsChangedAt: 1 });
    expect(listener).not.toHaveBeenCalled();
  });
});
