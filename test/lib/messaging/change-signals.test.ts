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

  it('stores only a timestamp in storage.local', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_234);
    await announceChange('logChangedAt');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ logChangedAt: 1_234 });
  });

  it('ignores the same key changing in another storage area', async () => {
    const listener = vi.fn();
    onChange('actionsChangedAt', listener);
    await fakeBrowser.storage.session.set({ actionsChangedAt: 1 });
    expect(listener).not.toHaveBeenCalled();
  });
});
