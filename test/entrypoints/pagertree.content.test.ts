import { afterEach, describe, expect, it, vi } from 'vitest';
import definition from '@/entrypoints/pagertree.content';
import { pagerTree } from '@/lib/sites/pagertree/page';
import { expectQuietReplacingStart } from '../support/content-script-start';

afterEach(() => vi.restoreAllMocks());

describe('the pagertree content script', () => {
  it('runs on its site’s pages only, in the manifest, after the page loaded', () => {
    expect(definition.matches).toEqual(pagerTree.matches);
    expect(definition.registration).toBeUndefined();
    expect(definition.runAt).toBe('document_idle');
  });

  it('posts no message to the page, and a second copy still replaces the first', () => {
    expectQuietReplacingStart('pagertree', definition);
  });
});
