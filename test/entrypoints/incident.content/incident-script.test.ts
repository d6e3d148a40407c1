import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startIncidentPage } from '@/entrypoints/incident.content/incident-script';
import { ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

afterEach(() => fakeBrowser.reset());

describe('startIncidentPage', () => {
  it('reads the page at once and answers the options page’s describe request until invalidated', async () => {
    ask.mockResolvedValue(ok(null) as never);
    const ctx = new ContentScriptContext('test', {});
    const added = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const removed = vi.spyOn(fakeBrowser.runtime.onMessage, 'removeListener');
    const custom = vi.fn(async () => []);
    startIncidentPage(ctx, { custom });
    await vi.waitFor(() => expect(custom).toHaveBeenCalledOnce());
    expect(added).toHaveBeenCalledOnce();
    ctx.abort();
    expect(removed).toHaveBeenCalledWith(added.mock.calls[0]?.[0]);
  });
});
