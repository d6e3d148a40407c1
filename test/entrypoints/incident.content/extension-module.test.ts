import { afterEach, describe, expect, it } from 'vitest';
import { extensionModule } from '@/entrypoints/incident.content/extension-module';

const KEY = '__incidentActionsTestModule';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[KEY];
});

describe('extensionModule', () => {
  it('fails when the module cannot be loaded, and tries again next time', async () => {
    // No built file here: the import fails, as a blocked or missing resource would.
    const load = extensionModule('/page-tools.js', KEY, 'The page tools');
    await expect(load()).rejects.toThrow();
    const module = { tools: true };
    Object.defineProperty(globalThis, KEY, { value: module, configurable: true });
    await expect(load()).resolves.toBe(module);
  });

  it('hands over what the module left on the isolated world’s global, the same each time', async () => {
    const module = { tools: true };
    Object.defineProperty(globalThis, KEY, { value: module, configurable: true });
    const load = extensionModule('/incident-ui.js', KEY, 'The dialogs');
    const first = load();
    expect(load()).toBe(first);
    await expect(first).resolves.toBe(module);
  });
});
