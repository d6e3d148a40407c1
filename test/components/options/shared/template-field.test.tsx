import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { TemplateField } from '@/components/options/shared/TemplateField';
import { press, type } from '../../../support/ui';

const NAMES = ['incident.id', 'incident.number', 'incident.title', 'variables.host'];
let container: HTMLElement;

function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return <TemplateField id="t" names={NAMES} value={value} onInput={setValue} />;
}

function setup(initial = '') {
  container = document.createElement('div');
  document.body.append(container);
  render(<Harness initial={initial} />, container);
  return container.querySelector('input') as HTMLInputElement;
}

const options = () => [...container.querySelectorAll('[role="option"]')].map((option) => option.textContent);

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('TemplateField', () => {
  it('offers the names matching what follows {{, and inserts the chosen one with the closing braces', async () => {
    const input = setup();
    await type(input, 'https://x.example/{{ incident.n');
    expect(options()).toEqual(['incident.number']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await press(input, 'Enter');
    expect(input.value).toBe('https://x.example/{{ incident.number }}');
    expect(options()).toEqual([]);
  });

  it('moves through the list with the arrows and closes it with Escape, changing nothing', async () => {
    const input = setup();
    await type(input, '{{inc');
    expect(options()).toEqual(['incident.id', 'incident.number', 'incident.title']);
    await press(input, 'ArrowDown');
    await press(input, 'ArrowDown');
    expect(container.querySelector('[aria-selected="true"]')?.textContent).toBe('incident.title');
    await press(input, 'Escape');
    expect(options()).toEqual([]);
    expect(input.value).toBe('{{inc');
  });

  it('offers nothing outside an output', async () => {
    const input = setup();
    await type(input, 'plain text incident.');
    expect(options()).toEqual([]);
    await type(input, '{{ incident.id }} and');
    expect(options()).toEqual([]);
  });
});
