import { describe, expect, it } from 'vitest';
import { newAction } from '@/lib/model/action';
import { applyPreset } from '@/lib/presets/apply';
import { preset } from '../../support/presets';

describe('applyPreset', () => {
  it('applying a preset keeps the label, URL and conditions, and the user’s other variables', () => {
    const mine = {
      ...newAction(),
      label: 'Mine',
      url: 'https://example.com/x',
      conditions: { match: 'all' as const, rules: [] },
      variables: [
        { kind: 'constant' as const, name: 'region', value: 'eu' },
        { kind: 'constant' as const, name: 'urgency', value: 'x' },
      ],
    };
    const applied = applyPreset(mine, preset('pagertree-create'));
    expect(applied).toMatchObject({ label: 'Mine', url: 'https://example.com/x', conditions: mine.conditions });
    expect(applied.variables?.map((variable) => variable.name)).toEqual(['region', 'alert_id', 'urgency']);
    expect(applyPreset(applied, preset('generic-json')).auth).toBeUndefined();
  });
});
