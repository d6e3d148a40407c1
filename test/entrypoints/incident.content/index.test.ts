import { afterEach, describe, expect, it, vi } from 'vitest';
import definition from '@/entrypoints/incident.content/index';
import { expectQuietReplacingStart } from '../../support/content-script-start';

afterEach(() => vi.restoreAllMocks());

describe('the custom sites’ content script on start', () => {
  it('posts no message to the page, and a second copy still replaces the first', () => {
    expectQuietReplacingStart('incident', definition);
  });

  it('is registered at run time only, for the patterns the user granted', () => {
    expect(definition.registration).toBe('runtime');
    expect(definition.matches).toEqual([]);
    expect(definition.noScriptStartedPostMessage).toBe(true);
  });
});
