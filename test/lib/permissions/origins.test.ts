import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hasOriginPermission, originPattern, requestOriginPermission } from '@/lib/permissions/origins';

afterEach(() => fakeBrowser.reset());

describe('originPattern', () => {
  it.each([
    ['https://hooks.example.com/run/Q1?x=1#y', 'https://hooks.example.com/*'],
    // Match patterns carry no port: the grant covers the host on every port.
    ['https://hooks.example.com:8443/run', 'https://hooks.example.com/*'],
    ['http://localhost:8080/hook', 'http://localhost/*'],
    ['https://HOOKS.Example.COM/', 'https://hooks.example.com/*'],
  ])('grants %s as %s', (url, pattern) => {
    expect(originPattern(url)).toBe(pattern);
  });
});

describe('permission calls', () => {
  // The fake browser does not implement the permissions API: stand in for the browser's answer.
  // (Typed through the promise overload; spyOn alone would pick the callback one.)
  const answer = (granted: boolean) => (() => Promise.resolve(granted)) as typeof fakeBrowser.permissions.contains;

  it('asks the browser whether the endpoint host is granted', async () => {
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(answer(false));
    expect(await hasOriginPermission('https://hooks.example.com:8443/run/Q1')).toBe(false);
    expect(contains).toHaveBeenCalledExactlyOnceWith({ origins: ['https://hooks.example.com/*'] });
  });

  it('requests exactly the endpoint host, nothing wider', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(answer(true));
    expect(await requestOriginPermission('https://hooks.example.com')).toBe(true);
    expect(request).toHaveBeenCalledExactlyOnceWith({ origins: ['https://hooks.example.com/*'] });
  });
});
