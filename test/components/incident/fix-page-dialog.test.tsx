import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixPageDialog, type PageFixer, type PickedFix } from '@/components/incident/FixPageDialog';
import { fail, ok } from '@/lib/core/result';
import { click } from '../../support/ui';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

/** A page whose picks answer `picks` in turn, recording what is saved. */
function fakeFixer(picks: (PickedFix | 'cancel' | string)[], overrides: Partial<PageFixer> = {}) {
  const saved: PickedFix[] = [];
  const fixer: PageFixer = {
    siteName: 'incident.io',
    fields: ['title', 'status'],
    async pick() {
      const next = picks.shift();
      if (next === 'cancel' || next === undefined) return undefined;
      return typeof next === 'string' ? fail(next) : ok(next);
    },
    async save(picked) {
      saved.push(picked);
      return ok(undefined);
    },
    copyReport: async () => 'Copied a report of 12 elements',
    ...overrides,
  };
  return { fixer, saved };
}

const text = () => container.textContent ?? '';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fixing the page from the page', () => {
  it('shows what a field pick reads, and saves only on Save', async () => {
    const { fixer, saved } = fakeFixer([
      { target: 'field', field: 'title', selector: '[class*="IncidentPage_name__"]', value: 'Payments API timeouts' },
    ]);
    render(<FixPageDialog fixer={fixer} onClose={() => undefined} />, container);
    await click('Pick it on the page…', container);
    await settle();
    expect(text()).toContain('title will read: Payments API timeouts');
    expect(text()).toContain('[class*="IncidentPage_name__"]');
    expect(saved).toEqual([]);
    await click('Save', container);
    await settle();
    expect(saved).toHaveLength(1);
    expect(text()).toContain('Saved: title is read from there');
  });

  it('a cancelled pick changes nothing; a pick with nothing stable says why', async () => {
    const { fixer, saved } = fakeFixer(['cancel', 'Nothing stable identifies that element']);
    render(<FixPageDialog fixer={fixer} onClose={() => undefined} />, container);
    await click('Move the buttons…', container);
    await settle();
    expect(text()).toContain('Picking cancelled: nothing changed.');
    await click('Move the buttons…', container);
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Nothing stable identifies that element');
    expect(saved).toEqual([]);
  });

  it('where an admin locked the site, offers only the page report', async () => {
    const { fixer } = fakeFixer([], { locked: "Your organization's policy fixes how this site is read" });
    render(<FixPageDialog fixer={fixer} onClose={() => undefined} />, container);
    expect(text()).toContain("Your organization's policy fixes how this site is read");
    expect(text()).not.toContain('Move the buttons');
    await click('Copy page report', container);
    await settle();
    expect(text()).toContain('Copied a report of 12 elements');
  });
});
