import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PromptFields } from '@/components/incident/PromptFields';
import type { Prompt } from '@/lib/model/variables';

const FIELDS_PROMPT: Prompt = { name: 'changed_fields', label: 'Custom fields', type: 'fields', required: false };
const CUSTOM_FIELDS = {
  environment: 'production',
  region: 'us-east-1',
  customer_impact: true,
  services: ['api', 'db'],
};

let container: HTMLElement;
/** Every answer the modal would send, in order. */
let answers: string[];

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  answers = [];
});
afterEach(() => {
  render(null, container);
  container.remove();
});

/** The question as the modal holds it: its answer kept in state, each change recorded. */
function Modal() {
  const [given, setGiven] = useState<Record<string, string>>({ changed_fields: '' });
  return (
    <PromptFields
      prompts={[FIELDS_PROMPT]}
      answers={given}
      disabled={false}
      customFields={CUSTOM_FIELDS}
      onChange={(name, value) => {
        answers.push(value);
        setGiven((current) => ({ ...current, [name]: value }));
      }}
    />
  );
}

function edit(field: string, value: string) {
  const control = container.querySelector<HTMLInputElement | HTMLSelectElement>(`#ia-field-changed_fields-${field}`);
  if (!control) throw new Error(`no control for ${field}`);
  act(() => {
    control.value = value;
    control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

describe('a fields question in the modal', () => {
  it('lists each custom field with its value, and answers with exactly the changed ones', () => {
    render(<Modal />, container);
    const labels = [...container.querySelectorAll('label')].map((label) => label.textContent);
    expect(labels).toEqual(['environment', 'region', 'customer_impact', 'services']);
    expect(container.querySelector<HTMLInputElement>('#ia-field-changed_fields-services')?.value).toBe('api, db');

    edit('region', 'eu-west-1');
    expect(answers.at(-1)).toBe('{"region":"eu-west-1"}');
    edit('customer_impact', 'false');
    expect(JSON.parse(answers.at(-1) ?? '')).toEqual({ region: 'eu-west-1', customer_impact: 'false' });
    expect(container.textContent).toContain('region (changed)');

    // Typed back to its value, a field is no longer changed; with none changed the answer is empty.
    edit('region', 'us-east-1');
    expect(answers.at(-1)).toBe('{"customer_impact":"false"}');
    edit('customer_impact', 'true');
    expect(answers.at(-1)).toBe('');
  });

  it('says so when the incident has no custom fields', () => {
    render(
      <PromptFields prompts={[FIELDS_PROMPT]} answers={{}} disabled={false} customFields={{}} onChange={() => {}} />,
      container,
    );
    expect(container.textContent).toContain('This incident has no custom fields.');
  });
});

describe('a required choice with no answer yet', () => {
  it('shows a placeholder, not a choice nobody picked', () => {
    const prompt: Prompt = {
      name: 'state',
      label: 'Invocation state',
      type: 'choice',
      required: true,
      choices: ['completed', 'error'],
    };
    render(<PromptFields prompts={[prompt]} answers={{ state: '' }} disabled={false} onChange={() => {}} />, container);
    const select = container.querySelector('select');
    expect([...(select?.options ?? [])].map((option) => option.textContent)).toEqual(['—', 'completed', 'error']);
    expect(select?.value).toBe('');
    render(
      <PromptFields prompts={[prompt]} answers={{ state: 'error' }} disabled={false} onChange={() => {}} />,
      container,
    );
    expect([...(container.querySelector('select')?.options ?? [])].map((option) => option.value)).toEqual([
      'completed',
      'error',
    ]);
  });
});
