import { OPSGENIE_PRESETS } from '../sites/opsgenie/presets';
import { PAGERDUTY_PRESETS } from '../sites/pagerduty/presets';
import { PAGERTREE_PRESETS } from '../sites/pagertree/presets';
import type { Preset } from '../sites/preset';
import { CHAT_PRESETS } from './chat';
import { GENERIC_PRESETS } from './generic';

export type { Preset } from '../sites/preset';

/** Every preset, in the picker's order. */
export const PRESETS: readonly Preset[] = [
  ...PAGERDUTY_PRESETS,
  ...PAGERTREE_PRESETS,
  ...OPSGENIE_PRESETS,
  ...CHAT_PRESETS,
  ...GENERIC_PRESETS,
];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
