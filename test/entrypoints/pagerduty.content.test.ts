import { afterEach, describe, expect, it, vi } from 'vitest';
import definition from '@/entrypoints/pagerduty.content';
import { pagerDuty } from '@/lib/sites/pagerduty/page';
import { expectQuietReplacingStart } from '../support/content-script-start';

afterEach(() => vi.restoreAllMocks());

describe('the pagerduty content script', () => {
  it('runs on its site’s pages only, in the manifest, after the page loaded', () => {
    expect(definition.matches).toEqual(pagerDuty.matches);
    expect(definition.registration).toBeUndefined();
    expect(definition.runAt).toBe('document_idle');
  });

  it('posts no message to the page, and a second copy still replaces the first', () => {
    expectQuietReplacingStart('pagerduty', definition);
  });
});
