import { describe, expect, it } from 'vitest';
import type { Prompt } from '@/lib/model/variables';
import { promptValues } from '@/lib/render/prompts';
import { renderRequest } from '@/lib/render/request';
import { makeAction } from '../../support/builders';
import { DISK_FULL_INCIDENT } from '../../support/templates';

describe('prompted values', () => {
  const prompts: Prompt[] = [
    { name: 'reason', label: 'Reason', type: 'text', required: true, pattern: '[A-Z]+-\\d+' },
    { name: 'replicas', label: 'Replicas', type: 'number', required: false, default: '3' },
    { name: 'env', label: 'Environment', type: 'choice', required: true, choices: ['staging', 'production'] },
    { name: 'force', label: 'Force', type: 'yesno', required: false },
  ];

  it('types and checks the answers', () => {
    expect(promptValues(prompts, { reason: 'OPS-12', env: 'production', force: 'yes' })).toEqual({
      ok: true,
      value: { reason: 'OPS-12', replicas: 3, env: 'production', force: true },
    });
  });

  it.each([
    [{ env: 'production' }, '“Reason” is required'],
    [{ reason: 'ops', env: 'production' }, '“Reason” must match [A-Z]+-\\d+'],
    [{ reason: 'OPS-1', env: 'production', replicas: 'many' }, '“Replicas” must be a number'],
    [{ reason: 'OPS-1', env: 'moon' }, '“Environment” must be one of the choices'],
    [{ reason: 'OPS-1', env: 'staging', force: 'maybe' }, '“Force” must be yes or no'],
  ])('refuses %j: %s', (answers, error) => {
    expect(promptValues(prompts, answers)).toEqual({ ok: false, error });
  });

  it('reach templates as params, as values, never as template text', () => {
    const action = makeAction({
      prompts: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
      body: '{"reason": "{{ params.reason }}"}',
    });
    const request = renderRequest(action, DISK_FULL_INCIDENT, { answers: { reason: '{{ incident.id }} "quoted"' } });
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({ reason: '{{ incident.id }} "quoted"' });
  });
});
