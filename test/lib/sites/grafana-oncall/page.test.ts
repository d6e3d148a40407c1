// @vitest-environment node
// Where the buttons dock on Grafana OnCall's alert group page, over the saved pages built from grafana/oncall's
// component tree (lib/sites/grafana-oncall/fixtures/, lib/sites/grafana-oncall/README.md).
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { grafanaOnCall } from '@/lib/sites/grafana-oncall/page';
import { readFixture } from '../../../support/site-fixtures';

let open: Window[] = [];
afterEach(async () => {
  await Promise.all(open.map((window) => window.happyDOM.close()));
  open = [];
});

function page(name: string): Document {
  const window = new Window({ url: readFixture('grafana-oncall', `${name}.url`).trim() });
  open.push(window);
  window.document.write(readFixture('grafana-oncall', `${name}.html`));
  return window.document as unknown as Document;
}

const buttonTexts = (element: Element | undefined) =>
  [...(element?.querySelectorAll('button') ?? [])].map((button) => button.textContent?.trim());

describe('Grafana OnCall dock', () => {
  it('is the actions row for a responder who may act', () => {
    const dock = grafanaOnCall.findAnchor(page('cloud-oncall'));
    expect(buttonTexts(dock)).toEqual(['Acknowledge', 'Resolve']);
    expect(dock?.querySelector('[aria-label="Silence for"]')).not.toBeNull();
  });

  it('is the actions row, not one button’s tooltip wrapper, for a read-only user', () => {
    const doc = page('cloud-oncall-readonly');
    const dock = grafanaOnCall.findAnchor(doc);
    // Each disabled button sits alone in its WithPermissionControlTooltip wrapper; the dock holds all of them.
    expect(buttonTexts(dock)).toEqual(['Unacknowledge', 'Resolve']);
    expect(dock?.children).toHaveLength(3);
    for (const button of doc.querySelectorAll('button[disabled]')) {
      if (!['Unacknowledge', 'Resolve'].includes(button.textContent?.trim() ?? '')) continue;
      expect(button.parentElement?.getAttribute('tabindex')).toBe('0');
      expect(button.parentElement).not.toBe(dock);
      expect(button.parentElement?.parentElement).toBe(dock);
    }
  });

  it('climbs out of a group holding one button (a resolved alert group: Unresolve alone)', () => {
    const dock = grafanaOnCall.findAnchor(page('cloud-irm'));
    expect(buttonTexts(dock)).toEqual(['Unresolve', 'Actions']);
  });
});
