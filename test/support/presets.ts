/**
 * Actions started from a preset, as the options page's editor makes them, and what they render for the
 * sample incidents. Not a test file itself (vitest only collects *.test.ts[x]).
 */
import { SAMPLE_INCIDENTS } from '@/components/options/actions/sample-incidents';
import { type Action, newAction } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { findPreset, type Preset } from '@/lib/presets';
import { applyPreset } from '@/lib/presets/apply';
import { type RenderContext, renderRequest } from '@/lib/render/request';

/** The first sample incident: every field a page can show. */
export const FULL = (SAMPLE_INCIDENTS[0] as { incident: IncidentSnapshot }).incident;
export const INVOCATION = { id: '0b6f8c1e-6a43-4d0e-9a57-1f2d3c4b5a69', createdAt: Date.UTC(2026, 10, 24, 10, 0, 0) };
export const SECRETS = { pagertree_token: 'pt-token-123456', rundeck_token: 'rd-token-123456', pd_secret: 'x' };

export function preset(id: string): Preset {
  const found = findPreset(id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

/** A new action, started from the preset, as the editor makes it (signing given its secret). */
export function actionFrom(id: string, overrides: Partial<Action> = {}): Action {
  const applied = applyPreset(
    { ...newAction(1_000), id: 'a1b2c3', label: 'Restart checkout', url: 'https://rundeck.example/hook' },
    preset(id),
  );
  return {
    ...applied,
    ...(applied.signing ? { signing: { ...applied.signing, secrets: ['pd_secret'] } } : {}),
    ...overrides,
  };
}

export function bodyOf(action: Action, incident: IncidentSnapshot = FULL, context: RenderContext = {}): unknown {
  const request = renderRequest(action, incident, { secrets: SECRETS, invocation: INVOCATION, ...context });
  if (!request.ok) throw new Error(request.error);
  return JSON.parse(request.value.body ?? 'null');
}
